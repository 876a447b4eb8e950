import { dayNumber, isoDate } from './calendar';
import type { Prediction } from './model';
import { NO_CLOSURES, offClosedDays, type ClosedDays } from './closures';
import { orderDayCdf } from './order-date-distribution';
import { normalCdf, normalQuantile, sum } from '../stats';
import { CYLINDER_SIZES, type CustomerHistory, type CylinderCounts, type CylinderSize, type DeliveryHistory, type IsoDate } from './types';

/** What the weekly totals need of one customer's prediction (a stored prediction has all of it). */
export interface CustomerOutlook {
  readonly nextOrder: { readonly p10: IsoDate; readonly p50: IsoDate; readonly p90: IsoDate };
  /** Median days between orders once the next one is in. */
  readonly expectedIntervalDays: number;
  /** Expected cylinders per order, by size. */
  readonly expectedQuantity: CylinderCounts;
  /** Probability the customer still orders at all (1 − churn risk). */
  readonly activeProbability: number;
  /**
   * The refill model's calibrated sd of the log interval between orders. Without it (a stored
   * prediction document that does not carry it), each later interval is taken to be as uncertain
   * as the wait for the next order, which is too narrow: that wait is conditioned on the days gone.
   */
  readonly intervalLogSd?: number;
  /** Whole cylinders per order by size, 10 % and 90 % quantiles, when known. */
  readonly quantityRange?: Partial<Record<CylinderSize, { readonly p10: number; readonly p90: number }>>;
  /** The days closed where this customer is, when they differ by place (a closure of some districts); else the outlook's. */
  readonly closed?: ClosedDays;
}

/** Cylinders of one size ordered in one week, summed over customers. */
export interface WeeklySizeDemand {
  readonly mean: number;
  readonly p10: number;
  readonly p90: number;
}

export interface WeekDemand {
  /** First day of the week (the as-of date plus whole weeks), or the day of a daily outlook. */
  readonly from: IsoDate;
  readonly bySize: Partial<Record<CylinderSize, WeeklySizeDemand>>;
}

const Z90 = normalQuantile(0.9);

/** Weeks of the outlook the nightly run writes (and the backtest scores). */
export const OUTLOOK_WEEKS = 4;

/**
 * A customer's orders in [from, to) (day numbers), mean and variance: the next order's day as
 * `orderDayCdf` reads its whole-day dates (not before the as-of day), each later one an interval
 * later with the spreads adding up, as in a renewal process (each interval's sd in days is the
 * interval times its log sd); each order lands in the window or not (a Bernoulli count), and only
 * if the customer still orders at all. Orders are followed to the end of the window's week (from
 * the as-of day), not of the window, so a day counts the orders its week counts and a week is
 * exactly the sum of its days.
 */
function ordersInWindow(outlook: CustomerOutlook, closed: ClosedDays, asOfDay: number, from: number, to: number, horizon: number): { mean: number; variance: number } {
  const next = orderDayCdf(outlook.nextOrder, asOfDay, true);
  const p50 = dayNumber(outlook.nextOrder.p50);
  // Whole days, as `orderDayCdf` reads them: p10's day starts at the 10 % point, p90's ends at the 90 %.
  const spread = Math.max((dayNumber(outlook.nextOrder.p90) - dayNumber(outlook.nextOrder.p10) + 1) / (2 * Z90), 0.5);
  const interval = Math.max(outlook.expectedIntervalDays, 1);
  const intervalSd = outlook.intervalLogSd === undefined ? spread : interval * outlook.intervalLogSd;
  let expected = 0;
  let variance = 0;
  for (let order = 0; ; order++) {
    const mean = p50 + order * interval;
    const sd = Math.sqrt(spread ** 2 + order * intervalSd ** 2);
    if (order > 0 && mean - 4 * sd >= horizon) break;
    // Whole days: an order on day d counts in the window when from ≤ d < to.
    const cdf = offClosedDays(order === 0 ? next : (day: number) => normalCdf((day - mean) / sd), closed, asOfDay);
    const p = outlook.activeProbability * (cdf(to - 0.5) - cdf(from - 0.5));
    expected += p;
    variance += p * (1 - p);
  }
  return { mean: expected, variance };
}

/**
 * Cylinders by size all customers order in each window of day numbers [from, to): a mean and a
 * p10–p90 band from the normal approximation to a sum of many small independent orders. Nobody
 * orders for a closed day (`closed`, or the customer's own): those orders move to the days around
 * the closure (`offClosedDays`).
 */
