import { NO_CLOSURES, type ClosedDays } from './closures';
import { addDays, dayNumber } from './calendar';
import { predict, type ModelParams } from './model';
import { orderDayCdf, probabilityOrderBy } from './order-date-distribution';
import { mean } from '../stats';
import { CYLINDER_SIZES, type CustomerHistory, type CylinderCounts, type CylinderSize, type IsoDate } from './types';
import type { QuantityRange } from './quantity-model';

/** One hold-out question: as of `asOf`, when does this customer order next? */
export interface HoldoutCase {
  /** The customer's history; anything after `asOf` is ignored by the predictors. */
  readonly customer: CustomerHistory;
  readonly asOf: IsoDate;
  /** When the next order actually came. */
  readonly nextOrderDate: IsoDate;
  /**
   * When the customer's gas would have been exhausted without that order (known in simulations);
   * when absent the order date stands in for it, which overstates run-outs.
   */
  readonly runOutDate?: IsoDate;
  /** What that next delivery brought, by size (for scoring order quantities). */
  readonly nextCylinders?: CylinderCounts;
}

/** Next order day as day numbers; predictors without an interval give none. */
export interface DayForecast {
  readonly p50: number;
  readonly p10?: number;
  readonly p90?: number;
  /** Latest day to deliver without running out (predictors that know about spares). */
  readonly safeDelivery?: number;
}

export type NextOrderPredictor = (customer: CustomerHistory, asOf: IsoDate) => DayForecast;

export interface NextOrderMetrics {
  readonly cases: number;
  /** Mean absolute error of the p50 date, in days. */
  readonly maeDays: number;
  /** Mean signed error (predicted − actual) of the p50 date, in days. */
  readonly biasDays: number;
  /** Share of actual order dates within [p10, p90] (target about 0.8). */
  readonly coverageP10P90: number | null;
  /** Share of customers whose gas ran out before the p10 date (target ≤ 0.01). */
  readonly ranOutBeforeP10: number | null;
  /** Share of customers whose gas ran out before the safe delivery date (target ≤ 0.01). */
  readonly ranOutBeforeSafeDate: number | null;
  /** Mean days from the as-of date to the safe delivery date: the price of that safety. */
  readonly safeLeadDays: number | null;
}

export function scoreNextOrder(predictor: NextOrderPredictor, cases: readonly HoldoutCase[]): NextOrderMetrics {
  const errors: number[] = [];
  const covered: number[] = [];
  const ranOut: number[] = [];
  const ranOutSafe: number[] = [];
  const safeLead: number[] = [];
  for (const holdout of cases) {
    const forecast = predictor(holdout.customer, holdout.asOf);
    const actual = dayNumber(holdout.nextOrderDate);
    const runOut = dayNumber(holdout.runOutDate ?? holdout.nextOrderDate);
    errors.push(forecast.p50 - actual);
    if (forecast.p10 !== undefined && forecast.p90 !== undefined) {
      covered.push(actual >= forecast.p10 && actual <= forecast.p90 ? 1 : 0);
      ranOut.push(runOut < forecast.p10 ? 1 : 0);
    }
    if (forecast.safeDelivery !== undefined) {
      ranOutSafe.push(runOut < forecast.safeDelivery ? 1 : 0);
      safeLead.push(forecast.safeDelivery - dayNumber(holdout.asOf));
    }
  }
  return {
    cases: cases.length,
    maeDays: mean(errors.map(Math.abs)),
    biasDays: mean(errors),
    coverageP10P90: covered.length > 0 ? mean(covered) : null,
    ranOutBeforeP10: ranOut.length > 0 ? mean(ranOut) : null,
    ranOutBeforeSafeDate: ranOutSafe.length > 0 ? mean(ranOutSafe) : null,
    safeLeadDays: safeLead.length > 0 ? mean(safeLead) : null,
  };
}

export function modelPredictor(params: ModelParams, closed: ClosedDays = NO_CLOSURES): NextOrderPredictor {
  return (customer, asOf) => {
    const { nextOrderDate, safeDeliveryDate } = predict(params, customer, asOf, closed);
    return {
      p10: dayNumber(nextOrderDate.p10),
      p50: dayNumber(nextOrderDate.p50),
      p90: dayNumber(nextOrderDate.p90),
      safeDelivery: dayNumber(safeDeliveryDate),
    };
  };
}

/** The metrics that decide whether a fitted model version may be activated. */
export function evaluate(params: ModelParams, holdout: readonly HoldoutCase[], closed: ClosedDays = NO_CLOSURES): NextOrderMetrics {
  return scoreNextOrder(modelPredictor(params, closed), holdout);
}

