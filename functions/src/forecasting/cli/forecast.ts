/**
 * Forecasts every series of a CSV panel.
 * Usage: npm run --silent forecast -- --input <csv> --horizon <h> --output <csv>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatForecastCsv, parseSeriesCsv } from '../series/csv';
import { intermittentForecaster } from '../series/intermittent';
import { parseArgs, requireArg } from './args';

function main(argv: readonly string[]): void {
  const args = parseArgs(argv);
  const horizon = Number(requireArg(args, 'horizon'));
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error('--horizon must be a positive integer');
  const { series } = parseSeriesCsv(readFileSync(requireArg(args, 'input'), 'utf8'));
  const forecasts = intermittentForecaster()(
    series.map((s) => s.values),
    horizon,
  );
  writeFileSync(
    requireArg(args, 'output'),
    formatForecastCsv(
      series.map((s) => s.id),
      forecasts,
    ),
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`forecast: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
