import type { Container } from '../../adapters/container';
import { firestoreCylinderStockStore } from '../../adapters/firestore/cylinder-stock-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestoreRouteStore } from '../../adapters/firestore/route-store';
import { firestoreSettlementStore } from '../../adapters/firestore/settlement-store';
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import {
  settlementMovementId,
  sumBySize,
  unsettledDays,
  unsettledOut,
  type DeliveredAfterSettlement,
  type SizeQuantity,
  type UnsettledDay,
} from '../../domain/cylinders';
import { settlementDay, type Settlement, type SettlementRow } from '../../domain/reports/driver-settlement';
import type { Route } from '../../domain/routes';

/** The fulls out of the yard that the stock still counts, for a cover, and why. */
export interface StockOut {
  /** Today's trucks, drivers not settled yet (`unsettledOut`). */
  readonly onTrucks: SizeQuantity[];
  /** Yesterday's unsettled trucks and the deliveries uploaded after their day was settled, summed. */
  readonly unbooked: SizeQuantity[];
  readonly unsettledYesterday: UnsettledDay[];
  readonly deliveredAfterSettlement: DeliveredAfterSettlement[];
}

const NOTHING: StockOut = { onTrucks: [], unbooked: [], unsettledYesterday: [], deliveredAfterSettlement: [] };

/**
 * Per settled driver of a day, what the day's settlement movement took out of the stock (its `delivered`): the 司機日結
 * row's `deliveredAfterSettlement` weighs the day's deliveries against it. A day that moved no stock is left out.
 */
export async function settledDeliveries(c: Container, date: string, settled: readonly Pick<Settlement, 'driverId'>[]): Promise<Map<string, SizeQuantity[]>> {
  const movements = await firestoreCylinderStockStore(c.db).settledDeliveries(settled.map((s) => settlementMovementId(date, s.driverId)));
  return new Map(
    settled.flatMap((s) => {
      const took = movements.get(settlementMovementId(date, s.driverId));
      return took ? [[s.driverId, took] as const] : [];
    }),
  );
}

/** A day's 司機日結 rows (knowing what each settled day's movement took out of the stock) and routes. */
async function dayOut(c: Container, date: string): Promise<{ rows: SettlementRow[]; routes: Route[] }> {
  const settlements = firestoreSettlementStore(c.db);
  const [orders, settled, routes] = await Promise.all([settlements.dayOrders(date), settlements.ofDay(date), firestoreRouteStore(c.db, c.publisher).ofDate(date)]);
  return { rows: settlementDay(date, orders, new Map(), settled, new Map(), [], await settledDeliveries(c, date, settled)), routes };
}

/**
 * What a cover of `date` takes off the fulls in stock (nothing for a day before today): the fulls today's routes took out
 * that the stock counts until the 司機日結 (`onTrucks`: the deliveries of the drivers not settled yet and, for a day after
 * today, the stops still on their trucks); and `unbooked`: yesterday's trucks never settled (what they delivered and what
 * was loaded for the stops with no outcome, on the truck or back in the yard uncounted: 昨日尚未日結, with the drivers and
 * their trucks' plates), and the deliveries of yesterday or today uploaded after their day was settled (日結後補傳), which
 * left the yard though the stock moves only when the hand-in is recorded again. Days before yesterday are not read: a day
 * left unsettled that long is the 司機日結 page's to chase.
 */
export async function stockOutOfTheYard(c: Container, date: string): Promise<StockOut> {
  const today = taipeiDate(c.clock.now());
  if (date < today) return NOTHING;
  const yesterday = addDays(today, -1);
  const fleet = firestoreFleetStore(c.db);
  const [todays, yesterdays, drivers, vehicles] = await Promise.all([dayOut(c, today), dayOut(c, yesterday), fleet.drivers(), fleet.vehicles()]);
  const nameOf = (driverId: string) => drivers.find((d) => d.id === driverId)?.name ?? driverId;
  const outOf = (rows: readonly SettlementRow[]) => rows.map((r) => ({ driverId: r.driverId, cylindersDelivered: r.cylindersDelivered, settled: r.settlement !== null }));
  const unsettledYesterday = unsettledDays(outOf(yesterdays.rows), yesterdays.routes).map((d) => ({
    date: yesterday,
    driverId: d.driverId,
    driverName: nameOf(d.driverId),
    plates: d.vehicleIds.map((id) => vehicles.find((v) => v.id === id)?.plate ?? id),
    cylinders: d.cylinders,
  }));
  const late = [
    ...yesterdays.rows.map((r) => ({ date: yesterday, r })),
    ...todays.rows.map((r) => ({ date: today, r })),
  ].flatMap(({ date: day, r }) => (r.deliveredAfterSettlement.length > 0 ? [{ date: day, driverId: r.driverId, driverName: nameOf(r.driverId), cylinders: r.deliveredAfterSettlement }] : []));
  return {
    onTrucks: unsettledOut(outOf(todays.rows), todays.routes, date > today),
    unbooked: sumBySize([...unsettledYesterday.map((d) => d.cylinders), ...late.map((l) => l.cylinders)]),
    unsettledYesterday,
    deliveredAfterSettlement: late,
  };
}
