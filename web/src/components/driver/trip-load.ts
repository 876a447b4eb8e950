import type { RouteStop, SizeQuantity } from '../../lib/types';
import { addUp } from '../routes/route-sheet';

/**
 * 裝車: the fulls one trip of a route takes out from the depot, by size, smallest first — what its stops' orders bring, as
 * the 派車單 adds up the route's load, a trip at a time since a truck of several trips reloads between them. A stop whose
 * order is not read adds nothing.
 */
export function tripLoad(stops: readonly Pick<RouteStop, 'orderId' | 'trip'>[], trip: number, orderOf: (orderId: string) => { readonly items: readonly SizeQuantity[] } | undefined): SizeQuantity[] {
  return addUp(stops.filter((s) => s.trip === trip).flatMap((s) => orderOf(s.orderId)?.items ?? []));
}