/** "Orders within N days" as a probability, scored against what happened (the due list's confidence). */
export interface DueWithinMetrics {
  readonly windowDays: number;
  readonly cases: number;
  readonly observed: number;
  /** As served: the dates read as whole days, given no order before the day after the as-of date. */
  readonly served: { readonly meanPredicted: number; readonly brier: number };
  /** The dates read as points, unconditioned (the due list's rule before 2026-11). */
  readonly points: { readonly meanPredicted: number; readonly brier: number };
}

export function scoreDueWithin(params: ModelParams, cases: readonly HoldoutCase[], windows: readonly number[], closed: ClosedDays = NO_CLOSURES): DueWithinMetrics[] {
  const answers = cases.map((holdout) => ({ holdout, dates: predict(params, holdout.customer, holdout.asOf, closed).nextOrderDate }));
  const brier = (pairs: readonly (readonly [p: number, y: number])[]) => ({
    meanPredicted: mean(pairs.map(([p]) => p)),
    brier: mean(pairs.map(([p, y]) => (p - y) ** 2)),
  });
  return windows.map((windowDays) => {
    const rows = answers.map(({ holdout, dates }) => {
      const until = addDays(holdout.asOf, windowDays);
      const y = holdout.nextOrderDate <= until ? 1 : 0;
      return { y, served: probabilityOrderBy(dates, until, addDays(holdout.asOf, 1)), points: orderDayCdf(dates)(dayNumber(until) + 0.5) };
    });
    return {
      windowDays,
      cases: rows.length,
      observed: mean(rows.map((row) => row.y)),
      served: brier(rows.map((row) => [row.served, row.y] as const)),
      points: brier(rows.map((row) => [row.points, row.y] as const)),
    };
  });
}

/** A forecast of the next order's cylinders: the expectation, the whole cylinders to bring, and optionally a range. */
export interface QuantityAnswer {
  readonly expected: CylinderCounts;
  readonly suggested: CylinderCounts;
  readonly range?: Partial<Record<CylinderSize, QuantityRange>>;
}

export type QuantityPredictor = (customer: CustomerHistory, asOf: IsoDate) => QuantityAnswer;

export interface QuantityMetrics {
  readonly cases: number;
  /** Mean over cases of Σ over sizes |expected − delivered| cylinders. */
  readonly maeCylinders: number;
  /** Share of cases whose suggested whole cylinders equal the delivery exactly, every size. */
  readonly suggestedExact: number;
  /** Mean over cases of Σ over sizes |suggested − delivered| cylinders. */
  readonly suggestedMaeCylinders: number;
  /** Share of (case, size) lines delivered or forecast whose delivered count lies in [p10, p90]. */
  readonly coverageP10P90: number | null;
}

export function scoreQuantity(predictor: QuantityPredictor, cases: readonly HoldoutCase[]): QuantityMetrics {
  const errors: number[] = [];
  const suggestedErrors: number[] = [];
  const covered: number[] = [];
  for (const holdout of cases) {
    const actual = holdout.nextCylinders;
    if (actual === undefined) continue;
    const answer = predictor(holdout.customer, holdout.asOf);
    const gap = (forecast: CylinderCounts): number => CYLINDER_SIZES.reduce((total, size) => total + Math.abs((forecast[size] ?? 0) - (actual[size] ?? 0)), 0);
    errors.push(gap(answer.expected));
    suggestedErrors.push(gap(answer.suggested));
    if (answer.range === undefined) continue;
    for (const size of CYLINDER_SIZES) {
      const delivered = actual[size] ?? 0;
      const range = answer.range[size];
      if (delivered === 0 && range === undefined) continue;
      covered.push(delivered >= (range?.p10 ?? 0) && delivered <= (range?.p90 ?? 0) ? 1 : 0);
    }
  }
  return {
    cases: errors.length,
    maeCylinders: mean(errors),
    suggestedExact: mean(suggestedErrors.map((error) => (error === 0 ? 1 : 0))),
    suggestedMaeCylinders: mean(suggestedErrors),
    coverageP10P90: covered.length > 0 ? mean(covered) : null,
  };
}

/** The model's quantity answer: the expectation, and the median of each size's range as the suggestion. */
export function modelQuantityPredictor(params: ModelParams): QuantityPredictor {
  return (customer, asOf) => {
    const { expectedQuantity, quantityRange } = predict(params, customer, asOf);
    const suggested: CylinderCounts = {};
    for (const size of CYLINDER_SIZES) {
      const count = quantityRange[size]?.p50 ?? Math.round(expectedQuantity[size] ?? 0);
      if (count > 0) suggested[size] = count;
    }
    return { expected: expectedQuantity, suggested, range: quantityRange };
  };
}
