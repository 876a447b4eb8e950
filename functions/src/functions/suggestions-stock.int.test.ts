import { addDays } from '../domain/calendar';
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
/** Every depot's fulls counted at `full` (盤點), and its cylinders at the filling plant at `atPlant` when given. */
const countFulls = async (full: number, atPlant?: number): Promise<void> => {
  for (const depot of DEPOTS) {
    const counted = CYLINDER_SIZES.map((size) => ({ size, full, empty: 0, ...(atPlant === undefined ? {} : { atPlant }) }));
    expect((await call('POST', `/api/cylinder-stock/${depot.id}/movements`, { as: 'office', body: { kind: 'count', counted, note: '盤點' } })).status).toBe(201);
  }
};
const stockMovement = (body: Json) => call('POST', `/api/cylinder-stock/${DEPOTS[0]?.id}/movements`, { as: 'office', body });

describe('nightly suggestions against the cylinder stock (分裝場缺氣)', () => {
  it('leaves the auto-delivery suggestions the fulls in stock do not cover pending, noted for the office and raised on 警示, and confirms them on a rerun once a refill is recorded, clearing the warning', async () => {
    // The filling plant sent nothing back: every depot's fulls are counted at zero, its empties all at the plant.
    await countFulls(0, 200);
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

describe('suggestions an earlier night held for stock (分裝場缺氣)', () => {
  const nightly = async (): Promise<Json> => {
    const night = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 14 } });
    expect(night.status).toBe(200);
    return night.body.suggestions as Json;
  };
  const order = async (id: string): Promise<Json> => (await stack.container.db.collection('orders').doc(id).get()).data() as Json;

  it('are confirmed by a later night once the fulls cover them, once, like one made before its customer took auto-delivery; those of customers the night suggests nothing to are left to the office, and those whose day has come stay held on 警示', async () => {
    const db = stack.container.db;
    await Promise.all((await db.collection('orders').where('source', '==', 'forecast').get()).docs.map((d) => d.ref.delete()));
    await countFulls(0);
    await nightly();
    // The next night is played by dating every suggestion a day back, as that night finds them, and taking tonight's away.
    const yesterday = addDays(today, -1);
    const dayBack = new Date(Date.now() - 86_400_000).toISOString();
    for (const suggestion of await suggestions()) {
      const id = `sug-${suggestion.customerId}-${yesterday}`;
      await db.collection('orders').doc(id).set({ ...suggestion, id, createdAt: dayBack, updatedAt: dayBack });
      await db.collection('orders').doc(suggestion.id).delete();
    }
    const everyOne = await suggestions();
    const held = everyOne.filter((o) => auto.has(o.customerId)).sort((a, b) => a.id.localeCompare(b.id));
    expect(held.length).toBeGreaterThanOrEqual(6);
    for (const o of held) expect({ status: o.status, held: o.notes.endsWith(HELD) }).toEqual({ status: 'pending', held: true });
    const [noLongerAuto, stopped, ordered, deactivated, dayCome, ...covered] = held as [Json, Json, Json, Json, Json, ...Json[]];
    expect((await call('PATCH', `/api/customers/${noLongerAuto.customerId}`, { as: 'office', body: { autoDelivery: false } })).status).toBe(200);
    // 停止供氣, as a service call closed unsafe writes it.
    await db.collection('customers').doc(stopped.customerId).update({ supplyStop: { serviceCallId: 'svc-hose', since: today, items: ['hose'] } });
    const own = await call('POST', '/api/orders', { as: 'office', body: { customerId: ordered.customerId, items: ordered.items.map(({ size, quantity }: Json) => ({ size, quantity })), requestedDate: ordered.requestedDate } });
    expect(own.status).toBe(201);
    expect((await call('POST', `/api/customers/${deactivated.customerId}/deactivate`, { as: 'office', body: { cancelOpenOrders: true } })).status).toBe(200);
    await db.collection('orders').doc(dayCome.id).update({ requestedDate: today });
    // Two customers take auto-delivery with a suggestion pending; the day of one of them has come.
    const [tookAuto, tookAutoDayCome] = everyOne.filter((o) => !auto.has(o.customerId)) as [Json, Json];
    for (const o of [tookAuto, tookAutoDayCome]) {
      expect({ status: o.status, held: o.notes.includes(HELD) }).toEqual({ status: 'pending', held: false });
      expect((await call('PATCH', `/api/customers/${o.customerId}`, { as: 'office', body: { autoDelivery: true } })).status).toBe(200);
    }
    await db.collection('orders').doc(tookAutoDayCome.id).update({ requestedDate: today });
    covered.push(tookAuto);
    const dayHasCome = [dayCome, tookAutoDayCome];

    // Still no fulls: the earlier night's are held again, the count and the warning say so, nothing new is made; the one
    // whose customer took auto-delivery is noted held like the others, while one whose day has come keeps its note.
    const stillShort = await nightly();
    const stillHeld = covered.length + dayHasCome.length;
    expect(stillShort).toMatchObject({ created: 0, confirmed: 0, heldForStock: stillHeld, earlierNights: { confirmed: 0, held: stillHeld }, errors: [] });
    await heldAlert((a) => a.data.customers === stillHeld && a.data.requestedDate === today);
    expect({ status: (await order(tookAuto.id)).status, notes: (await order(tookAuto.id)).notes }).toEqual({ status: 'pending', notes: [tookAuto.notes, HELD].filter((n) => n !== '').join('；') });
    expect((await order(tookAutoDayCome.id)).notes).toBe(tookAutoDayCome.notes);

    // The fulls are back: the next run confirms those they cover and takes the hold off their note; the rest stay as they were.
    await countFulls(200);
    const refilled = await nightly();
    expect(refilled).toMatchObject({ created: 0, confirmed: covered.length, heldForStock: 2, earlierNights: { confirmed: covered.length, held: 2 }, errors: [] });
    for (const o of covered) {
      const now = await order(o.id);
      expect({ status: now.status, held: now.notes.includes(HELD), by: now.timeline.at(-1).note }).toEqual({ status: 'confirmed', held: false, by: 'auto-delivery' });
    }
    expect((await order(tookAuto.id)).notes).toBe(tookAuto.notes);
    for (const o of [noLongerAuto, stopped, ordered, dayCome]) {
      const now = await order(o.id);
      expect({ id: o.id, status: now.status, held: now.notes.endsWith(HELD) }).toEqual({ id: o.id, status: 'pending', held: true });
    }
    expect({ status: (await order(tookAutoDayCome.id)).status, notes: (await order(tookAutoDayCome.id)).notes }).toEqual({ status: 'pending', notes: tookAutoDayCome.notes });
    expect((await order(deactivated.id)).status).toBe('cancelled');
    await heldAlert((a) => a.data.customers === 2 && a.data.requestedDate === today);

    // A rerun confirms nothing twice and makes nothing.
    expect(await nightly()).toMatchObject({ created: 0, confirmed: 0, heldForStock: 2, earlierNights: { confirmed: 0, held: 2 }, errors: [] });
    for (const o of covered) expect((await order(o.id)).timeline.filter((step: Json) => step.to === 'confirmed')).toHaveLength(1);
    expect((await suggestions()).map((o) => o.id).sort()).toEqual(everyOne.map((o) => o.id).sort());

    // The office cancels those whose day came: none is held, and the warning is cleared.
    for (const o of dayHasCome) expect((await call('POST', `/api/orders/${o.id}/cancel`, { as: 'office', body: { reason: '客戶已自行叫氣' } })).status).toBe(200);
    expect(await nightly()).toMatchObject({ heldForStock: 0, earlierNights: { confirmed: 0, held: 0 }, errors: [] });
    await heldAlert((a) => a.cleared === true);
  });
});
