import type { Container } from '../../adapters/container';
import { firestoreCylinderStockStore } from '../../adapters/firestore/cylinder-stock-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
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
import { settlementDay, settlementId, type Settlement, type SettlementDayRoute, type SettlementRow } from '../../domain/reports/driver-settlement';

/** The fulls out of the yard that the stock still counts, for a cover, and why. */
export interface StockOut {
  /** Today's trucks, drivers not settled yet (`unsettledOut`). */
  readonly onTrucks: SizeQuantity[];
  /** The unsettled trucks of the days before today and the deliveries uploaded after their day was settled, summed. */
  readonly unbooked: SizeQuantity[];
  readonly unsettledDays: UnsettledDay[];
  readonly deliveredAfterSettlement: DeliveredAfterSettlement[];
}

const NOTHING: StockOut = { onTrucks: [], unbooked: [], unsettledDays: [], deliveredAfterSettlement: [] };

/** How many days before today a truck left unsettled is read: yesterday and the 6 before it. Older is the 司機日結 page's to chase. */
export const UNSETTLED_DAYS_READ = 7;
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
async function dayOut(c: Container, date: string): Promise<{ rows: SettlementRow[]; routes: readonly SettlementDayRoute[] }> {
  const settlements = firestoreSettlementStore(c.db);
  const [day, settled] = await Promise.all([settlements.dayOf(date), settlements.ofDay(date)]);
  return { rows: settlementDay(date, day, new Map(), settled, new Map(), [], await settledDeliveries(c, date, settled)), routes: day.routes };
}

const outOf = (rows: readonly SettlementRow[]) => rows.map((r) => ({ driverId: r.driverId, cylindersDelivered: r.cylindersDelivered, settled: r.settlement !== null }));

type DriverDayUnsettled = ReturnType<typeof unsettledDays>[number] & { readonly date: string };

/**
 * The drivers' days from `from` to `to` not settled that took fulls out (`unsettledDays`). Who took a truck out on which
 * day and which driver-days are settled are read in one query each, a few fields; only a day with a driver out and not
 * settled (few: the office settles every evening) is read further, whole (its deliveries and routes), as yesterday is. A driver who delivered on
 * such a day with no route of theirs that day is not seen.
 */
async function unsettledBetween(c: Container, from: string, to: string): Promise<DriverDayUnsettled[]> {
  const settlements = firestoreSettlementStore(c.db);
  const [sentOut, settled] = await Promise.all([settlements.sentOutBetween(from, to), settlements.settledBetween(from, to)]);
  const done = new Set(settled.map((s) => settlementId(s.date, s.driverId)));
  const openDays = [...new Set(sentOut.filter((r) => !done.has(settlementId(r.date, r.driverId))).map((r) => r.date))];
  const days = await Promise.all(
    openDays.map(async (date) => {
      const day = await settlements.dayOf(date);
      const drivers = settlementDay(date, day, new Map(), []).map((r) => ({ driverId: r.driverId, cylindersDelivered: r.cylindersDelivered, settled: done.has(settlementId(date, r.driverId)) }));
      return unsettledDays(drivers, day.routes).map((d) => ({ ...d, date }));
    }),
  );
  return days.flat();
}

/**
 * What a cover of `date` takes off the fulls in stock (nothing for a day before today): the fulls today's routes took out
 * that the stock counts until the 司機日結 (`onTrucks`: the deliveries of the drivers not settled yet and, for a day after
 * today, the stops still on their trucks); and `unbooked`: the trucks of the `UNSETTLED_DAYS_READ` days before today never
 * settled (what they delivered and what was loaded for the stops with no outcome, on the truck or back in the yard
 * uncounted: 尚未日結, with the day, the drivers and their trucks' plates), and the deliveries of yesterday or today
 * uploaded after their day was settled (日結後補傳), which left the yard though the stock moves only when the hand-in is
 * recorded again. Yesterday is read whole; the days before it by their routes (`unsettledBetween`).
 */
export async function stockOutOfTheYard(c: Container, date: string): Promise<StockOut> {
  const today = taipeiDate(c.clock.now());
  if (date < today) return NOTHING;
  const yesterday = addDays(today, -1);
  const fleet = firestoreFleetStore(c.db);
  const [todays, yesterdays, earlier, drivers, vehicles] = await Promise.all([
    dayOut(c, today),
    dayOut(c, yesterday),
    unsettledBetween(c, addDays(today, -UNSETTLED_DAYS_READ), addDays(yesterday, -1)),
    fleet.drivers(),
    fleet.vehicles(),
  ]);
  const nameOf = (driverId: string) => drivers.find((d) => d.id === driverId)?.name ?? driverId;
  const unsettled = [...earlier, ...unsettledDays(outOf(yesterdays.rows), yesterdays.routes).map((d) => ({ ...d, date: yesterday }))]
    .sort((a, b) => a.date.localeCompare(b.date) || a.driverId.localeCompare(b.driverId))
    .map((d) => ({
      date: d.date,
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
    unbooked: sumBySize([...unsettled.map((d) => d.cylinders), ...late.map((l) => l.cylinders)]),
    unsettledDays: unsettled,
    deliveredAfterSettlement: late,
  };
}
