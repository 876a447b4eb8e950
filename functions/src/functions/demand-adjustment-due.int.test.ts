import { addDays, daysBetween } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { runOutUnder, type DemandAdjustment } from '../domain/predictions/demand-adjustment';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedForecastHistory } from './test-support/forecast-history';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let customers: readonly Customer[];
// Days are counted from the Taipei day the run sees: nothing here meets a shift or a cut-off, so any hour will do.
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const HORIZON = 3;
/** An announced 寒流 from tomorrow, as hard and as long as staff may enter one: ×5 for 14 days. */
const coldWave = { from: tomorrow, to: addDays(tomorrow, 13), factor: 5, reason: '寒流' };

beforeAll(async () => {
  stack = await startTestStack({ suite: 'demand-adjustment-due', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  ({ customers } = await seedForecastHistory(stack.container.db, { today, customers: 20, autoEvery: 3 }));
  expect((await call('POST', '/api/jobs/train-models', { as: 'admin', body: { holdoutWeeks: 8 } })).status).toBe(200);
  // A year of 20 customers' orders trained on: minutes on a machine shared with other suites.
}, 180_000);
afterAll(() => stack.close());

const nightly = async (): Promise<Json> => {
  const run = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: HORIZON } });
  expect(run.status).toBe(200);
  expect(run.body.suggestions.errors).toEqual([]);
  return run.body.suggestions as Json;
};
const dueList = async (): Promise<Json[]> => (await call('GET', `/api/predictions/due?days=${HORIZON}`, { as: 'office' })).body.items as Json[];
const suggestionOf = async (customerId: string): Promise<Json | undefined> => (await stack.container.db.collection('orders').doc(`sug-${customerId}-${today}`).get()).data();

describe('需求調整 on the due list and the nightly suggestions', () => {
  it('bring a customer due later forward under a 寒流, listed with its tag and suggested tonight once; removed, the due list reads as before and the suggestion stays', async () => {
    const first = await nightly();
    const before = await dueList();
    // The customer the cold wave is about: not due within the horizon, nothing open, nothing holding a suggestion back, no
    // closed weekday moving its day, and due soon enough that 14 days at ×5 bring them within it.
    const stored = (await stack.container.db.collection('predictions').get()).docs.map((d) => d.data());
    const [later] = stored
      .filter((doc) => {
        const customer = customers.find((c) => c.id === doc.customerId);
        return customer?.closedDays.length === 0 && doc.lastDeliveryDate !== null && doc.churn.risk < 0.5 && doc.nextRefill.safeDeliveryDate > addDays(today, HORIZON);
      })
      .sort((a, b) => a.nextRefill.safeDeliveryDate.localeCompare(b.nextRefill.safeDeliveryDate));
    expect(later).toBeDefined();
    const customerId = (later as Json).customerId as string;
    const refill = (later as Json).nextRefill as Json;
    expect(before.map((item) => item.customerId)).not.toContain(customerId);
    expect(await suggestionOf(customerId)).toBeUndefined();
    expect(first.skipped.NOT_DUE).toBeGreaterThan(0);

    const added = await call('POST', '/api/predictions/adjustments', { as: 'office', key: 'cold-wave', body: coldWave });
    expect(added.status).toBe(201);
    const adjustment = added.body as DemandAdjustment;
    const under = (date: string): string => runOutUnder(today, date, [adjustment]);
    // Five days' gas a day from tomorrow: due within the horizon, from as late as 15 days on.
    expect(daysBetween(today, refill.safeDeliveryDate)).toBeLessThanOrEqual(15);
    expect(daysBetween(today, under(refill.safeDeliveryDate))).toBeLessThanOrEqual(HORIZON);

    // The due list reads it at once: the run-out days burn five days' gas each, the band moved with the median.
    const due = (await dueList()).find((item) => item.customerId === customerId);
    expect(due).toMatchObject({
      safeDeliveryDate: under(refill.safeDeliveryDate),
      p10: under(refill.p10),
      p50: under(refill.p50),
      p90: under(refill.p90),
      adjustedBy: [{ id: adjustment.id, from: coldWave.from, to: coldWave.to, factor: 5, reason: '寒流' }],
    });
    expect(due?.safeDeliveryDate <= addDays(today, HORIZON)).toBe(true);
    expect(due?.p10 <= due?.p50 && due?.p50 <= due?.p90).toBe(true);
    // One stored as due past the days the list reads for the window (two weeks on) is read, and due, all the same.
    const db = stack.container.db;
    const far = { ...refill, safeDeliveryDate: addDays(today, 14), p10: addDays(today, 15), p50: addDays(today, 20), p90: addDays(today, 30) };
    await db.collection('predictions').doc('cust-far').set({ ...later, customerId: 'cust-far', nextRefill: far });
    expect((await dueList()).find((item) => item.customerId === 'cust-far')).toMatchObject({ safeDeliveryDate: addDays(today, 3), p10: under(far.p10) });
    await db.collection('predictions').doc('cust-far').delete();

    // Tonight's run suggests them, saying why, and a rerun creates nothing twice.
    const cold = await nightly();
    expect(cold.created).toBeGreaterThanOrEqual(1);
    const suggestion = await suggestionOf(customerId);
    expect(suggestion).toMatchObject({ source: 'forecast', customerId });
    expect(suggestion?.notes).toContain('寒流 ×5');
    expect(suggestion?.requestedDate > today && suggestion?.requestedDate <= addDays(today, HORIZON + 6)).toBe(true);
    const again = await nightly();
    expect(again.created).toBe(0);
    const suggested = await stack.container.db.collection('orders').where('customerId', '==', customerId).where('source', '==', 'forecast').get();
    expect(suggested.size).toBe(1);

    // Removed: the due list reads the night's dates again, the customer is not due; the suggestion the office may have
    // seen is not taken back, and the next run leaves it as it is.
    expect((await call('DELETE', `/api/predictions/adjustments/${adjustment.id}`, { as: 'office', key: 'warm-again' })).status).toBe(204);
    const after = await dueList();
    expect(after.map((item) => item.customerId)).not.toContain(customerId);
    expect(after).toEqual(before);
    const warm = await nightly();
    expect(warm.created).toBe(0);
    expect(await suggestionOf(customerId)).toEqual(suggestion);
    // Four nightly runs of the 20 customers: as slow as the training when the machine is busy.
  }, 180_000);
});
