import type { Versioned } from '../../adapters/firestore/aggregate-store';
import { ROUTES } from '../../adapters/firestore/route-store';
import type { UnitOfWork } from '../../adapters/firestore/unit-of-work';
import { assertCanTransition, orderStatusEvent, transition, type Order } from '../../domain/orders';
import { ROUTE_EVENTS, withoutStop, type Route } from '../../domain/routes';
import { actorOf, type Principal } from '../../http/auth/principal';
import { orderPayerIn } from './chain-access';

/**
 * A scheduled order is on a published route: when it leaves it (cancelled, or taken back to planning) its stop comes off
 * that route in the same transaction (`withoutStop`), or the route could never complete and the driver would still see
 * the stop. `type` says why: `route.stop_cancelled` or `route.stop_removed`.
 */
export async function offPublishedRoute(uow: UnitOfWork, order: Order, now: Date, type: 'route.stop_cancelled' | 'route.stop_removed'): Promise<void> {
  const route = order.status === 'scheduled' && order.routeId ? await uow.read<Route>(ROUTES, order.routeId) : null;
  if (!route?.stops.some((s) => s.orderId === order.id)) return;
  const trimmed = withoutStop(route, order.id, now);
  uow.put(ROUTES, route, trimmed, [
    { topic: ROUTE_EVENTS, type, data: { routeId: route.id, orderId: order.id } },
    ...(trimmed.status === 'completed' && route.status !== 'completed'
      ? [{ topic: ROUTE_EVENTS, type: 'route.completed', data: { routeId: route.id, driverId: route.driverId } }]
      : []),
  ]);
}

/**
 * Cancels an order read in `uow` for the caller, as they may (`assertCanTransition`), with its `order.status_changed`
 * in the same transaction; a scheduled order's stop comes off its route (`offPublishedRoute`). What every cancel goes
 * through: one order's 取消 (a head office's of its branch's too, `orderPayerIn`) and a customer's deactivation cancelling theirs alike.
 */
export async function cancelOrderIn(
  uow: UnitOfWork,
  principal: Principal,
  current: Versioned<Order>,
  { reason, note }: { reason: string; note?: string | undefined },
  now: Date,
): Promise<Versioned<Order>> {
  assertCanTransition(principal, current, 'cancelled', await orderPayerIn(uow.db, uow.tx, principal, current));
  const next = transition(current, 'cancelled', { by: actorOf(principal), at: now, reason, ...(note ? { note } : {}) });
  await offPublishedRoute(uow, current, now, 'route.stop_cancelled');
  return uow.put<Order>('orders', current, next, [orderStatusEvent(next, current.status)]);
}
