import { dayNumber } from './calendar';
import { deliveriesThrough } from './history';
import type { NextOrderPredictor, QuantityPredictor } from './evaluate';
import { quantile, weightedMean } from '../stats';
import { CYLINDER_SIZES, type CylinderCounts } from './types';

/** Fallback interval, in days, for customers with fewer than two deliveries. */
const DEFAULT_INTERVAL_DAYS = 30;

function deliveryDays(customer: Parameters<NextOrderPredictor>[0], asOfDay: number): number[] {
  return deliveriesThrough(customer, asOfDay).map((delivery) => delivery.day);
}

/** Each customer orders every median-interval days (the rule an office would use by hand). */
export const fixedIntervalPredictor: NextOrderPredictor = (customer, asOf) => {
  const asOfDay = dayNumber(asOf);
  const days = deliveryDays(customer, asOfDay);
  const last = days.at(-1) ?? asOfDay;
  const gaps = days.slice(1).map((day, i) => day - (days[i] ?? day));
  const interval = gaps.length > 0 ? quantile(gaps, 0.5) : DEFAULT_INTERVAL_DAYS;
  return { p50: Math.max(last + interval, asOfDay) };
};

/** Croston (α = 0.1) on the daily order series: next order after the smoothed interval. */
export const crostonPredictor: NextOrderPredictor = (customer, asOf) => {
  const asOfDay = dayNumber(asOf);
  const days = deliveryDays(customer, asOfDay);
  const last = days.at(-1) ?? asOfDay;
  let interval: number | undefined;
  for (let i = 1; i < days.length; i++) {
    const gap = (days[i] ?? 0) - (days[i - 1] ?? 0);
    interval = interval === undefined ? gap : interval + 0.1 * (gap - interval);
  }
  return { p50: Math.max(last + (interval ?? DEFAULT_INTERVAL_DAYS), asOfDay) };
};

/**
 * TSB (α = 0.1) on the daily order series: the order probability is updated every day, so it
 * decays while no order comes; the next order is expected 1/p days after the as-of date.
 */
export const tsbPredictor: NextOrderPredictor = (customer, asOf) => {
  const asOfDay = dayNumber(asOf);
  const days = deliveryDays(customer, asOfDay);
  const first = days[0];
  if (first === undefined || days.length < 2) return fixedIntervalPredictor(customer, asOf);
  const orderDays = new Set(days);
  let probability = (days.length - 1) / Math.max(asOfDay - first, 1);
  for (let day = first + 1; day <= asOfDay; day++) probability += 0.1 * ((orderDays.has(day) ? 1 : 0) - probability);
  return { p50: asOfDay + Math.min(1 / Math.max(probability, 1e-3), 365) };
};

/** The next order repeats the last delivery. */
export const lastOrderQuantity: QuantityPredictor = (customer, asOf) => {
  const cylinders = deliveriesThrough(customer, dayNumber(asOf)).at(-1)?.cylinders ?? {};
  return { expected: cylinders, suggested: cylinders };
};

/** Mean of the last six deliveries weighted 0.7 per step back, rounded to suggest (the rule of model 1.0.0). */
export const recentMeanQuantity: QuantityPredictor = (customer, asOf) => {
  const recent = deliveriesThrough(customer, dayNumber(asOf)).slice(-6);
  const expected: CylinderCounts = {};
  const suggested: CylinderCounts = {};
  if (recent.length === 0) return { expected, suggested };
  for (const size of CYLINDER_SIZES) {
    const count = weightedMean(
      recent.map((delivery) => delivery.cylinders[size] ?? 0),
      recent.map((_, i) => 0.7 ** (recent.length - 1 - i)),
    );
    if (count > 0) expected[size] = count;
    if (Math.round(count) > 0) suggested[size] = Math.round(count);
  }
  return { expected, suggested };
};
