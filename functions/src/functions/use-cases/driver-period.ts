import type { Container } from '../../adapters/container';
import { firestoreDepositStore } from '../../adapters/firestore/deposit-store';
import { firestoreDriverPeriodStore } from '../../adapters/firestore/driver-period-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestoreSettlementStore } from '../../adapters/firestore/settlement-store';
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { assertPeriod, driverPeriod, failedOrderIds, periodReadFrom, withUnroutedFailures, type DriverPeriod } from '../../domain/reports/driver-period';

/**
 * 配送失敗 and the drivers' figures for a period: the period's days (`daysOf`, as 司機現金月報 reads a month) and its
 * orders still failed whose route is not kept; the deliveries' cash alone (`cashDeliveredBetween`), the hand-ins and door
 * deposits from the first 短溢 month to the period's month end, where reading those six months as the period's days took
 * a week as long as a month; then the period's failed orders as they stand now and their customers, read by id.
 * @throws `REPORT.PERIOD_INVALID` before any read.
 */
export async function driverPeriodReport(c: Container, from: string, to: string): Promise<DriverPeriod> {
  assertPeriod(from, to, taipeiDate(c.clock.now()));
  const read = periodReadFrom(from, to);
  const settlements = firestoreSettlementStore(c.db);
  const store = firestoreDriverPeriodStore(c.db);
  const [days, cash, stillFailed, recorded, drivers, deposits] = await Promise.all([
    settlements.daysOf(from, to),
    settlements.cashDeliveredBetween(read.from, read.to),
    store.stillFailedBetween(from, to),
    settlements.recordedBetween(read.from, read.to),
    firestoreFleetStore(c.db).drivers(),
    // From the day before, as the month does: a phone clock a little ahead dates a delivery just after midnight that day.
    firestoreDepositStore(c.db).collectedBetween(addDays(read.from, -1), read.to),
  ]);
  const record = withUnroutedFailures(days, stillFailed);
  const ids = failedOrderIds(from, to, record);
  const [ordersNow, customers] = await Promise.all([store.ordersNow(ids.orderIds), store.customers(ids.customerIds)]);
  return driverPeriod(from, to, { record, cash, driverNames: new Map(drivers.map((d) => [d.id, d.name])), settlements: recorded, deposits, ordersNow, customers });
}
