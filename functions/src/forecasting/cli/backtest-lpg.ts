/**
 * Rolling-origin backtest of the LPG next-refill and churn models.
 * Usage: tsx functions/src/forecasting/cli/backtest-lpg.ts [--customers 300] [--seed 7] [--span 150] [--step 15]
 */
import { runBacktest, rollingOrigins } from '../lpg/backtest';
import { generateLpgHistory } from '../test-support/synthetic-lpg';
import { parseArgs } from './args';

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const customers = Number(args.get('customers') ?? 300);
  const seed = Number(args.get('seed') ?? 7);
  const span = Number(args.get('span') ?? 150);
  const step = Number(args.get('step') ?? 15);
  const world = generateLpgHistory({ customers, seed, days: 365 });
  const source = `synthetic generator (test-support/synthetic-lpg.ts), ${customers} customers, seed ${seed}`;
  const started = performance.now();
  const report = runBacktest(world.history, {
    origins: rollingOrigins(world.end, span, step),
    runOutDate: (customerId, date) => world.truth.get(customerId)?.runOutByDelivery.get(date),
  });
  const seconds = (performance.now() - started) / 1000;
  const out = process.stdout;
  out.write(`history: ${source}, ${world.start}..${world.end}\n`);
  out.write(`origins: ${report.origins.length} (${report.origins[0]} .. ${report.origins.at(-1)}), refit at each\n\n`);
  out.write(`${'method'.padEnd(26)} cases  MAE days  bias days  p10-p90 cover  ran out < p10  ran out < safe date (lead days)\n`);
  for (const { name, metrics } of report.methods) {
    const percent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
    out.write(
      `${name.padEnd(26)} ${String(metrics.cases).padStart(5)}  ${metrics.maeDays.toFixed(2).padStart(8)}  ${metrics.biasDays
        .toFixed(2)
        .padStart(9)}  ${percent(metrics.coverageP10P90).padStart(13)}  ${percent(metrics.ranOutBeforeP10).padStart(13)}  ${percent(
        metrics.ranOutBeforeSafeDate,
      ).padStart(18)} ${metrics.safeLeadDays === null ? '' : `(${metrics.safeLeadDays.toFixed(1)})`}\n`,
    );
  }
  const churn = report.churn;
  out.write(
    `\nchurn (no order within 2x expected interval): samples ${churn.samples}, observed ${(churn.observedRate * 100).toFixed(1)}%, ` +
      `mean predicted ${(churn.meanPredicted * 100).toFixed(1)}%, Brier ${churn.brier.toFixed(4)}, AUC ${churn.auc?.toFixed(3) ?? '-'}\n`,
  );
  out.write(`${seconds.toFixed(1)} s\n`);
}

main();
