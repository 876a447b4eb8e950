import { aCustomer } from '../test-support/customer-builder';
import { generateLpgHistory } from '../test-support/synthetic-lpg';
import { holdoutCases } from './backtest';
import { lastOrderQuantity } from './baselines';
import { addDays, dayNumber } from './calendar';
import { closedDays } from './closures';
import { modelQuantityPredictor, scoreQuantity } from './evaluate';
import { fit, LPG_MODEL, predict, type ModelParams } from './model';
import type { CustomerHistory } from './types';

function regularCustomers(count: number, everyDays: number): CustomerHistory[] {
  return Array.from({ length: count }, (_, i) =>
    aCustomer(`H${i}`).ofType('household').withCylindersOnSite({ 20: 2 }).ordering({ 20: 1 }, '2025-01-03', everyDays, 14).build(),
  );
}

describe('LPG refill model on a constant burn rate', () => {
  const history = regularCustomers(12, 25);
  const params = fit(history);

  it('recovers the burn rate and the interval', () => {
    const customer = history[0] as CustomerHistory;
    const last = customer.deliveries.at(-1)?.date ?? '';
    const prediction = predict(params, customer, last);
    expect(prediction.burnRateKgPerDay).toBeCloseTo(20 / 25, 2);
    expect(prediction.expectedIntervalDays).toBeCloseTo(25, 0);
    expect(prediction.nextOrderDate.p50).toBe(addDays(last, 25));
    expect(prediction.expectedQuantity).toEqual({ 20: 1 });
  });

  it('serves the calibrated spread of the log interval (the weekly outlook spreads later orders by it), small for a steady burner', () => {
    const customer = history[0] as CustomerHistory;
    const prediction = predict(params, customer, customer.deliveries.at(-1)?.date ?? '');
    expect(prediction.intervalLogSd).toBeGreaterThan(0);
    expect(prediction.intervalLogSd).toBeLessThan(0.2);
  });

  it('keeps p10 ≤ p50 ≤ p90 and conditions on the days already elapsed', () => {
    const customer = history[1] as CustomerHistory;
    const last = customer.deliveries.at(-1)?.date ?? '';
    const late = predict(params, customer, addDays(last, 40));
    expect(dayNumber(late.nextOrderDate.p10)).toBeGreaterThanOrEqual(dayNumber(addDays(last, 40)));
    expect(late.nextOrderDate.p10 <= late.nextOrderDate.p50 && late.nextOrderDate.p50 <= late.nextOrderDate.p90).toBe(true);
  });

  it('moves p10 earlier for a customer without spares, who runs out when it orders, and plans delivery on p10', () => {
    const single = aCustomer('S').ofType('household').withCylindersOnSite({ 20: 1 }).ordering({ 20: 1 }, '2025-01-03', 25, 14).build();
    const last = single.deliveries.at(-1)?.date ?? '';
    const withoutSpare = predict(params, single, last);
    const withSpare = predict(params, history[0] as CustomerHistory, last);
    expect(withoutSpare.nextOrderDate.p50).toBe(withSpare.nextOrderDate.p50);
    expect(withoutSpare.nextOrderDate.p10 < withSpare.nextOrderDate.p10).toBe(true);
    expect(withoutSpare.safeDeliveryDate).toBe(withoutSpare.nextOrderDate.p10);
    expect(withSpare.safeDeliveryDate).toBe(withSpare.nextOrderDate.p10);
  });

  it('moves orders off a closure: without spares the customer calls before it, with a spare after it; deliver-by is always before', () => {
    const single = aCustomer('S').ofType('household').withCylindersOnSite({ 20: 1 }).ordering({ 20: 1 }, '2025-01-03', 25, 14).build();
    const spare = history[0] as CustomerHistory;
    const last = single.deliveries.at(-1)?.date ?? '';
    const closed = closedDays([{ from: addDays(last, 23), to: addDays(last, 27) }]);
    const withoutSpare = predict(params, single, last, closed);
    const withSpare = predict(params, spare, last, closed);
    expect(withoutSpare.nextOrderDate.p50).toBe(addDays(last, 22));
    expect(withSpare.nextOrderDate.p50).toBe(addDays(last, 28));
    for (const prediction of [withoutSpare, withSpare]) {
      expect(prediction.safeDeliveryDate <= addDays(last, 22)).toBe(true);
      const { p10, p50, p90 } = prediction.nextOrderDate;
      expect(p10 <= p50 && p50 <= p90).toBe(true);
      for (const date of [p10, p50, p90]) expect(date >= addDays(last, 23) && date <= addDays(last, 27)).toBe(false);
    }
    // Without the closure both would be due in the middle of it.
    expect(predict(params, single, last).nextOrderDate.p50).toBe(addDays(last, 25));
  });

  it('labels predictions with the model name and version, and survives a JSON round trip', () => {
    const customer = history[2] as CustomerHistory;
    const restored = JSON.parse(JSON.stringify(params)) as ModelParams;
    expect(params.model).toEqual(LPG_MODEL);
    expect(predict(restored, customer, '2025-12-01')).toEqual(predict(params, customer, '2025-12-01'));
    expect(predict(params, customer, '2025-12-01').model).toEqual(LPG_MODEL);
  });
});

