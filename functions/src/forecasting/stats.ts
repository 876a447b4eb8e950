/** Small numeric helpers shared by the series and LPG models. */

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  const total = sum(weights);
  return total > 0 ? sum(values.map((value, i) => value * (weights[i] ?? 0))) / total : mean(values);
}

/** Kish effective sample size of a set of weights. */
export function effectiveSize(weights: readonly number[]): number {
  const squares = sum(weights.map((weight) => weight * weight));
  return squares > 0 ? sum(weights) ** 2 / squares : 0;
}

/** Empirical quantile with linear interpolation between order statistics (R type 7). */
export function quantile(values: readonly number[], level: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * level;
  const below = Math.floor(position);
  const lower = sorted[below] ?? 0;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (position - below);
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = clamp(p, 1e-12, 1 - 1e-12);
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const tail = (r: number): number =>
    (((((c0 * r + c1) * r + c2) * r + c3) * r + c4) * r + c5) / ((((d0 * r + d1) * r + d2) * r + d3) * r + 1);
  if (q < 0.02425) return tail(Math.sqrt(-2 * Math.log(q)));
  if (q > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - q)));
  const r = q - 0.5;
  const s = r * r;
  return ((((((a0 * s + a1) * s + a2) * s + a3) * s + a4) * s + a5) * r) / (((((b0 * s + b1) * s + b2) * s + b3) * s + b4) * s + 1);
}

/** Solves the small symmetric positive-definite system A x = b by Gaussian elimination. */
export function solveLinear(matrix: readonly number[][], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = row;
    }
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const pivotRow = a[col] ?? [];
    const diagonal = pivotRow[col] ?? 0;
    if (Math.abs(diagonal) < 1e-12) continue;
    for (let row = 0; row < n; row++) {
      const current = a[row] ?? [];
      if (row === col) continue;
      const factor = (current[col] ?? 0) / diagonal;
      for (let k = col; k <= n; k++) current[k] = (current[k] ?? 0) - factor * (pivotRow[k] ?? 0);
    }
  }
  return a.map((row, i) => {
    const diagonal = row[i] ?? 0;
    return Math.abs(diagonal) < 1e-12 ? 0 : (row[n] ?? 0) / diagonal;
  });
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** `successes` out of `trials` Bernoulli outcomes sharing the covariates `x`. */
export interface BinomialSample {
  readonly x: readonly number[];
  readonly successes: number;
  readonly trials: number;
}

/**
 * MAP logistic regression with independent Gaussian priors on the coefficients (Newton steps):
 * with little data the prior stands, with plenty the data decide.
 */
export function fitLogistic(
  samples: readonly BinomialSample[],
  priorMean: readonly number[],
  priorPrecision: readonly number[],
): number[] {
  let beta = [...priorMean];
  for (let iteration = 0; iteration < 25; iteration++) {
    const gradient = beta.map((value, i) => -(priorPrecision[i] ?? 0) * (value - (priorMean[i] ?? 0)));
    const hessian = beta.map((_, i) => beta.map((__, j) => (i === j ? (priorPrecision[i] ?? 0) : 0)));
    for (const sample of samples) {
      const p = logistic(sum(sample.x.map((xi, i) => xi * (beta[i] ?? 0))));
      const residual = sample.successes - sample.trials * p;
      const curvature = sample.trials * p * (1 - p);
      sample.x.forEach((xi, i) => {
        gradient[i] = (gradient[i] ?? 0) + residual * xi;
        const row = hessian[i] ?? [];
        sample.x.forEach((xj, j) => {
          row[j] = (row[j] ?? 0) + curvature * xi * xj;
        });
      });
    }
    const step = solveLinear(hessian, gradient);
    beta = beta.map((value, i) => value + (step[i] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return beta;
}
