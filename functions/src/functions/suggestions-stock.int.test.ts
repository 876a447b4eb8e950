import { taipeiDate } from '../domain/clock';
import { CYLINDER_SIZES } from '../domain/cylinders';
import { DEPOTS } from '../local/seed/fleet';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedForecastHistory } from './test-support/forecast-history';
import { eventually } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let auto: Set<string>;
const today = taipeiDate(new Date());
const HELD = '實瓶庫存不足，未自動確認：請聯絡客戶，有貨後再確認';

beforeAll(async () => {
  stack = await startTestStack({ suite: 'suggestions-stock', subscriptions: [{ consumer: 'systemAlerts', topic: 'system-alerts' }] });
  call = apiClient(stack.url, stack.container);
  const { customers } = await seedForecastHistory(stack.container.db, { today, customers: 20, autoEvery: 2 });
  auto = new Set(customers.filter((c) => c.autoDelivery).map((c) => c.id));
  expect((await call('POST', '/api/jobs/train-models', { as: 'admin', body: {} })).status).toBe(200);
});
afterAll(() => stack.close());

const suggestions = async (): Promise<Json[]> => (await stack.container.db.collection('orders').where('source', '==', 'forecast').get()).docs.map((d) => d.data());
/** Tonight's warning of the suggestions held for stock once `done` says the alerts consumer wrote what is awaited. */
const heldAlert = (done: (alert: Json) => boolean): Promise<Json> =>
  eventually(async () => {
    const alert = (await stack.container.db.collection('alerts').doc(`suggestions-held-for-stock-${today}`).get()).data();
    return alert !== undefined && done(alert) ? alert : undefined;
  });
const stockMovement = (body: Json) => call('POST', `/api/cylinder-stock/${DEPOTS[0]?.id}/movements`, { as: 'office', body });

describe('nightly suggestions against the cylinder stock (分裝場缺氣)', () => {
  it('leaves the auto-delivery suggestions the fulls in stock do not cover pending, noted for the office and raised on 警示, and confirms them on a rerun once a refill is recorded, clearing the warning', async () => {
    // The filling plant sent nothing back: every depot's fulls are counted at zero.
    for (const depot of DEPOTS) {
      const count = await call('POST', `/api/cylinder-stock/${depot.id}/movements`, { as: 'office', body: { kind: 'count', counted: CYLINDER_SIZES.map((size) => ({ size, full: 0, empty: 0 })), note: '分裝場缺氣' } });
      expect(count.status).toBe(201);
    }
    const night = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(night.status).toBe(200);
    const autoSuggested = (await suggestions()).filter((o) => auto.has(o.customerId));
    expect(autoSuggested.length).toBeGreaterThan(0);
    expect(night.body.suggestions).toMatchObject({ confirmed: 0, heldForStock: autoSuggested.length, errors: [] });
    for (const order of autoSuggested) expect({ status: order.status, held: order.notes.endsWith(HELD) }).toEqual({ status: 'pending', held: true });
    const firstDay = autoSuggested.map((o) => o.requestedDate as string).sort()[0];
    const raised = await heldAlert((a) => a.acknowledged === false);
    expect(raised).toMatchObject({ kind: 'system.suggestions_held_for_stock', severity: 'warning', data: { customers: autoSuggested.length, requestedDate: firstDay } });
    // The others were never confirmed by the night: they wait as ever, with no word of the stock.
    for (const order of (await suggestions()).filter((o) => !auto.has(o.customerId))) expect({ status: order.status, held: order.notes.includes(HELD) }).toEqual({ status: 'pending', held: false });

    // The refill is recorded the same night: a rerun confirms what the fulls now cover and takes the hold off the note.
    expect((await stockMovement({ kind: 'refill', fullsReceived: CYLINDER_SIZES.map((size) => ({ size, quantity: 200 })), note: '補灌到貨' })).status).toBe(201);
    const rerun = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(rerun.body.suggestions).toMatchObject({ created: 0, confirmed: autoSuggested.length, heldForStock: 0, errors: [] });
    await heldAlert((a) => a.cleared === true);
    for (const order of (await suggestions()).filter((o) => auto.has(o.customerId))) {
      expect({ status: order.status, held: order.notes.includes(HELD), by: order.timeline.at(-1).note }).toEqual({ status: 'confirmed', held: false, by: 'auto-delivery' });
    }

    // Fulls gone again before a third run: those confirmed stay so and are claimed like any order, none counted as held.
    expect((await stockMovement({ kind: 'count', counted: CYLINDER_SIZES.map((size) => ({ size, full: 0, empty: 0 })), note: '盤點' })).status).toBe(201);
    const third = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(third.body.suggestions).toMatchObject({ created: 0, confirmed: 0, heldForStock: 0, errors: [] });
    expect((await suggestions()).filter((o) => auto.has(o.customerId) && o.status !== 'confirmed')).toEqual([]);
  });
});
