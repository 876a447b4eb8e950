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
import { rollingOrigins, runBacktest, WEEKS_AHEAD, type BacktestOptions } from '../lpg/backtest';
import { deliveryHistoryFromOrders } from '../lpg/from-orders';
import type { DeliveryHistory, IsoDate } from '../lpg/types';
import { generateLpgHistory } from '../test-support/synthetic-lpg';
import { parseArgs } from './args';

interface Source {
  readonly description: string;
  readonly history: DeliveryHistory;
  readonly end: IsoDate;
  readonly runOutDate?: BacktestOptions['runOutDate'];
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
  });
  const out = process.stdout;
  out.write(`history: ${source.description}\n`);
  out.write(`origins: ${report.origins.length} (${report.origins[0]} .. ${report.origins.at(-1)}), model refitted at each\n\n`);
  out.write(`${'method'.padEnd(26)} cases  MAE days  bias days  p10-p90 cover  ran out < p10  ran out < safe date (lead days)\n`);
  for (const { name, metrics } of report.methods) {
    const lead = metrics.safeLeadDays === null ? '' : ` (${metrics.safeLeadDays.toFixed(1)})`;
    out.write(
      [
        name.padEnd(26),
        String(metrics.cases).padStart(5),
        metrics.maeDays.toFixed(2).padStart(8),
        metrics.biasDays.toFixed(2).padStart(9),
        percent(metrics.coverageP10P90).padStart(13),
        percent(metrics.ranOutBeforeP10).padStart(13),
        `${percent(metrics.ranOutBeforeSafeDate).padStart(18)}${lead}`,
      ].join(' ') + '\n',
    );
  }
  out.write(`\nnext order's cylinders by size, same cases\n${'method'.padEnd(26)} cases  MAE cyl  suggested exact  suggested MAE  p10-p90 cover\n`);
  for (const { name, metrics } of report.quantity) {
    out.write(
      [
        name.padEnd(26),
        String(metrics.cases).padStart(5),
        metrics.maeCylinders.toFixed(3).padStart(8),
        percent(metrics.suggestedExact).padStart(16),
        metrics.suggestedMaeCylinders.toFixed(3).padStart(14),
        percent(metrics.coverageP10P90).padStart(14),
      ].join(' ') + '\n',
    );
  }
  out.write(`\nnext ${WEEKS_AHEAD} weeks' cylinders by size, all customers (per origin, week ahead and size)\n${'method'.padEnd(26)} points  mean actual  MAE cyl  p10-p90 cover\n`);
  for (const { name, metrics } of report.weekly) {
    out.write(
      [
        name.padEnd(26),
        String(metrics.points).padStart(6),
        metrics.meanActual.toFixed(1).padStart(12),
        metrics.maeCylinders.toFixed(2).padStart(8),
        percent(metrics.coverageP10P90).padStart(14),
      ].join(' ') + '\n',
    );
  }
  const churn = report.churn;
  out.write(
    `\nchurn (no order within 2x expected interval): samples ${churn.samples}, observed ${percent(churn.observedRate)}, ` +
      `mean predicted ${percent(churn.meanPredicted)}, Brier ${churn.brier.toFixed(4)}, AUC ${churn.auc?.toFixed(3) ?? '-'}\n`,
  );
  out.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

main();
