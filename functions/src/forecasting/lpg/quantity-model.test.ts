import { aCustomer } from '../test-support/customer-builder';
import { dayNumber } from './calendar';
import { deliveriesThrough } from './history';
import { fitQuantity, forecastQuantity, type QuantityParams } from './quantity-model';
import type { CustomerHistory, CylinderCounts } from './types';

const THROUGH = dayNumber('2026-01-01');
const notExpected = (): CylinderCounts => {
  throw new Error('a customer with deliveries must not fall back to its first order');
};

function forecast(params: QuantityParams, customer: CustomerHistory, firstOrder = notExpected) {
  return forecastQuantity(params, customer, deliveriesThrough(customer, THROUGH), firstOrder);
}

/** Restaurants that swap two, three or four 20 kg cylinders per call, mostly three. */
function restaurants(count: number): CustomerHistory[] {
  const pattern = [3, 3, 2, 3, 4, 3, 3, 2, 3, 3];
  return Array.from({ length: count }, (_, i) => {
    const builder = aCustomer(`R${i}`).ofType('restaurant').withCylindersOnSite({ 20: 5 });
    pattern.forEach((n, k) => builder.deliveredOn(`2025-0${1 + Math.floor(k / 2)}-${k % 2 === 0 ? '05' : '20'}`, { 20: pattern[(k + i) % pattern.length] ?? n }));
    return builder.build();
  });
}

describe('forecastQuantity (the intermittent forecaster over each size’s order series)', () => {
  it('repeats a customer who always orders the same, with a range of exactly that', () => {
    const steady = aCustomer('H1').withCylindersOnSite({ 20: 2 }).ordering({ 20: 1 }, '2025-06-01', 30, 6).build();
    const result = forecast(fitQuantity([steady], THROUGH), steady);
    expect(result.expected).toEqual({ 20: 1 });
    expect(result.range).toEqual({ 20: { p10: 1, p50: 1, p90: 1 } });
  });

  it('gives a customer whose order size varies its usual count as median and the spread as range', () => {
    const panel = restaurants(8);
    const [first] = panel;
    const result = forecast(fitQuantity(panel, THROUGH), first as CustomerHistory);
    expect(result.range[20]?.p10).toBe(2);
    expect(result.range[20]?.p50).toBe(3);
    expect(result.range[20]?.p90).toBeGreaterThanOrEqual(3);
    expect(result.expected[20]).toBeGreaterThan(2.6);
    expect(result.expected[20]).toBeLessThan(3.4);
  });

  it('lends a customer with a single order the spread of its type', () => {
    const panel = restaurants(8);
    const newcomer = aCustomer('R-new').ofType('restaurant').withCylindersOnSite({ 20: 5 }).deliveredOn('2025-12-01', { 20: 3 }).build();
    const pooled = forecast(fitQuantity(panel, THROUGH), newcomer).range[20];
    const alone = forecast(fitQuantity([newcomer], THROUGH), newcomer).range[20];
    expect(alone).toEqual({ p10: 3, p50: 3, p90: 3 });
    expect(pooled?.p50).toBe(3);
    expect((pooled?.p90 ?? 0) - (pooled?.p10 ?? 0)).toBeGreaterThanOrEqual(1);
  });

  it('follows a customer who switched cylinder size within a few orders', () => {
    const builder = aCustomer('H-switch').withCylindersOnSite({ 20: 1, 16: 1 }).ordering({ 20: 1 }, '2025-01-05', 30, 6);
    builder.ordering({ 16: 1 }, '2025-07-10', 30, 4);
    const switched = builder.build();
    const steady = (size: 20 | 16, i: number) => aCustomer(`H${size}-${i}`).withCylindersOnSite({ [size]: 2 }).ordering({ [size]: 1 }, '2025-01-03', 30, 11).build();
    const panel = [switched, ...[0, 1, 2, 3, 4].flatMap((i) => [steady(20, i), steady(16, i)])];
    const result = forecast(fitQuantity(panel, THROUGH), switched);
    expect(result.range[16]?.p50).toBe(1);
    expect(result.range[20]?.p50 ?? 0).toBe(0);
    expect(result.expected[16]).toBeGreaterThan(0.75);
    expect(result.expected[20] ?? 0).toBeLessThan(0.4);
  });

  it('forecasts from the customer’s own orders when the parameters know nothing of its type (models before 1.1.0)', () => {
    const [first] = restaurants(1);
    const result = forecast({}, first as CustomerHistory);
    expect(result.range[20]?.p50).toBe(3);
  });

  it('uses the first-order rule for a customer without deliveries, with no range', () => {
    const fresh = aCustomer('H-new').withCylindersOnSite({ 20: 2 }).build();
    const result = forecast(fitQuantity(restaurants(3), THROUGH), fresh, () => ({ 20: 0.9 }));
    expect(result).toEqual({ expected: { 20: 0.9 }, range: {} });
  });

  it('survives a JSON round trip of its parameters', () => {
    const panel = restaurants(4);
    const params = fitQuantity(panel, THROUGH);
    const restored = JSON.parse(JSON.stringify(params)) as QuantityParams;
    expect(forecast(restored, panel[1] as CustomerHistory)).toEqual(forecast(params, panel[1] as CustomerHistory));
  });
});
