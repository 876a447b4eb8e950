import { dayNumber, isoDate } from './calendar';
import type { Prediction } from './model';
import { normalCdf, normalQuantile, sum } from '../stats';
import { CYLINDER_SIZES, type CylinderCounts, type CylinderSize, type IsoDate } from './types';

/** What the weekly totals need of one customer's prediction (a stored prediction has all of it). */
export interface CustomerOutlook {
  readonly nextOrder: { readonly p10: IsoDate; readonly p50: IsoDate; readonly p90: IsoDate };
  /** Median days between orders once the next one is in. */
  readonly expectedIntervalDays: number;
  /** Expected cylinders per order, by size. */
  readonly expectedQuantity: CylinderCounts;
  /** Probability the customer still orders at all (1 − churn risk). */
  readonly activeProbability: number;
  /** Whole cylinders per order by size, 10 % and 90 % quantiles, when known. */
  readonly quantityRange?: Partial<Record<CylinderSize, { readonly p10: number; readonly p90: number }>>;
}

/** Cylinders of one size ordered in one week, summed over customers. */
export interface WeeklySizeDemand {
  readonly mean: number;
  readonly p10: number;
  readonly p90: number;
}

export interface WeekDemand {
  /** First day of the week (the as-of date plus whole weeks). */
  readonly from: IsoDate;
  readonly bySize: Partial<Record<CylinderSize, WeeklySizeDemand>>;
}

const Z90 = normalQuantile(0.9);

/**
 * A customer's orders in [from, to) (day numbers), mean and variance: the first order's day is
 * normal around p50 with the p10–p90 spread, each later one an interval later with the spreads
 * adding up, as in a renewal process; each order lands in the window or not (a Bernoulli count),
 * and only if the customer still orders at all.
 */
function ordersInWindow(outlook: CustomerOutlook, from: number, to: number): { mean: number; variance: number } {
  const p10 = dayNumber(outlook.nextOrder.p10);
  const p50 = dayNumber(outlook.nextOrder.p50);
  const p90 = dayNumber(outlook.nextOrder.p90);
  const firstSd = Math.max((p90 - p10) / (2 * Z90), 0.5);
  const interval = Math.max(outlook.expectedIntervalDays, 1);
  let expected = 0;
  let variance = 0;
  for (let order = 0; ; order++) {
    const mean = p50 + order * interval;
    // Each later interval is taken to be as uncertain as the wait for the first order.
    const sd = firstSd * Math.sqrt(1 + order);
    if (mean - 4 * sd >= to) break;
    // Whole days: an order on day d counts in the window when from ≤ d < to.
    const p = outlook.activeProbability * (normalCdf((to - 0.5 - mean) / sd) - normalCdf((from - 0.5 - mean) / sd));
    expected += p;
    variance += p * (1 - p);
  }
  return { mean: expected, variance };
}

/**
 * Cylinders by size that all customers will order in each of the next `weeks` weeks: a mean and a
 * p10–p90 band from the normal approximation to a sum of many small independent orders.
 */
export function weeklyDemand(outlooks: readonly CustomerOutlook[], asOf: IsoDate, weeks: number): WeekDemand[] {
  const start = dayNumber(asOf);
  return Array.from({ length: weeks }, (_, week) => {
    const from = start + 7 * week;
    const counts = outlooks.map((outlook) => ({ outlook, orders: ordersInWindow(outlook, from, from + 7) }));
    const bySize: Partial<Record<CylinderSize, WeeklySizeDemand>> = {};
    for (const size of CYLINDER_SIZES) {
      const lines = counts.filter(({ outlook }) => (outlook.expectedQuantity[size] ?? 0) > 0);
      if (lines.length === 0) continue;
      const mean = sum(lines.map(({ outlook, orders }) => orders.mean * (outlook.expectedQuantity[size] ?? 0)));
      // A random number of orders of random size: Var = Var(N)·E[q]² + E[N]·Var(q).
      const variance = sum(
        lines.map(({ outlook, orders }) => {
          const range = outlook.quantityRange?.[size];
          const sizeSd = range ? (range.p90 - range.p10) / (2 * Z90) : 0;
          return orders.variance * (outlook.expectedQuantity[size] ?? 0) ** 2 + orders.mean * sizeSd ** 2;
        }),
      );
      const spread = Z90 * Math.sqrt(variance);
      bySize[size] = { mean, p10: Math.max(mean - spread, 0), p90: mean + spread };
    }
    return { from: isoDate(from), bySize };
  });
}

/** A prediction as the weekly totals read it. */
export function outlookOf(prediction: Pick<Prediction, 'nextOrderDate' | 'expectedIntervalDays' | 'expectedQuantity' | 'quantityRange' | 'churn'>): CustomerOutlook {
  return {
    nextOrder: prediction.nextOrderDate,
    expectedIntervalDays: prediction.expectedIntervalDays,
    expectedQuantity: prediction.expectedQuantity,
    activeProbability: 1 - prediction.churn.probability,
    quantityRange: prediction.quantityRange,
  };
}
