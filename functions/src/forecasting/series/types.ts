/** Quantile levels every series forecast carries, in the order of the output CSV columns. */
export const QUANTILE_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/** A value per period; `null` marks a missing observation. */
export type Observations = readonly (number | null)[];

export interface NamedSeries {
  readonly id: string;
  readonly values: Observations;
}

/** Forecast of one series: `steps[h - 1]` is the forecast for h periods ahead. */
export interface SeriesForecast {
  readonly steps: readonly StepForecast[];
}

export interface StepForecast {
  /** The point forecast (what MASE and RMSSE score). */
  readonly mean: number;
  /** One value per entry of QUANTILE_LEVELS, non-decreasing. */
  readonly quantiles: readonly number[];
}

/**
 * Forecasts a whole panel at once, so models may pool information across series.
 * `forecasts[i]` belongs to `histories[i]`.
 */
export type PanelForecaster = (histories: readonly Observations[], horizon: number) => SeriesForecast[];
