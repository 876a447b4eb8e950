import { dayNumber } from './calendar';
import type { IsoDate } from './types';

/** Days the distributor does not deliver, both ends included (the Lunar New Year break above all). */
export interface ClosedPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** Closed days as day-number ranges, overlapping or touching periods merged, in order. */
export interface ClosedDays {
  readonly ranges: readonly { readonly first: number; readonly last: number }[];
}

export const NO_CLOSURES: ClosedDays = { ranges: [] };

export function closedDays(periods: readonly ClosedPeriod[]): ClosedDays {
  const sorted = periods.map((p) => ({ first: dayNumber(p.from), last: dayNumber(p.to) })).sort((a, b) => a.first - b.first);
  const ranges: { first: number; last: number }[] = [];
  for (const range of sorted) {
    const previous = ranges.at(-1);
    if (previous && range.first <= previous.last + 1) previous.last = Math.max(previous.last, range.last);
    else ranges.push({ ...range });
  }
  return { ranges };
}

/** The closed range a (whole) day falls in, if any. */
export function closedRangeOf(closed: ClosedDays, day: number): { readonly first: number; readonly last: number } | undefined {
  const whole = Math.round(day);
  return closed.ranges.find((range) => whole >= range.first && whole <= range.last);
}

/**
 * Where an order lands whose natural day is closed. A customer whose gas would run out before
 * the distributor reopens calls on the last open day before the closure; one with gas to spare
 * waits for the first day after. Never before `asOfDay`: once a closure has begun, after it is
 * the only choice. The run-out is asked for only when the day is closed (it costs a quantile).
 */
export function openOrderDay(closed: ClosedDays, day: number, runOutDay: () => number, asOfDay: number): number {
  const range = closedRangeOf(closed, day);
  if (!range) return day;
  const before = range.first - 1;
  return before >= asOfDay && runOutDay() < range.last + 0.5 ? before : range.last + 1;
}

/**
 * Orders whose day (as `cdf` has it, P(order by x) at day boundaries x = d + 0.5) is closed, moved
 * to the days around the closure: `beforeShare` of them to the last open day before it, the rest
 * to the first day after; all after once the closure has begun by `asOfDay`. Aggregates use it,
 * where each customer's run-out is not at hand, with an even split.
 */
export function offClosedDays(cdf: (x: number) => number, closed: ClosedDays, asOfDay: number, beforeShare = 0.5): (x: number) => number {
  if (closed.ranges.length === 0) return cdf;
  return (x) => {
    // The day that ends at x; the day before a closure already holds the orders moved to it.
    const day = Math.round(x - 0.5);
    const range = closed.ranges.find((r) => day >= r.first - 1 && day <= r.last);
    if (!range) return cdf(x);
    const share = range.first - 1 >= asOfDay ? beforeShare : 0;
    const before = cdf(range.first - 0.5);
    return before + share * (cdf(range.last + 0.5) - before);
  };
}
