import { dayNumber } from './calendar';
import { normalCdf, normalQuantile } from '../stats';
import type { IsoDate } from './types';

const Z90 = normalQuantile(0.9);

export interface OrderDateQuantiles {
  readonly p10: IsoDate;
  readonly p50: IsoDate;
  readonly p90: IsoDate;
}

/**
 * P(next order on or before a day) from its p10/p50/p90 dates: normal on each side of p50 with that
 * side's spread, because the two tails of an order date are rarely alike (p10 is pulled early for
 * run-out safety, late orders trail off), so the three dates stay exact quantiles. With
 * `notBeforeDay`, conditioned on no order before that day: the customer has not ordered yet.
 * With `wholeDays`, the dates are read as the model calibrates them, as whole days counted in
 * [p10, p90] (day d being [d − ½, d + ½)): 10 % of orders come before p10's day starts and 10 %
 * after p90's day ends, so a certain-looking date (all three equal) holds 80 % of the order.
 */
export function orderDayCdf(quantiles: OrderDateQuantiles, notBeforeDay?: number, wholeDays = false): (day: number) => number {
  const p10 = dayNumber(quantiles.p10);
  const p50 = dayNumber(quantiles.p50);
  const p90 = dayNumber(quantiles.p90);
  const half = wholeDays ? 0.5 : 0;
  const left = (p50 - p10 + half) / Z90;
  const right = (p90 - p50 + half) / Z90;
  const side = (x: number, spread: number): number => (spread > 0 ? normalCdf((x - p50) / spread) : x < p50 ? 0 : 1);
  const raw = (x: number): number => (x < p50 ? side(x, left) : side(x, right));
  if (notBeforeDay === undefined) return raw;
  const before = raw(notBeforeDay - 0.5);
  return before >= 1 ? (x) => (x < notBeforeDay ? 0 : 1) : (x) => Math.max(raw(x) - before, 0) / (1 - before);
}

/**
 * P(next order on or before `date`), the dates read as whole days as the model calibrates them and,
 * with `today`, given no order came before it. This is what the due list serves; `npm run bench:lpg`
 * scores it against the dates read as points without the condition ("orders within N days").
 */
export function probabilityOrderBy(quantiles: OrderDateQuantiles, date: IsoDate, today?: IsoDate): number {
  return orderDayCdf(quantiles, today === undefined ? undefined : dayNumber(today), true)(dayNumber(date) + 0.5);
}
