/**
 * The demand-prediction port. The forecasting pipeline asks a `DemandPredictor` and does not know
 * whether Vertex AI or the local model answered; the result says which one did, and which version.
 */
export type FeatureValue = number | string | boolean | null;

/** One instance to predict for, e.g. one customer's features on a given day. */
export type FeatureRow = Readonly<Record<string, FeatureValue>>;

/** The model's numeric outputs for one instance, e.g. `{ p10: 18, p50: 24, p90: 33 }` (days to run-out). */
export type PredictionRow = Readonly<Record<string, number>>;

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
