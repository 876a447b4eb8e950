/**
 * Carparts benchmark (fev / Chronos protocol, see ../../../../../shared/benchmarks/carparts/README.md):
 * forecasts the last 12 months from the rest and prints MASE, RMSSE, WQL of our model and of the
 * baselines, all scored by the same code. MASE and RMSSE score the `mean` column; MASE(q0.5) scores
 * the median, the point forecast fev / Chronos use for MASE (the median minimises absolute error).
 * A validation split (forecast months 28–39 from 1–27) is printed too: tune on that, not on the test.
 * Usage: npm run bench:forecast [-- --input <csv>]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  crostonForecaster,
  lastYearQuantilesForecaster,
  sesForecaster,
  tsbForecaster,
  zeroForecaster,
} from '../series/baselines';
import { parseSeriesCsv } from '../series/csv';
import { intermittentForecaster } from '../series/intermittent';
import { medianPoint, scorePanel } from '../series/metrics';
import type { PanelForecaster } from '../series/types';
import { parseArgs } from './args';

const HOLD_OUT = 12;
const DEFAULT_INPUT = resolve(__dirname, '../../../../../shared/benchmarks/carparts/carparts-dev.csv');

const METHODS: readonly [string, PanelForecaster][] = [
  ['ours (EB hurdle)', intermittentForecaster()],
  ['zero', zeroForecaster],
  ['empirical q last 12', lastYearQuantilesForecaster],
  ['SES(0.1)', sesForecaster(0.1)],
  ['Croston(0.1)', crostonForecaster],
  ['TSB(0.1,0.1)', tsbForecaster],
];

function main(): void {
  const input = parseArgs(process.argv.slice(2)).get('input') ?? DEFAULT_INPUT;
  const { series } = parseSeriesCsv(readFileSync(input, 'utf8'));
  const length = Math.max(0, ...series.map((s) => s.values.length));
  const splits = [
    { name: `validation (forecast ${length - 2 * HOLD_OUT + 1}–${length - HOLD_OUT} from the first ${length - 2 * HOLD_OUT})`, end: length - HOLD_OUT },
    { name: `test (forecast the last ${HOLD_OUT} from the first ${length - HOLD_OUT})`, end: length },
  ];
  process.stdout.write(`${input}: ${series.length} series, ${length} periods\n`);
  for (const split of splits) {
    const cut = split.end - HOLD_OUT;
    const histories = series.map((s) => s.values.slice(0, cut));
    const actuals = series.map((s) => s.values.slice(cut, split.end));
    process.stdout.write(`\n${split.name}\n${'method'.padEnd(22)}  MASE    RMSSE   WQL     MASE(q0.5)  seconds\n`);
    for (const [name, forecaster] of METHODS) {
      const started = performance.now();
      const forecasts = forecaster(histories, HOLD_OUT);
      const seconds = (performance.now() - started) / 1000;
      const scores = scorePanel(histories, actuals, forecasts);
      const medianMase = scorePanel(histories, actuals, forecasts, medianPoint).mase;
      const figures = [scores.mase, scores.rmsse, scores.wql, medianMase].map((v) => v.toFixed(4)).join('  ');
      process.stdout.write(`${name.padEnd(22)}  ${figures}      ${seconds.toFixed(2)}\n`);
    }
  }
}

main();