describe('LPG refill model on a simulated distributor', () => {
  const world = generateLpgHistory({ customers: 150, seed: 3, days: 365 });
  const params = fit(world.history);

  it('finds that households burn more in cold months and around Lunar New Year', () => {
    const household = params.refill.types.household.seasonal;
    expect(household.coldPerDegree).toBeGreaterThan(0.025);
    expect(household.coldPerDegree).toBeLessThan(0.055);
    expect(household.lunarNewYear).toBeGreaterThan(0.1);
  });

  it('starts a new customer at its type and shrinks a short history toward it', () => {
    const newRestaurant = aCustomer('R-new').ofType('restaurant').withCylindersOnSite({ 50: 2 }).deliveredOn('2025-12-20', { 50: 1 }).build();
    const newHousehold = aCustomer('H-new').ofType('household').withCylindersOnSite({ 20: 2 }).deliveredOn('2025-12-20', { 20: 1 }).build();
    const restaurant = predict(params, newRestaurant, '2025-12-21');
    const household = predict(params, newHousehold, '2025-12-21');
    expect(restaurant.ownHistoryWeight).toBe(0);
    expect(restaurant.burnRateKgPerDay).toBeGreaterThan(3 * household.burnRateKgPerDay);

    // a household burning 2 kg/day (3-4x its type) with two intervals of history
    const heavy = aCustomer('H-heavy').ofType('household').withCylindersOnSite({ 20: 2 }).ordering({ 20: 1 }, '2025-11-01', 10, 3).build();
    const shrunk = predict(params, heavy, '2025-11-21');
    expect(shrunk.ownHistoryWeight).toBeGreaterThan(0.3);
    expect(shrunk.ownHistoryWeight).toBeLessThan(1);
    expect(shrunk.burnRateKgPerDay).toBeLessThan(2);
    expect(shrunk.burnRateKgPerDay).toBeGreaterThan(household.burnRateKgPerDay);
  });

  it('forecasts varying order sizes better than repeating the last order, with ranges that hold them', () => {
    const origins = ['2025-09-01', '2025-10-01', '2025-11-01'];
    const cases = origins.flatMap((origin) => holdoutCases(world.history, origin));
    const byOrigin = new Map(origins.map((origin) => [origin, modelQuantityPredictor(fit(world.history, { asOf: origin }))]));
    const ours = scoreQuantity((customer, asOf) => (byOrigin.get(asOf) ?? lastOrderQuantity)(customer, asOf), cases);
    const last = scoreQuantity(lastOrderQuantity, cases);
    expect(last.suggestedExact).toBeLessThan(0.98);
    expect(ours.maeCylinders).toBeLessThan(last.maeCylinders);
    expect(ours.suggestedExact).toBeGreaterThan(last.suggestedExact);
    expect(ours.coverageP10P90).toBeGreaterThan(0.8);
  });

  it('times the next order by the cylinders it will swap, not by the last delivery: a late call does not stretch the next wait', () => {
    // 4 kg/day, usually two 20 kg cylinders swapped every 10 days; the last call came late, after four were empty.
    const builder = aCustomer('R-late').ofType('restaurant').withCylindersOnSite({ 20: 5 }).ordering({ 20: 2 }, '2025-09-01', 10, 8);
    const late = addDays(builder.lastDeliveryDate(), 20);
    const customer = builder.deliveredOn(late, { 20: 4 }).build();
    const prediction = predict(params, customer, late);
    expect(prediction.burnRateKgPerDay).toBeGreaterThan(3.2);
    expect(prediction.burnRateKgPerDay).toBeLessThan(4.8);
    expect(prediction.expectedQuantity[20]).toBeLessThan(3);
    expect(prediction.expectedIntervalDays).toBeLessThan(15);
    expect(prediction.expectedIntervalDays).toBeGreaterThan(8);
  });

  it('picks up a change in consumption within a few orders', () => {
    const builder = aCustomer('H-change').ofType('household').withCylindersOnSite({ 20: 2 }).ordering({ 20: 1 }, '2025-01-05', 30, 10);
    const lastSlow = builder.lastDeliveryDate();
    builder.ordering({ 20: 1 }, addDays(lastSlow, 15), 15, 4);
    const prediction = predict(params, builder.build(), builder.lastDeliveryDate());
    expect(prediction.behaviourChangeDetected).toBe(true);
    expect(prediction.expectedIntervalDays).toBeGreaterThan(12);
    expect(prediction.expectedIntervalDays).toBeLessThan(18);
  });
});
