import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreSalesStore } from '../adapters/firestore/sales-store';
import { statementMonthSchema, taipeiMonth } from '../domain/billing';
import {
  assertReportMonth,
  comparedMonths,
  isClosedMonth,
  monthlySales,
  monthlySalesCsv,
  monthlySalesSchema,
  periodTotals,
  salesTotals,
  type MonthlySales,
} from '../domain/reports/monthly-sales';
import { daysBetween } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { dailyTrend } from '../domain/reports/daily-trend';
import { assertPeriod } from '../domain/reports/driver-period';
import { dailyTrendCsv, punctualityCsv } from '../domain/reports/kpi-csv';
import { punctualityByDriver } from '../domain/reports/punctuality-summary';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { lastClosedWeek, comparedWeeks, weekOf, weekPeriod, weeklySales, weeklySalesCsv, weeklySalesSchema, type WeeklySales } from '../domain/reports/weekly-sales';
import { calendarDateSchema, z } from '../domain/schema';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

const query = z.object({ month: statementMonthSchema.optional() });
const weekQuery = z.object({ week: calendarDateSchema.optional().describe('Any day of the week wanted (Monday–Sunday); default the last week ended') });

/** The longest window 報表's 準時率 and trend offer (their 7, 30 and 90 days). */
export const KPI_MAX_DAYS = 90;
const kpiQuery = z.object({
  from: calendarDateSchema.describe('First Taipei day'),
  to: calendarDateSchema.describe('Last Taipei day, included; at most 90 days after `from`, not after today'),
});

/**
 * The window's store, once it is one 報表 can show: 422 `REPORT.PERIOD_INVALID` for one ending before it begins, longer
 * than `KPI_MAX_DAYS` or after today, before any read.
 */
async function kpiWindow(q: z.infer<typeof kpiQuery>) {
  const c = await container();
  assertPeriod(q.from, q.to, taipeiDate(c.clock.now()), KPI_MAX_DAYS);
  return c;
}

/** The month's report with the previous month's and last year's totals: three month-bounded reads, run side by side. */
async function computeReport(store: ReturnType<typeof firestoreSalesStore>, wanted: string, now: Date): Promise<MonthlySales> {
  const months = comparedMonths(wanted);
  const read = (m: string) => Promise.all([store.deliveredIn(m), store.dailyCounters(m)]);
  const [[orders, counters], previous, lastYear] = await Promise.all([read(months.month), read(months.previous), read(months.lastYear)]);
  return monthlySales(wanted, {
    orders,
    previousOrders: previous[0],
    customers: await store.customers([...orders, ...previous[0]].map((o) => o.customerId)),
    counters,
    previous: salesTotals(months.previous, ...previous),
    lastYear: salesTotals(months.lastYear, ...lastYear),
    now,
  });
}

/**
 * The running month computed live; a closed one read from `monthlyReports/{month}`, computed and stored on its first view
 * and again after the report-counters consumer marked it stale (a late delivery or counter in it or the months it compares).
 */
async function reportFor(month: string | undefined): Promise<MonthlySales> {
  const c = await container();
  const now = c.clock.now();
  const wanted = month ?? taipeiMonth(now);
  // Before any read: a month not begun has nothing to query.
  assertReportMonth(wanted, now);
  const store = firestoreSalesStore(c.db);
  if (!isClosedMonth(wanted, now)) return computeReport(store, wanted, now);
  const stored = await store.storedReport(wanted);
  if (stored.report) return stored.report;
  const report = await computeReport(store, wanted, now);
  await store.keepReport(wanted, report, stored, now);
  return report;
}

/**
 * The week's report with the week before's and the same week a year before's totals, always computed: a week is a few
 * hundred deliveries, read by three bounded queries side by side.
 */
async function weeklyReport(day: string | undefined): Promise<WeeklySales> {
  const c = await container();
  const now = c.clock.now();
  const weeks = comparedWeeks(weekOf(day ?? lastClosedWeek(now)));
  const store = firestoreSalesStore(c.db);
  const read = (week: string) => {
    const { from, to } = weekPeriod(week);
    return Promise.all([store.deliveredBetween(from, to), store.countersBetween(from, to)]);
  };
  const [[orders, counters], previous, lastYear] = await Promise.all([read(weeks.week), read(weeks.previous), read(weeks.lastYear)]);
  return weeklySales(weeks.week, {
    orders,
    previousOrders: previous[0],
    customers: await store.customers([...orders, ...previous[0]].map((o) => o.customerId)),
    counters,
    previous: periodTotals(weekPeriod(weeks.previous), ...previous),
    lastYear: periodTotals(weekPeriod(weeks.lastYear), ...lastYear),
    now,
  });
}

