import { aCustomer } from '../test-support/customer-builder';
import { addDays, dayNumber } from './calendar';
import { churnFeatures } from './churn';
import { fit, predict } from './model';
import { forecastRefill } from './refill-model';
import type { CustomerHistory } from './types';

const everyDays = 20;
const regulars: CustomerHistory[] = Array.from({ length: 10 }, (_, i) =>
  aCustomer(`H${i}`).ofType('household').ordering({ 20: 1 }, '2025-01-02', everyDays, 18).build(),
);
/** Customers who stopped ordering mid-year teach the model what being overdue means. */
const lapsed: CustomerHistory[] = Array.from({ length: 4 }, (_, i) =>
  aCustomer(`L${i}`).ofType('household').ordering({ 20: 1 }, '2025-01-02', everyDays, 6 + i).build(),
);
const params = fit([...regulars, ...lapsed]);
const base = () => aCustomer('X').ofType('household').ordering({ 20: 1 }, '2025-01-02', everyDays, 18);
const last = base().lastDeliveryDate();
const asOf = addDays(last, 5);

describe('churn risk', () => {
  it('is low and gives no reasons for a regular customer who is on schedule', () => {
    const churn = predict(params, base().build(), asOf).churn;
    expect(churn.probability).toBeLessThan(0.1);
    expect(churn.reasons).toEqual([]);
  });

  it('names complaints, failed deliveries and a price rise when they happened recently', () => {
    const customer = base()
      .withComplaint(addDays(last, 1))
      .withFailedDelivery(addDays(last, 2))
      .withPriceChange(addDays(last, -10), 0.12)
      .build();
    const churn = predict(params, customer, asOf).churn;
    expect(churn.reasons.map((reason) => reason.code).sort()).toEqual(['COMPLAINTS', 'FAILED_DELIVERIES', 'PRICE_INCREASE']);
    expect(churn.reasons.reduce((total, reason) => total + reason.weight, 0)).toBeCloseTo(1, 2);
    expect(churn.probability).toBeGreaterThan(predict(params, base().build(), asOf).churn.probability);
  });

  it('puts an overdue customer at high risk with OVERDUE as the main reason', () => {
    const churn = predict(params, base().build(), addDays(last, 3 * everyDays)).churn;
    expect(churn.probability).toBeGreaterThan(0.5);
    expect(churn.reasons[0]?.code).toBe('OVERDUE');
  });

  it('measures overdue in the refill model’s own spread: the same days late weigh more for the more predictable customer', () => {
    // One day late: these customers are so regular that anything later hits the cap.
    const day = dayNumber(addDays(last, everyDays + 1));
    const customer = base().build();
    const overdueWith = (refill: typeof params.refill) => {
      const forecast = forecastRefill(customer, day, refill);
      const logRatio = Math.log((everyDays + 1) / forecast.expectedIntervalDays);
      // No customer counts as steadier than a 5 % spread.
      return { feature: churnFeatures(customer, day, refill).OVERDUE, expected: logRatio / Math.max(forecast.intervalLogSd, 0.05) };
    };
    const steady = overdueWith(params.refill);
    const erratic = overdueWith({ ...params.refill, calibration: { ...params.refill.calibration, scale: 20 * params.refill.calibration.scale } });
    expect(steady.feature).toBeGreaterThan(0);
    expect(steady.feature).toBeCloseTo(steady.expected, 6);
    expect(erratic.feature).toBeCloseTo(erratic.expected, 6);
    expect(erratic.feature).toBeLessThan(steady.feature / 2);
  });

  it('flags declining frequency when the last intervals stretched', () => {
    const builder = base();
    builder.deliveredOn(addDays(last, 45), { 20: 1 }).deliveredOn(addDays(last, 95), { 20: 1 });
    const churn = predict(params, builder.build(), addDays(last, 100)).churn;
    expect(churn.reasons.map((reason) => reason.code)).toContain('DECLINING_FREQUENCY');
  });
});
