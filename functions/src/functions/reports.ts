import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreSalesStore } from '../adapters/firestore/sales-store';
import { statementMonthSchema, taipeiMonth } from '../domain/billing';
import { assertReportMonth, comparedMonths, monthlySales, monthlySalesCsv, monthlySalesSchema, salesTotals, type MonthlySales } from '../domain/reports/monthly-sales';
import { z } from '../domain/schema';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

const query = z.object({ month: statementMonthSchema.optional() });

/** The month's report with the previous month's and last year's totals: three month-bounded reads, run side by side. */
async function reportFor(month: string | undefined): Promise<MonthlySales> {
  const c = await container();
  const now = c.clock.now();
  const wanted = month ?? taipeiMonth(now);
  // Before any read: a month not begun has nothing to query.
  assertReportMonth(wanted, now);
  const store = firestoreSalesStore(c.db);
  const months = comparedMonths(wanted);
  const read = (m: string) => Promise.all([store.deliveredIn(m), store.dailyCounters(m)]);
  const [[orders, counters], previous, lastYear] = await Promise.all([read(months.month), read(months.previous), read(months.lastYear)]);
  return monthlySales(wanted, {
    orders,
    customers: await store.customers(orders.map((o) => o.customerId)),
    counters,
    previous: salesTotals(months.previous, ...previous),
    lastYear: salesTotals(months.lastYear, ...lastYear),
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
        description: 'A month not yet begun answers 422 (REPORT.MONTH_IN_FUTURE); the running month answers with `closed: false`.',
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
  ],
};

http('reports', createHttpHandler(reportsFunction, async () => (await container()).http));
