import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { renderClosureReminder } from '../domain/notifications';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, taipeiClockAt, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';
import type { PredictionDoc } from './use-cases/forecast-model';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
// The functions' clock and the test's days agree whenever CI runs: the adjustment and the closure are counted from them.
const clock = taipeiClockAt('10:00');
const today = taipeiDate(clock.now());
const day = (n: number): string => addDays(today, n);

// cust-a is the api client's portal login customerA.
const household = aCustomer().withId('cust-a').withCode('C00001').ofType('household').with({ name: '陳家', closedDays: [] }).build();
const model = { name: 'lpg-refill-eb', version: 'readers' };
/** As the night stored it: seven days of gas from today, the band two to six days later. */
const night = { p10: day(8), p50: day(10), p90: day(13), safeDeliveryDate: day(7) };
const stored: PredictionDoc = {
  customerId: household.id,
  customerName: household.name,
  customerType: 'household',
  customerDistrict: household.address.district,
  autoDelivery: false,
  asOf: today,
  computedAt: clock.now().toISOString(),
  lastDeliveryDate: day(-14),
  nextRefill: { ...night, expectedIntervalDays: 21, burnRateKgPerDay: 0.9, expectedQuantity: [{ size: 20, quantity: 1 }], ownHistoryWeight: 0.8, behaviourChangeDetected: false, model, source: 'local' },
  churn: { risk: 0.1, reasons: [], model, source: 'local' },
};
/** 寒流 ×3 on the three days after the prediction's, as demand-adjustment.test's 12/2–12/4 on a prediction of 12/1. */
const coldWave = { from: day(1), to: day(3), factor: 3, reason: '寒流' };
/** The adjusted days, worked out by hand: three days' gas on each cold day, so the gas due to last until day 7 is gone on day 3. */
const underColdWave = { p10: day(3), p50: day(4), p90: day(7), safeDeliveryDate: day(3) };
/** After the stored run-out day, before the adjusted one: the customer would run out during it only in the cold. */
const closure = { id: 'cl-repair', name: '設備檢修', from: day(4), to: day(6), createdAt: clock.now().toISOString(), createdBy: 'u-admin' };

beforeAll(async () => {
  stack = await startTestStack({ suite: 'demand-adjustment-readers', subscriptions: [], clock });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc(household.id).set(household);
  await db.collection('predictions').doc(household.id).set(stored);
  await seedPortalAccounts(db, [household.id]);
});
afterAll(() => stack.close());

const addColdWave = async (key: string): Promise<string> => {
  const added = await call('POST', '/api/predictions/adjustments', { as: 'office', key, body: coldWave });
  expect(added.status).toBe(201);
  return added.body.id as string;
};
const removeAdjustment = async (id: string, key: string): Promise<void> => {
  expect((await call('DELETE', `/api/predictions/adjustments/${id}`, { as: 'office', key })).status).toBe(204);
};

describe('需求調整 in one customer’s prediction, the portal’s reminder and the closure reminders', () => {
  it("shows the office the customer's days under a 寒流 ×3, 12/8 brought to 12/4, naming it, with the model's own beside them; as stored once it is removed", async () => {
    const before = await call('GET', `/api/predictions/customers/${household.id}`, { as: 'office' });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ nextRefill: night, adjustedBy: [], modelDates: null });

    const id = await addColdWave('readers-drawer');
    for (const who of ['office', 'admin'] as const) {
      const res = await call('GET', `/api/predictions/customers/${household.id}`, { as: who });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ nextRefill: underColdWave, adjustedBy: [{ id, ...coldWave }], modelDates: night });
    }
    for (const who of ['driver1', 'customerA'] as const) expect((await call('GET', `/api/predictions/customers/${household.id}`, { as: who })).status).toBe(403);
    // The stored prediction stays the model's.
    expect((await stack.container.db.collection('predictions').doc(household.id).get()).get('nextRefill.safeDeliveryDate')).toBe(night.safeDeliveryDate);

    await removeAdjustment(id, 'readers-drawer-off');
    expect((await call('GET', `/api/predictions/customers/${household.id}`, { as: 'office' })).body).toMatchObject({ nextRefill: night, adjustedBy: [], modelDates: null });
  });

  it('tells the customer in the portal to order by the day the cold brings forward, and by the stored day again once it is removed', async () => {
    const mine = async (): Promise<Json> => {
      const res = await call('GET', '/api/predictions/mine', { as: 'customerA' });
      expect(res.status).toBe(200);
      return res.body as Json;
    };
    expect(await mine()).toMatchObject({ asOf: today, orderBy: night.safeDeliveryDate, around: night.p50 });
    const id = await addColdWave('readers-portal');
    expect(await mine()).toMatchObject({ asOf: today, orderBy: underColdWave.safeDeliveryDate, around: underColdWave.p50 });
    for (const who of ['office', 'driver1'] as const) expect((await call('GET', '/api/predictions/mine', { as: who })).status).toBe(403);
    await removeAdjustment(id, 'readers-portal-off');
    expect(await mine()).toMatchObject({ orderBy: night.safeDeliveryDate, around: night.p50 });
  });

  it('reminds a customer whom a 寒流 makes run out during a closure to order before it, though the stored day falls after it, naming the 寒流 as why', async () => {
    const db = stack.container.db;
    await db.collection('closures').doc(closure.id).set(closure);
    const run = async (): Promise<Json> => {
      const res = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
      expect(res.status).toBe(200);
      return res.body as Json;
    };
    expect(await run()).toMatchObject({ reminded: 0, skipped: { NOT_DUE: 1 } });

    const id = await addColdWave('readers-closure');
    expect(await run()).toMatchObject({ reminded: 1, errors: [], pending: 0 });
    const inbox = (await db.collection('notifications').where('customerId', '==', household.id).get()).docs.map((d) => d.get('text') as string);
    expect(inbox).toEqual([renderClosureReminder({ closure, orderBy: underColdWave.safeDeliveryDate, heavierUseDuring: ['寒流'] })]);
    expect(inbox[0]).toContain('寒流期間用量較大，瓦斯可能在假期中用完');
    expect((await db.collection('notificationDispatch').doc(`closure-${closure.id}-${household.id}`).get()).get('orderBy')).toBe(day(3));
    await removeAdjustment(id, 'readers-closure-off');
    await db.collection('closures').doc(closure.id).delete();
  });
});
