import { quantile, sum } from '../stats';
import { flatForecast, observed } from './baselines';
import { QUANTILE_LEVELS, type Observations, type PanelForecaster, type StepForecast } from './types';

export interface IntermittentParams {
  /** Half-life, in periods, of the weight of a past period when estimating the demand probability. */
  readonly occurrenceHalfLife: number;
  /**
   * Extrapolation of the demand probability: p = p_recent + trend·(p_recent − p_long), where
   * p_long uses a half-life four times longer (part life cycles: rising and dying series).
   */
  readonly occurrenceTrend: number;
  /** Half-life, in periods, of the weight of a past demand when estimating its size distribution. */
  readonly sizeHalfLife: number;
  /** Pseudo-periods of the panel's demand probability added to every series (empirical-Bayes prior). */
  readonly occurrencePriorStrength: number;
  /** Pseudo-demands of the panel's relative size shape added to every series' own sizes. */
  readonly sizePriorStrength: number;
}

export const DEFAULT_INTERMITTENT_PARAMS: IntermittentParams = {
  occurrenceHalfLife: 6,
  sizeHalfLife: 8,
  occurrenceTrend: 0.6,
  occurrencePriorStrength: 4,
  sizePriorStrength: 2,
};

/** A discrete distribution as weighted atoms. */
interface Atoms {
  readonly values: number[];
  readonly weights: number[];
}

/**
 * What the panel teaches every series: its typical demand probability and size shape. Plain JSON,
 * so a model fitted on one panel can forecast a series that arrives later (a new customer).
 */
export interface PanelPrior {
  readonly occurrence: number;
  /** Sizes relative to their series' mean size, as equally weighted atoms. */
  readonly relativeSizes: readonly number[];
  readonly typicalSize: number;
}

const SHAPE_ATOMS = 40;

function decayWeights(length: number, halfLife: number): number[] {
  const rate = Math.log(2) / Math.max(halfLife, 1e-9);
  return Array.from({ length }, (_, t) => Math.exp(-rate * (length - 1 - t)));
}

/** Learns the prior from a panel of observed values (missing cells already dropped). */
export function fitPanelPrior(panel: readonly (readonly number[])[]): PanelPrior {
  const rates: number[] = [];
  const relative: number[] = [];
  const meanSizes: number[] = [];
  for (const values of panel) {
    if (values.length === 0) continue;
    const sizes = values.filter((value) => value > 0);
    rates.push(sizes.length / values.length);
    if (sizes.length === 0) continue;
    const meanSize = sum(sizes) / sizes.length;
    meanSizes.push(meanSize);
    for (const size of sizes) relative.push(size / meanSize);
  }
  relative.sort((a, b) => a - b);
  const relativeSizes =
    relative.length === 0
      ? [1]
      : Array.from({ length: SHAPE_ATOMS }, (_, j) => relative[Math.floor(((j + 0.5) / SHAPE_ATOMS) * relative.length)] ?? 1);
  return {
    occurrence: rates.length === 0 ? 0 : sum(rates) / rates.length,
    relativeSizes,
    typicalSize: meanSizes.length === 0 ? 1 : quantile(meanSizes, 0.5),
  };
}

/** Recency-weighted share of periods with demand, shrunk toward the panel's share. */
function occurrence(values: readonly number[], halfLife: number, prior: PanelPrior, params: IntermittentParams): number {
  const weights = decayWeights(values.length, halfLife);
  const demandWeight = sum(weights.filter((_, t) => (values[t] ?? 0) > 0));
  const strength = params.occurrencePriorStrength;
  return (demandWeight + strength * prior.occurrence) / (sum(weights) + strength || 1);
}

/** Predictive distribution of one period's demand: zero with probability 1 − p, else a size. */
function predictive(values: readonly number[], prior: PanelPrior, params: IntermittentParams): Atoms {
  const recent = occurrence(values, params.occurrenceHalfLife, prior, params);
  const long = occurrence(values, 4 * params.occurrenceHalfLife, prior, params);
  const probability = Math.min(1, Math.max(0, recent + params.occurrenceTrend * (recent - long)));

  const sizeWeights = decayWeights(values.length, params.sizeHalfLife);
  const sizes: number[] = [];
  const weights: number[] = [];
  values.forEach((value, t) => {
    if (value <= 0) return;
    sizes.push(value);
    weights.push(sizeWeights[t] ?? 0);
  });
  const ownWeight = sum(weights);
  const meanSize = ownWeight > 0 ? sum(sizes.map((size, i) => size * (weights[i] ?? 0))) / ownWeight : prior.typicalSize;
  const shapeWeight = params.sizePriorStrength / prior.relativeSizes.length;
  for (const ratio of prior.relativeSizes) {
    sizes.push(meanSize * ratio);
    weights.push(shapeWeight);
  }
  const totalSizeWeight = ownWeight + params.sizePriorStrength;
  return {
    values: [0, ...sizes],
    weights: [1 - probability, ...weights.map((weight) => (probability * weight) / totalSizeWeight)],
  };
}

function atomsQuantiles(atoms: Atoms, levels: readonly number[]): number[] {
  const order = atoms.values.map((_, i) => i).sort((a, b) => (atoms.values[a] ?? 0) - (atoms.values[b] ?? 0));
  const total = sum(atoms.weights);
  return levels.map((level) => {
    let cumulative = 0;
    for (const i of order) {
      cumulative += (atoms.weights[i] ?? 0) / total;
      if (cumulative >= level - 1e-12) return atoms.values[i] ?? 0;
    }
    return atoms.values[order[order.length - 1] ?? 0] ?? 0;
  });
}

function atomsMean(atoms: Atoms): number {
  return sum(atoms.values.map((value, i) => value * (atoms.weights[i] ?? 0))) / sum(atoms.weights);
}

/** The next period's demand of one series (mean and QUANTILE_LEVELS quantiles) given its panel's prior. */
export function forecastNext(values: readonly number[], prior: PanelPrior, params: IntermittentParams = DEFAULT_INTERMITTENT_PARAMS): StepForecast {
  const atoms = predictive(values, prior, params);
  const mean = atomsMean(atoms);
  return { mean: Number.isFinite(mean) ? mean : 0, quantiles: atomsQuantiles(atoms, QUANTILE_LEVELS) };
}

/** Empirical-Bayes hurdle model for intermittent demand, pooled across the panel it forecasts. */
export function intermittentForecaster(params: IntermittentParams = DEFAULT_INTERMITTENT_PARAMS): PanelForecaster {
  return (histories: readonly Observations[], horizon: number) => {
    const panel = histories.map(observed);
    const prior = fitPanelPrior(panel);
    return panel.map((values) => {
      const next = forecastNext(values, prior, params);
      return flatForecast(next.mean, next.quantiles, horizon);
    });
  };
}
