import type { DemandPredictions, DemandPredictor, FeatureRow } from '../predictions/port';

export interface FallbackOptions {
  /**
   * Told why the primary failed (error, timeout, open circuit), so the caller can raise a system
   * alert. Called synchronously: the caller owns any asynchronous work it starts here.
   */
  readonly onFallback: (error: unknown) => void;
}

/**
 * The primary predictor (Vertex AI) with the local model behind it: whenever the primary fails the
 * local model answers and the result records `source: 'local-fallback'`. A failure of the local
 * model itself is not hidden.
 */
export function withFallback(primary: DemandPredictor, local: DemandPredictor, options: FallbackOptions): DemandPredictor {
  return {
    async predict(features: readonly FeatureRow[]): Promise<DemandPredictions> {
      try {
        return await primary.predict(features);
      } catch (error) {
        options.onFallback(error);
        const answer = await local.predict(features);
        return { ...answer, source: 'local-fallback' };
      }
    },
  };
}
