/**
 * Rolling-origin backtest of the LPG next-refill and churn models.
 * Usage: tsx functions/src/forecasting/cli/backtest-lpg.ts [--source demo|synthetic] [--today 2026-03-01]
 *        [--customers 300] [--seed 7] [--span 150] [--step 15]
 * `demo` (default) replays the local stack's demo order history (functions/src/local/seed);
 * `synthetic` uses this folder's simulator. Both know when each customer's gas would have run out
 * without the delivery (the seed from each customer's consumption and spares).
 */
import { taipeiDate } from '../../domain/clock';
import { generateOrderHistory } from '../../local/seed/generate';
import { rollingOrigins, runBacktest, type BacktestOptions, type WeeklyMetrics } from '../lpg/backtest';
import { OUTLOOK_WEEKS } from '../lpg/weekly-demand';
import type { DueWithinMetrics, NextOrderMetrics, QuantityMetrics } from '../lpg/evaluate';
import { deliveryHistoryFromOrders } from '../lpg/from-orders';
import type { DeliveryHistory, IsoDate } from '../lpg/types';
import { generateLpgHistory } from '../test-support/synthetic-lpg';
import { parseArgs } from './args';

interface Source {
  readonly description: string;
  readonly history: DeliveryHistory;
  readonly end: IsoDate;
  readonly runOutDate?: BacktestOptions['runOutDate'];
  readonly closures?: BacktestOptions['closures'];
}

function demoSource(today: IsoDate, seed: string | undefined): Source {
  const demo = generateOrderHistory({ today, ...(seed !== undefined ? { seed } : {}) });
  const runOuts = new Map<string, IsoDate>();
  for (const order of demo.orders) {
    const runOut = demo.runOutByOrder[order.id];
    if (runOut !== undefined && order.delivery) runOuts.set(`${order.customerId}|${taipeiDate(new Date(order.delivery.at))}`, runOut);
  }
  return {
    description: `demo order history (local/seed generateOrderHistory, today ${today}), ${demo.customers.length} customers, ${demo.orders.length} orders, ${demo.historyStart}..${demo.historyEnd}`,
    history: deliveryHistoryFromOrders(demo.customers, demo.orders, demo.priceList, demo.complaints),
    end: demo.historyEnd,
    runOutDate: (customerId, date) => runOuts.get(`${customerId}|${date}`),
    closures: demo.closures,
  };
}

function syntheticSource(customers: number, seed: number): Source {
  const world = generateLpgHistory({ customers, seed, days: 365 });
  return {
    description: `synthetic simulator (forecasting/test-support), ${customers} customers, seed ${seed}, ${world.start}..${world.end}`,
    history: world.history,
    end: world.end,
    runOutDate: (customerId, date) => world.truth.get(customerId)?.runOutByDelivery.get(date),
  };
}

function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

type Column<M> = readonly [header: string, width: number, cell: (metrics: M) => string];

/** One method per row, right-aligned figures under their headers; an empty title prints none. */
function printTable<M>(title: string, rows: readonly { readonly name: string; readonly metrics: M }[], columns: readonly Column<M>[]): void {
  const line = (first: string, cells: readonly string[]): string =>
    `${[first.padEnd(26), ...cells.map((cell, i) => cell.padStart(columns[i]?.[1] ?? 0))].join(' ')}\n`;
  process.stdout.write(`${title ? `\n${title}\n` : ''}${line('method', columns.map(([header]) => header))}`);
  for (const { name, metrics } of rows) process.stdout.write(line(name, columns.map(([, , cell]) => cell(metrics))));
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const source =
    (args.get('source') ?? 'demo') === 'demo'
      ? demoSource(args.get('today') ?? '2026-03-01', args.get('seed'))
      : syntheticSource(Number(args.get('customers') ?? 300), Number(args.get('seed') ?? 7));
  const started = performance.now();
  const report = runBacktest(source.history, {
    origins: rollingOrigins(source.end, Number(args.get('span') ?? 150), Number(args.get('step') ?? 15)),
    ...(source.runOutDate ? { runOutDate: source.runOutDate } : {}),
    ...(source.closures ? { closures: source.closures } : {}),
  });
  const out = process.stdout;
  out.write(`history: ${source.description}\n`);
  out.write(`origins: ${report.origins.length} (${report.origins[0]} .. ${report.origins.at(-1)}), model refitted at each\n\n`);
  printTable<NextOrderMetrics>('', report.methods, [
    ['cases', 5, (m) => String(m.cases)],
    ['MAE days', 8, (m) => m.maeDays.toFixed(2)],
    ['bias days', 9, (m) => m.biasDays.toFixed(2)],
    ['p10-p90 cover', 13, (m) => percent(m.coverageP10P90)],
    ['ran out < p10', 13, (m) => percent(m.ranOutBeforeP10)],
    ['ran out < safe date (lead days)', 31, (m) => `${percent(m.ranOutBeforeSafeDate)}${m.safeLeadDays === null ? '' : ` (${m.safeLeadDays.toFixed(1)})`}`],
  ]);
  printTable<QuantityMetrics>("next order's cylinders by size, same cases", report.quantity, [
    ['cases', 5, (m) => String(m.cases)],
    ['MAE cyl', 8, (m) => m.maeCylinders.toFixed(3)],
    ['suggested exact', 16, (m) => percent(m.suggestedExact)],
    ['suggested MAE', 14, (m) => m.suggestedMaeCylinders.toFixed(3)],
    ['p10-p90 cover', 14, (m) => percent(m.coverageP10P90)],
  ]);
  printTable<WeeklyMetrics>(`next ${OUTLOOK_WEEKS} weeks' cylinders by size, all customers (per origin, week ahead and size)`, report.weekly, [
    ['points', 6, (m) => String(m.points)],
    ['mean actual', 12, (m) => m.meanActual.toFixed(1)],
    ['MAE cyl', 8, (m) => m.maeCylinders.toFixed(2)],
    ['p10-p90 cover', 14, (m) => percent(m.coverageP10P90)],
  ]);
  out.write(`\n"orders within N days" (the due list's confidence, before churn), same cases: observed, mean predicted, Brier\n`);
  const dueLine = (m: DueWithinMetrics): string =>
    `  ${String(m.windowDays).padStart(2)} days  observed ${percent(m.observed)}  whole days, given none before: ${percent(m.served.meanPredicted)} Brier ${m.served.brier.toFixed(4)}` +
    `  points: ${percent(m.points.meanPredicted)} Brier ${m.points.brier.toFixed(4)}\n`;
  for (const m of report.dueWithin) out.write(dueLine(m));
  const churn = report.churn;
  out.write(
    `\nchurn (no order within 2x expected interval): samples ${churn.samples}, observed ${percent(churn.observedRate)}, ` +
      `mean predicted ${percent(churn.meanPredicted)}, Brier ${churn.brier.toFixed(4)}, AUC ${churn.auc?.toFixed(3) ?? '-'}\n`,
  );
  out.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

main();
