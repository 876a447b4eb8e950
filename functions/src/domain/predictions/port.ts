/**
 * The demand-prediction port. The forecasting pipeline asks a `DemandPredictor` and does not know
 * whether Vertex AI or the local model answered; the result says which one did, and which version.
 */
export type FeatureValue = number | string | boolean | null;

/** One instance to predict for, e.g. one customer's features on a given day. */
export type FeatureRow = Readonly<Record<string, FeatureValue>>;

/**
 * A model's answer for one instance, in days from the instance's as-of date: the next order's 10 %,
 * 50 % and 90 % quantiles, and the latest delivery day that keeps the risk of running out at about 1 %.
 * A remote answer is checked against this shape (`predictionRowOf`) before anything uses it.
 */
export interface PredictionRow {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly safe: number;
}

export interface ModelRef {
  readonly name: string;
  readonly version: string;
}

/** `local-fallback`: the remote model failed or was unavailable and the local model answered instead. */
export type PredictionSource = 'vertex' | 'local' | 'local-fallback';

export interface DemandPredictions {
  /** One row per input row, in the same order. */
  readonly predictions: readonly PredictionRow[];
  readonly model: ModelRef;
  readonly source: PredictionSource;
}

export interface DemandPredictor {
  predict(features: readonly FeatureRow[]): Promise<DemandPredictions>;
}