function demandIn(outlooks: readonly CustomerOutlook[], start: number, windows: readonly (readonly [number, number])[], closed: ClosedDays): WeekDemand[] {
  return windows.map(([from, to]) => {
    const weekEnd = start + 7 * Math.ceil((to - start) / 7);
    const counts = outlooks.map((outlook) => ({ outlook, orders: ordersInWindow(outlook, outlook.closed ?? closed, start, from, to, weekEnd) }));
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

/** Cylinders by size that all customers will order in each of the next `weeks` weeks (from the as-of day). */
export function weeklyDemand(outlooks: readonly CustomerOutlook[], asOf: IsoDate, weeks: number, closed: ClosedDays = NO_CLOSURES): WeekDemand[] {
  const start = dayNumber(asOf);
  return demandIn(
    outlooks,
    start,
    Array.from({ length: weeks }, (_, week) => [start + 7 * week, start + 7 * (week + 1)] as const),
    closed,
  );
}

/**
 * Days of the daily outlook the nightly run writes: the as-of day and the two weeks after it (the filling plant orders
 * from the next day on; the first two of the weekly outlook's weeks are whole days of it).
 */
export const OUTLOOK_DAYS = 15;

/**
 * The same a day at a time (the filling plant's order): a week's mean is exactly the sum of its
 * days' (each order's chance of falling in the week is the sum of its chances per day). A day's
 * p10–p90 is that day's own band: an order falls on one day only, so the days of a week are
 * negatively correlated and their bands do not add up to the week's, which is narrower.
 */
export function dailyDemand(outlooks: readonly CustomerOutlook[], asOf: IsoDate, days: number, closed: ClosedDays = NO_CLOSURES): WeekDemand[] {
  const start = dayNumber(asOf);
  return demandIn(
    outlooks,
    start,
    Array.from({ length: days }, (_, day) => [start + day, start + day + 1] as const),
    closed,
  );
}

/** A prediction as the weekly totals read it. */
export function outlookOf(
  prediction: Pick<Prediction, 'nextOrderDate' | 'expectedIntervalDays' | 'intervalLogSd' | 'expectedQuantity' | 'quantityRange' | 'churn'>,
): CustomerOutlook {
  return {
    nextOrder: prediction.nextOrderDate,
    expectedIntervalDays: prediction.expectedIntervalDays,
    intervalLogSd: prediction.intervalLogSd,
    expectedQuantity: prediction.expectedQuantity,
    activeProbability: 1 - prediction.churn.probability,
    quantityRange: prediction.quantityRange,
  };
}

/** What the nightly run knows of a customer on the morning of `asOf`: the days before it. */
export function knownBefore(customer: CustomerHistory, asOf: IsoDate): CustomerHistory {
  const before = <T>(items: readonly T[] | undefined, dateOf: (item: T) => IsoDate): T[] => (items ?? []).filter((item) => dateOf(item) < asOf);
  return {
    ...customer,
    deliveries: before(customer.deliveries, (d) => d.date),
    failedDeliveries: before(customer.failedDeliveries, (date) => date),
    complaints: before(customer.complaints, (date) => date),
    priceChanges: before(customer.priceChanges, (change) => change.date),
  };
}

/** Cylinders of one size delivered in the week that starts on `fromDay`. */
export function deliveredInWeek(history: DeliveryHistory, size: CylinderSize, fromDay: number): number {
  return sum(
    history.flatMap((customer) =>
      customer.deliveries.filter((d) => dayNumber(d.date) >= fromDay && dayNumber(d.date) < fromDay + 7).map((d) => d.cylinders[size] ?? 0),
    ),
  );
}

/** One customer's outlook from what was known before `asOf`. */
export type OutlookAt = (customer: CustomerHistory, asOf: IsoDate) => CustomerOutlook;

export interface WeeklyHindcast {
  readonly size: CylinderSize;
  /** 0 for the week that starts on the as-of date. */
  readonly weekAhead: number;
  readonly actual: number;
  readonly forecast: WeeklySizeDemand;
}

/**
 * The outlook the nightly run would have written on the morning of `asOf` (customers with a
 * delivery before it), next to the cylinders then delivered in each week.
 */
export function weeklyHindcast(history: DeliveryHistory, asOf: IsoDate, weeks: number, outlookAt: OutlookAt, closed: ClosedDays = NO_CLOSURES): WeeklyHindcast[] {
  const start = dayNumber(asOf);
  const known = history.map((customer) => knownBefore(customer, asOf)).filter((customer) => customer.deliveries.length > 0);
  const forecast = weeklyDemand(
    known.map((customer) => outlookAt(customer, asOf)),
    asOf,
    weeks,
    closed,
  );
  return forecast.flatMap((week, weekAhead) =>
    CYLINDER_SIZES.flatMap((size) => {
      const demand = week.bySize[size];
      return demand ? [{ size, weekAhead, actual: deliveredInWeek(history, size, start + 7 * weekAhead), forecast: demand }] : [];
    }),
  );
}