/** Office reports read on demand; the daily counters are kept by the reportCounters consumer. */
export const reportsFunction: HttpFunctionDef = {
  name: 'reports',
  routes: [
    route({
      method: 'GET',
      path: '/monthly',
      roles: ['admin', 'office'],
      docs: {
        summary: "月報: a Taipei month's sales (default the running month): cylinders, revenue and orders per size, customer type, district and payment terms, the top 20 customers, failures and cancellations, against the previous month and the same month last year",
        description:
          'A month not yet begun answers 422 (REPORT.MONTH_IN_FUTURE); the running month answers with `closed: false`, computed on each request. A closed month is computed on its first view and then read as stored, until a late delivery or counter marks it stale.',
        response: monthlySalesSchema,
      },
      query,
      async handle({ query: q }) {
        return { body: await reportFor(q.month) };
      },
    }),
    route({
      method: 'GET',
      path: '/monthly/export',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The monthly sales report as CSV for the accountant (text/csv, UTF-8 with BOM, headers in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: totals with comparisons, then a section per breakdown and the top customers' }),
        contentType: 'text/csv',
      },
      query,
      async handle({ query: q, locale }) {
        const report = await reportFor(q.month);
        return {
          body: monthlySalesCsv(report, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="monthly-sales-${report.month}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/weekly',
      roles: ['admin', 'office'],
      docs: {
        summary:
          "週報: a Monday–Sunday Taipei week's sales (default the last week ended), laid out as 月報: cylinders, revenue and orders per size, customer type, district and payment terms, the top 20 customers, failures and cancellations, against the week before and the same week a year before (52 weeks back, Monday facing Monday)",
        description: 'Any day of the week names it. A week not yet begun answers 422 (REPORT.WEEK_IN_FUTURE); the running week answers with `closed: false`.',
        response: weeklySalesSchema,
      },
      query: weekQuery,
      async handle({ query: q }) {
        return { body: await weeklyReport(q.week) };
      },
    }),
    route({
      method: 'GET',
      path: '/weekly/export',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The weekly sales report as CSV (text/csv, UTF-8 with BOM, headers in the caller’s language), laid out as the monthly one',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: totals with comparisons, then a section per breakdown and the top customers' }),
        contentType: 'text/csv',
      },
      query: weekQuery,
      async handle({ query: q, locale }) {
        const report = await weeklyReport(q.week);
        return {
          body: weeklySalesCsv(report, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="weekly-sales-${report.week}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/punctuality/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: "準時率 over a window as CSV (text/csv, UTF-8 with BOM, headers in the caller's language), as 報表's tab computes it from the drivers' daily counters",
        description: 'A line per driver, least punctual first, then everyone. A window ending before it begins, longer than 90 days or after today answers 422 `REPORT.PERIOD_INVALID`.',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: title, period, then a line per driver and one for all' }),
        contentType: 'text/csv',
      },
      query: kpiQuery,
      async handle({ query: q, locale }) {
        const c = await kpiWindow(q);
        const [reports, drivers] = await Promise.all([firestoreSalesStore(c.db).punctualityReports(q.from, q.to), firestoreFleetStore(c.db).drivers()]);
        const nameOf = (id: string) => drivers.find((d) => d.id === id)?.name ?? id;
        return {
          body: punctualityCsv(punctualityByDriver(reports), q, nameOf, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="punctuality-${q.from}-${q.to}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/trend/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: "報表's trend over a window as CSV (text/csv, UTF-8 with BOM, headers in the caller's language): orders booked, delivered and cancelled and the delivered revenue a day, from the daily counters",
        description: 'Every day of the window, oldest first, zero where nothing was counted, then the totals and the cancel rate. A window ending before it begins, longer than 90 days or after today answers 422 `REPORT.PERIOD_INVALID`.',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: title, period, a line per day, totals, cancel rate' }),
        contentType: 'text/csv',
      },
      query: kpiQuery,
      async handle({ query: q, locale }) {
        const c = await kpiWindow(q);
        const reports = await firestoreSalesStore(c.db).dailyReports(q.from, q.to);
        return {
          body: dailyTrendCsv(dailyTrend(reports, q.to, daysBetween(q.from, q.to) + 1), locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="trend-${q.from}-${q.to}.csv"` },
        };
      },
    }),
  ],
};

http('reports', createHttpHandler(reportsFunction, async () => (await container()).http));
