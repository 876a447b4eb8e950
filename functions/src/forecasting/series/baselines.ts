import { quantile } from '../stats';
import { QUANTILE_LEVELS, type Observations, type PanelForecaster, type SeriesForecast } from './types';

/** The observed values of a history, in order, without the missing ones. */
export function observed(history: Observations): number[] {
  return history.filter((value): value is number => value != null);
}

/** A forecast that repeats the same point and quantiles for every step. */
export function flatForecast(mean: number, quantiles: readonly number[], horizon: number): SeriesForecast {
  const step = { mean, quantiles: monotone(quantiles) };
  return { steps: Array.from({ length: horizon }, () => step) };
}

/** Forces finite, non-decreasing values (a guard on every forecast that leaves this module). */
export function monotone(values: readonly number[]): number[] {
  let floor = -Infinity;
  return values.map((value) => {
    floor = Math.max(floor, Number.isFinite(value) ? value : 0);
    return floor;
  });
}

/** Quantiles of a Poisson distribution with the given mean, as an honest spread for point methods. */
export function poissonQuantiles(mean: number): number[] {
  if (!(mean > 0)) return QUANTILE_LEVELS.map(() => 0);
  let k = 0;
  let probability = Math.exp(-mean);
  let cumulative = probability;
  return QUANTILE_LEVELS.map((level) => {
    while (cumulative < level && k < 1e6) {
      k++;
      probability *= mean / k;
      cumulative += probability;
    }
    return k;
  });
}

export const zeroForecaster: PanelForecaster = (histories, horizon) =>
  histories.map(() => flatForecast(0, QUANTILE_LEVELS.map(() => 0), horizon));

/** Empirical quantiles of the last 12 observed months; the point forecast is their median. */
export const lastYearQuantilesForecaster: PanelForecaster = (histories, horizon) =>
  histories.map((history) => {
    const lastYear = observed(history).slice(-12);
    return flatForecast(quantile(lastYear, 0.5), QUANTILE_LEVELS.map((level) => quantile(lastYear, level)), horizon);
  });

/** Simple exponential smoothing level, started at the first observation. */
export function sesLevel(values: readonly number[], alpha: number): number {
  if (values.length === 0) return 0;
  let level = values[0] ?? 0;
  for (const value of values.slice(1)) level += alpha * (value - level);
  return level;
}

export function sesForecaster(alpha: number): PanelForecaster {
  return (histories, horizon) =>
    histories.map((history) => {
      const level = sesLevel(observed(history), alpha);
      return flatForecast(level, poissonQuantiles(level), horizon);
    });
}

/** Croston's method: smoothed non-zero size over smoothed inter-demand interval. */
export function crostonLevel(values: readonly number[], alpha: number): number {
  let size: number | undefined;
  let interval: number | undefined;
  let sinceLast = 1;
  for (const value of values) {
    if (value > 0) {
      size = size === undefined ? value : size + alpha * (value - size);
      interval = interval === undefined ? sinceLast : interval + alpha * (sinceLast - interval);
      sinceLast = 1;
    } else {
      sinceLast++;
    }
  }
  return size === undefined || interval === undefined ? 0 : size / interval;
}

/** Teunter–Syntetos–Babai: demand probability updated every period, size on demand. */
export function tsbLevel(values: readonly number[], alphaProbability: number, alphaSize: number): number {
  const firstDemand = values.find((value) => value > 0);
  if (firstDemand === undefined) return 0;
  let probability = values.filter((value) => value > 0).length / values.length;
  let size = firstDemand;
  for (const value of values) {
    probability += alphaProbability * ((value > 0 ? 1 : 0) - probability);
    if (value > 0) size += alphaSize * (value - size);
  }
  return probability * size;
}

function pointMethod(level: (values: number[]) => number): PanelForecaster {
  return (histories, horizon) =>
    histories.map((history) => {
      const mean = level(observed(history));
      return flatForecast(mean, poissonQuantiles(mean), horizon);
    });
}

export const crostonForecaster = pointMethod((values) => crostonLevel(values, 0.1));
export const tsbForecaster = pointMethod((values) => tsbLevel(values, 0.1, 0.1));
