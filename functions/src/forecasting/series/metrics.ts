import { QUANTILE_LEVELS, type Observations, type SeriesForecast } from './types';

export interface PanelScores {
  /** Pooled mean absolute error of the point forecast, scaled per series by its seasonal-naive MAE. */
  readonly mase: number;
  /** Root of the pooled mean squared error, scaled per series by its seasonal-naive MSE. */
  readonly rmsse: number;
  /** Weighted quantile loss over QUANTILE_LEVELS, scaled by mean |y|. */
  readonly wql: number;
  readonly seriesScored: number;
  readonly pointsScored: number;
}

/** Which value of a step is scored as the point forecast. */
export type PointOf = (step: SeriesForecast['steps'][number]) => number;

export const meanPoint: PointOf = (step) => step.mean;

const MEDIAN_INDEX = QUANTILE_LEVELS.indexOf(0.5);
export const medianPoint: PointOf = (step) => step.quantiles[MEDIAN_INDEX] ?? step.mean;

const SEASON = 12;

/**
 * Seasonal-naive scales of a history: mean |y_t − y_{t−12}| and mean (y_t − y_{t−12})² over pairs
 * where both values are present; 1 when there is no such pair.
 */
export function seasonalScales(history: Observations): { abs: number; sq: number } {
  let abs = 0;
  let sq = 0;
  let pairs = 0;
  for (let t = SEASON; t < history.length; t++) {
    const now = history[t];
    const before = history[t - SEASON];
    if (now == null || before == null) continue;
    abs += Math.abs(now - before);
    sq += (now - before) ** 2;
    pairs++;
  }
  return pairs === 0 ? { abs: 1, sq: 1 } : { abs: abs / pairs, sq: sq / pairs };
}

/**
 * Scores forecasts against hold-out values following the fev / Chronos protocol: missing actuals
 * are skipped, a series whose hold-out is all missing is skipped, points whose scale is 0 are
 * left out of MASE / RMSSE.
 */
export function scorePanel(
  histories: readonly Observations[],
  actuals: readonly Observations[],
  forecasts: readonly SeriesForecast[],
  point: PointOf = meanPoint,
): PanelScores {
  let absSum = 0;
  let absCount = 0;
  let sqSum = 0;
  let sqCount = 0;
  let quantileLoss = 0;
  let volume = 0;
  let seriesScored = 0;
  let pointsScored = 0;
  histories.forEach((history, i) => {
    const actual = actuals[i] ?? [];
    const forecast = forecasts[i];
    if (forecast === undefined || actual.every((y) => y == null)) return;
    seriesScored++;
    const scales = seasonalScales(history);
    actual.forEach((y, h) => {
      const step = forecast.steps[h];
      if (y == null || step === undefined) return;
      pointsScored++;
      const error = y - point(step);
      if (scales.abs > 0) {
        absSum += Math.abs(error) / scales.abs;
        absCount++;
      }
      if (scales.sq > 0) {
        sqSum += error ** 2 / scales.sq;
        sqCount++;
      }
      QUANTILE_LEVELS.forEach((level, k) => {
        quantileLoss += pinball(y, step.quantiles[k] ?? 0, level);
      });
      volume += Math.abs(y);
    });
  });
  return {
    mase: absSum / Math.max(absCount, 1),
    rmsse: Math.sqrt(sqSum / Math.max(sqCount, 1)),
    wql: quantileLoss / (QUANTILE_LEVELS.length * Math.max(volume, Number.MIN_VALUE)),
    seriesScored,
    pointsScored,
  };
}

/** Twice the pinball loss, as in the WQL definition. */
export function pinball(y: number, forecast: number, level: number): number {
  return 2 * Math.abs((y - forecast) * ((y <= forecast ? 1 : 0) - level));
}
