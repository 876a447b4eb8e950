import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreCylinderStockStore } from '../adapters/firestore/cylinder-stock-store';
import { firestoreDepositStore } from '../adapters/firestore/deposit-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreSettlementStore } from '../adapters/firestore/settlement-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import { assertStatementMonth, monthBounds, statementMonthSchema } from '../domain/billing/statement';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { forbidden } from '../domain/errors';
import { recordSettlement, settlementDay, settlementInputSchema, settlementRowSchema, settlementSchema } from '../domain/reports/driver-settlement';
import { driverPeriodCsv, driverPeriodQuerySchema, driverPeriodSchema, failedDeliveriesCsv } from '../domain/reports/driver-period';
import { settlementMonth, settlementMonthCsv, settlementMonthSchema, type SettlementMonth } from '../domain/reports/settlement-month';
import { calendarDateSchema, docIdSchema, z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { settlementStockMovement } from './use-cases/settlement-stock';
import { driverPeriodReport } from './use-cases/driver-period';
import { settledDeliveries } from './use-cases/stock-out';

/** Staff may ask for any driver or all; a driver only for themself (leaving `driverId` out means themself). */
function driverScope(principal: Principal, driverId: string | undefined): string | undefined {
  if (principal.role !== 'driver') return driverId;
  if (!principal.driverId || (driverId !== undefined && driverId !== principal.driverId)) {
    throw forbidden('AUTH.FORBIDDEN', 'A driver reads only their own settlement');
  }
  return principal.driverId;
}

const monthQuery = z.object({ month: statementMonthSchema });

/**
 * Every day of the month as 司機日結 sums it, from one read of the month's deliveries and routes, the settlements recorded
 * in it and the deposits collected at doors in it (`collectedBetween`, as a day reads its own).
 * The deposits are read from the day before the month: a phone clock a little ahead dates a delivery just after midnight
 * the day before, as the server's today holds its deposit (`depositsAtDoor`). Those whose order is not one of the
 * month's deliveries do not count (`settlementDay`).
 * @throws `STATEMENT.MONTH_IN_FUTURE` (precondition) for a month not begun.
 */
async function monthOf(c: Container, month: string): Promise<SettlementMonth> {
  assertStatementMonth(month, c.clock.now());
  const { firstDay, lastDay } = monthBounds(month);
  const store = firestoreSettlementStore(c.db);
  const [record, settlements, drivers, deposits] = await Promise.all([
    store.daysOf(firstDay, lastDay),
    store.recordedBetween(firstDay, lastDay),
    firestoreFleetStore(c.db).drivers(),
    firestoreDepositStore(c.db).collectedBetween(addDays(firstDay, -1), lastDay),
  ]);
  return settlementMonth(month, record, new Map(drivers.map((d) => [d.id, d.name])), settlements, deposits);
}

/** Driver daily settlement (司機日結): the day's stops, cash and empties per driver, and what the office received. */
export const settlementsFunction: HttpFunctionDef = {
  name: 'settlements',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office', 'driver'],
      docs: {
        summary: "A Taipei day's settlement per driver (default today): stops, cylinders, empties, cash expected and collected, deposits collected at the door, what was handed in",
        description:
          'Staff get every driver with a stop handled, a sent-out route or a settlement that day (or the one `driverId` names); a driver gets only their own row, and 403 for another driver’s. `undelivered` counts the stops of the driver’s sent-out routes with no outcome and the fulls loaded for them, to come back to the yard: a driver none of whose stops has an outcome has a row for this alone (nothing delivered, no cash) so the day can be settled. A settled row’s `deliveredAfterSettlement` (日結後補傳) names the fulls delivered that the settlement did not take out of the stock (uploaded after it): recording the hand-in again, with the same values or corrected ones, takes them out.',
        response: z.object({ date: calendarDateSchema, drivers: z.array(settlementRowSchema) }),
      },
      query: z.object({ date: calendarDateSchema.optional(), driverId: docIdSchema.optional() }),
      async handle({ query, principal }) {
        const c = await container();
        const driverId = driverScope(principal, query.driverId);
        const date = query.date ?? taipeiDate(c.clock.now());
        const store = firestoreSettlementStore(c.db);
        const [day, settlements, drivers] = await Promise.all([store.dayOf(date, driverId), store.ofDay(date, driverId), firestoreFleetStore(c.db).drivers()]);
        const names = new Map(drivers.map((d) => [d.id, d.name]));
        // The day's door deposits as the month reads them (`monthOf`): two range reads, where asking each customer delivered took a read per customer.
        const [clerks, deposits, booked] = await Promise.all([
          firestoreUserStore(c.db).displayNames(settlements.map((s) => s.by.uid)),
          firestoreDepositStore(c.db).collectedBetween(addDays(date, -1), date),
          settledDeliveries(c, date, settlements),
        ]);
        return { body: { date, drivers: settlementDay(date, day, names, settlements, clerks, deposits, booked) } };
      },
    }),
    route({
      method: 'GET',
      path: '/month',
      roles: ['admin', 'office'],
      docs: {
        summary: "司機現金月報: a Taipei month's cash per driver per day as 司機日結 sums each day (cash expected, collected, deposits, due, handed in, difference), the days with deliveries and no hand-in, totals per driver and for the month",
        description: 'A month not yet begun answers 422 (STATEMENT.MONTH_IN_FUTURE). Drivers and customers are refused.',
        response: settlementMonthSchema,
      },
      query: monthQuery,
      async handle({ query }) {
        return { body: await monthOf(await container(), query.month) };
      },
    }),
    route({
      method: 'GET',
      path: '/month/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The same month as CSV for the accountant (text/csv, UTF-8 with BOM, texts in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: a line per driver per day (handed in and difference blank while unsettled), a subtotal per driver, the month total, the days not settled' }),
        contentType: 'text/csv',
      },
      query: monthQuery,
      async handle({ query, locale }) {
        const report = await monthOf(await container(), query.month);
        return {
          body: settlementMonthCsv(report, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="driver-cash-${report.month}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/period',
      roles: ['admin', 'office'],
      docs: {
        summary:
          '配送失敗 and the drivers over a period (a week or a month, at most 62 days, up to today): every failed stop with its day, driver, customer, reason and what became of the order, counted by reason and by driver; per driver the deliveries, cylinders by size, revenue, working days, failures and the last six months’ 短溢',
        description: 'Each figure is the 司機日結’s of its days added up, the 短溢 司機現金月報’s. A period ending before it begins, longer than 62 days or ending after today answers 422 `REPORT.PERIOD_INVALID`.',
        response: driverPeriodSchema,
      },
      query: driverPeriodQuerySchema,
      async handle({ query }) {
        return { body: await driverPeriodReport(await container(), query.from, query.to) };
      },
    }),
    route({
      method: 'GET',
      path: '/period/failed/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The period’s failed deliveries as CSV (text/csv, UTF-8 with BOM, texts and reasons in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: a line per failed stop, then the counts by reason and by driver' }),
        contentType: 'text/csv',
      },
      query: driverPeriodQuerySchema,
      async handle({ query, locale }) {
        const report = await driverPeriodReport(await container(), query.from, query.to);
        return {
          body: failedDeliveriesCsv(report, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="failed-deliveries-${report.from}-${report.to}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/period/drivers/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The drivers’ figures over the period as CSV (text/csv, UTF-8 with BOM, headers in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: a line per driver, cylinders per size, then the 短溢 of each of the six months' }),
        contentType: 'text/csv',
      },
      query: driverPeriodQuerySchema,
      async handle({ query, locale }) {
        const report = await driverPeriodReport(await container(), query.from, query.to);
        return {
          body: driverPeriodCsv(report, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="drivers-${report.from}-${report.to}.csv"` },
        };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin', 'office'],
      docs: {
        summary: "Record what a driver handed in for a day (the same values again answer the same; other values need `replace: true`, else 409)",
        description: 'A day after today (Taipei) is refused with 422, an unknown driver with 404.',
        response: z.object({ settlement: settlementSchema }),
      },
      body: settlementInputSchema,
      async handle({ body, principal }) {
        const c = await container();
        const driver = await firestoreFleetStore(c.db).driver(body.driverId);
        const now = c.clock.now();
        const by = actorOf(principal);
        const movementFor = await settlementStockMovement(c, body.date, body.driverId, driver.vehicleId, by, now);
        const stock = firestoreCylinderStockStore(c.db);
        const settlement = await firestoreSettlementStore(c.db).record(
          body.date,
          body.driverId,
          (existing) => recordSettlement(body, { existing, today: taipeiDate(now), by, at: now }),
          movementFor && (async (tx, next) => (await stock.stage(tx, movementFor(next))).write),
        );
        return { body: { settlement } };
      },
    }),
  ],
};

http('settlements', createHttpHandler(settlementsFunction, async () => (await container()).http));
