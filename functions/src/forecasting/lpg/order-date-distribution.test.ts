import { addDays, dayNumber } from './calendar';
import { orderDayCdf } from './order-date-distribution';

const P50 = '2026-03-14';
const quantiles = { p10: addDays(P50, -2), p50: P50, p90: addDays(P50, 9) };

describe('orderDayCdf (the day of the next order, from its p10/p50/p90 dates)', () => {
  it('keeps the three dates as exact quantiles, however unlike its two tails are', () => {
    const cdf = orderDayCdf(quantiles);
    expect(cdf(dayNumber(quantiles.p10))).toBeCloseTo(0.1, 6);
    expect(cdf(dayNumber(P50))).toBeCloseTo(0.5, 6);
    expect(cdf(dayNumber(quantiles.p90))).toBeCloseTo(0.9, 6);
  });

  it('puts no order before a day the customer is known not to have ordered by, and still sums to one', () => {
    const notBefore = dayNumber(P50);
    const cdf = orderDayCdf(quantiles, notBefore);
    expect(cdf(notBefore - 0.5)).toBe(0);
    expect(cdf(notBefore + 60)).toBeCloseTo(1, 6);
    // Conditioning on a later start only lifts the remaining days: the median moves later.
    expect(cdf(dayNumber(P50) + 0.5)).toBeLessThan(0.5);
  });

  it('reads whole-day dates as days: a tenth of orders before p10\'s day starts and a tenth after p90\'s day ends', () => {
    const cdf = orderDayCdf(quantiles, undefined, true);
    expect(cdf(dayNumber(quantiles.p10) - 0.5)).toBeCloseTo(0.1, 6);
    expect(cdf(dayNumber(P50))).toBeCloseTo(0.5, 6);
    expect(cdf(dayNumber(quantiles.p90) + 0.5)).toBeCloseTo(0.9, 6);
    const sure = orderDayCdf({ p10: P50, p50: P50, p90: P50 }, undefined, true);
    expect(sure(dayNumber(P50) + 0.5) - sure(dayNumber(P50) - 0.5)).toBeCloseTo(0.8, 6);
  });

  it('treats a certain date as a step on that day', () => {
    const sure = orderDayCdf({ p10: P50, p50: P50, p90: P50 });
    expect([sure(dayNumber(P50) - 0.5), sure(dayNumber(P50) + 0.5)]).toEqual([0, 1]);
  });
});
