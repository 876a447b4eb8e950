/**
 * The demo depots' cylinder stock (鋼瓶庫存): an opening stocktake per depot, sized from tomorrow's open
 * orders so the office page shows real figures: every size covered with room to spare except the 50 kg
 * industrial cylinders, which come up short, so the page has a shortfall to show. The count is taken before today's
 * trucks load, so it also holds the fulls today's routes take out of each depot: the day's settlements (司機日結) then
 * bring the stock down to that, never below zero. Pure, like the rest of the seed.
 */
import { addDays, taipeiInstant } from '../../domain/calendar';
import { applyMovement, CYLINDER_SIZES, emptyStock, sumBySize, type CylinderSize, type DepotStock, type StockMovement } from '../../domain/cylinders';
import type { Depot } from '../../domain/fleet';
import { depotOf } from './fleet';
import { OPEN_STATUSES, type Order } from '../../domain/orders';

/** The size the demo leaves short for tomorrow. */
export const SHORT_SIZE: CylinderSize = 50;
/** Each depot's share of the fulls (中和 runs five trucks, 三重 three). */
const SHARE: Readonly<Record<string, number>> = { 'depot-zhonghe': 5 / 8, 'depot-sanchong': 3 / 8 };
/** Fulls kept beyond tomorrow's demand, and empties waiting for the filling plant, per size across both depots. */
const SPARE: Readonly<Record<CylinderSize, { full: number; empty: number }>> = {
  4: { full: 12, empty: 5 },
  10: { full: 16, empty: 8 },
  16: { full: 20, empty: 10 },
  20: { full: 60, empty: 45 },
  50: { full: 0, empty: 6 },
};

export interface DemoStock {
  readonly stocks: DepotStock[];
  readonly movements: StockMovement[];
}

/** The stocktake is taken at 07:00 on `today`, or at `now` (the instant the demo is seeded at) when that is earlier. */
export function demoStock(depots: readonly Depot[], upcomingOrders: readonly Order[], today: string, now: string): DemoStock {
  const tomorrow = addDays(today, 1);
  const demand = sumBySize(upcomingOrders.filter((o) => o.requestedDate === tomorrow && OPEN_STATUSES.includes(o.status)).map((o) => o.items));
  const wanted = (size: CylinderSize) => demand.find((l) => l.size === size)?.quantity ?? 0;
  const total = (size: CylinderSize) => ({
    full: size === SHORT_SIZE ? Math.max(0, wanted(size) - Math.max(2, Math.ceil(wanted(size) / 3))) : wanted(size) + SPARE[size].full,
    empty: SPARE[size].empty,
  });
  const at = new Date(Math.min(Date.parse(taipeiInstant(today, '07:00')), Date.parse(now)));
  // Whatever becomes of them (delivered, failed and brought back, still on the truck), they were in the yard at 07:00.
  const loadedToday = (depotId: string) =>
    sumBySize(upcomingOrders.filter((o) => o.requestedDate === today && o.routeId && o.driverId && o.status !== 'cancelled' && depotOf(o.driverId) === depotId).map((o) => o.items));
  const applied = depots.map((depot) => {
    const share = SHARE[depot.id] ?? 1 / depots.length;
    const loaded = loadedToday(depot.id);
    const loadedOf = (size: CylinderSize) => loaded.find((l) => l.size === size)?.quantity ?? 0;
    const counted = CYLINDER_SIZES.map((size) => ({ size, full: Math.round(total(size).full * share) + loadedOf(size), empty: Math.round(total(size).empty * share) }));
    return applyMovement(emptyStock(depot.id), { kind: 'count', counted, note: '開帳盤點' }, { id: `count-${today}-opening`, depotId: depot.id, by: { uid: 'seed', role: 'system' }, at, previous: undefined });
  });
  return { stocks: applied.map((a) => a.stock), movements: applied.map((a) => a.movement) };
}
