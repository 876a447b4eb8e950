import { randomUUID } from 'node:crypto';
import { firestoreCylinderStockStore } from '../adapters/firestore/cylinder-stock-store';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Settlement } from '../domain/reports/driver-settlement';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';
import { settlementStockMovement } from './use-cases/settlement-stock';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const customers = [1, 2, 3, 4, 5].map((k) => aNearbyCustomer(`cust-${k}`, k));
const c = (k: number) => customers[k - 1]!;
// The order mother prices 20 kg at NT$850 and 50 kg at NT$2,050.
const orders = [
  aConfirmedOrder('ord-1', c(1), today, { items: [{ size: 50, quantity: 1 }], emptiesToCollect: [{ size: 50, quantity: 1 }], paymentMethod: 'cash' }),
  aConfirmedOrder('ord-2', c(2), today, { items: [{ size: 20, quantity: 2 }], emptiesToCollect: [{ size: 20, quantity: 2 }], paymentMethod: 'cash' }),
  aConfirmedOrder('ord-3', c(3), today, { emptiesToCollect: [{ size: 20, quantity: 1 }], paymentMethod: 'monthly' }),
  aConfirmedOrder('ord-4', c(4), today, { paymentMethod: 'cash' }),
  aConfirmedOrder('ord-5', c(5), today, { paymentMethod: 'cash' }),
];
const o = (id: string) => ({ order: orders.find((x) => x.id === id)!, customer: customers[Number(id.slice(4)) - 1]! });
const r1 = aDraftRoute({ id: 'set-1', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: [o('ord-1'), o('ord-2'), o('ord-3'), o('ord-5')] });
const r2 = aDraftRoute({ id: 'set-2', date: today, vehicle: FLEET.vehicles[1]!, driver: FLEET.drivers[1]!, stops: [o('ord-4')] });

async function deliver(orderId: string, as: 'driver1' | 'driver2', delivered: Json[], emptiesCollected: Json[], cashCollected: number) {
  const res = await call('POST', `/api/driver/stops/${orderId}/deliver`, { as, body: { actionId: randomUUID(), delivered, emptiesCollected, cashCollected } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  stack = await startTestStack({ suite: 'settlements', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders });
  // The clerk's account: the day's list names who recorded a hand-in by display name.
  await stack.container.db.collection('users').doc('u-office').set({ uid: 'u-office', username: 'office', displayName: '王小姐', role: 'office', disabled: false });
  for (const r of [r1, r2]) {
    await stack.container.db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    expect((await call('POST', `/api/routes/${r.id}/publish`, { as: 'office' })).status).toBe(200);
  }
  // Through the driver flow: drv-1 takes NT$50 short on ord-2 and one empty fewer, fails ord-5; drv-2 delivers ord-4.
  await deliver('ord-1', 'driver1', [{ size: 50, quantity: 1 }], [{ size: 50, quantity: 1 }], 2050);
  await deliver('ord-2', 'driver1', [{ size: 20, quantity: 2 }], [{ size: 20, quantity: 1 }], 1650);
  await deliver('ord-3', 'driver1', [{ size: 20, quantity: 1 }], [{ size: 20, quantity: 1 }], 0);
  expect((await call('POST', '/api/driver/stops/ord-5/fail', { as: 'driver1', body: { actionId: randomUUID(), reason: '客戶不在家' } })).status).toBe(200);
  await deliver('ord-4', 'driver2', [{ size: 20, quantity: 1 }], [], 850);
});
afterAll(() => stack.close());

const settle = (body: Json, opts: { as?: 'admin' | 'office' | 'driver1'; key?: string; lang?: string } = {}) =>
  call('POST', '/api/settlements', { as: opts.as ?? 'office', body, ...(opts.key ? { key: opts.key } : {}), ...(opts.lang ? { lang: opts.lang } : {}) });
const stored = async () => (await stack.container.db.collection('settlements').doc(`${today}_drv-1`).get()).data();

describe('driver settlements on the emulators', () => {
  it("sums each driver's day from the driver flow: stops, cylinders, empties and cash (default date today)", async () => {
    const res = await call('GET', '/api/settlements', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.date).toBe(today);
    expect(res.body.drivers.map((d: Json) => d.driverId)).toEqual(['drv-1', 'drv-2']);
    const [one, two] = res.body.drivers as Json[];
    expect(one).toEqual({
      driverId: 'drv-1',
      driverName: FLEET.drivers[0]!.name,
      stops: { delivered: 3, failed: 1, collected: 0 },
      failed: [{ orderId: 'ord-5', customerId: 'cust-5', customerName: c(5).name, reason: '客戶不在家' }],
      cylindersDelivered: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }],
      empties: { expected: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }], collected: [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }] },
      cash: { expected: 3750, collected: 3700, difference: -50 },
      notCollectedAtDoor: [{ orderId: 'ord-3', customerName: c(3).name, paymentMethod: 'monthly', total: 850 }],
      deposits: { collected: 0, lines: [] },
      cashBookedLate: [],
      settlement: null,
      handInDifference: null,
      settledByName: null,
      deliveredAfterSettlement: [],
      undelivered: { stops: 0, cylinders: [] },
    });
    expect(two).toMatchObject({ driverId: 'drv-2', stops: { delivered: 1, failed: 0 }, cash: { expected: 850, collected: 850, difference: 0 }, settlement: null });
    expect((await call('GET', `/api/settlements?date=${addDays(today, -1)}`, { as: 'admin' })).body).toEqual({ date: addDays(today, -1), drivers: [] });
  });

  it('gives a driver only their own day, refuses another driver’s (403) and refuses customers', async () => {
    const own = await call('GET', '/api/settlements', { as: 'driver1' });
    expect(own.status).toBe(200);
    expect(own.body.drivers.map((d: Json) => [d.driverId, d.cash.collected])).toEqual([['drv-1', 3700]]);
    expect((await call('GET', '/api/settlements?driverId=drv-1', { as: 'driver1' })).body).toEqual(own.body);
    const other = await call('GET', '/api/settlements?driverId=drv-2', { as: 'driver1' });
    expect([other.status, other.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await call('GET', '/api/settlements', { as: 'customerA' })).status).toBe(403);
    expect((await call('GET', '/api/settlements?driverId=drv-2', { as: 'office' })).body.drivers.map((d: Json) => d.driverId)).toEqual(['drv-2']);
  });

  it('keeps a failed stop in its day after the office reschedules the order', async () => {
    expect((await call('POST', '/api/orders/ord-5/reschedule', { as: 'office', body: {} })).status).toBe(200);
    expect((await stack.container.db.collection('orders').doc('ord-5').get()).get('status')).toBe('pending');
    const row = (await call('GET', '/api/settlements?driverId=drv-1', { as: 'office' })).body.drivers[0];
    expect(row.stops).toEqual({ delivered: 3, failed: 1, collected: 0 });
    expect(row.failed).toEqual([{ orderId: 'ord-5', customerId: 'cust-5', customerName: c(5).name, reason: '客戶不在家' }]);
  });

  let first: Json;
  it('records the hand-in once; a retry with the same Idempotency-Key or the same body gets the same answer', async () => {
    const body = { date: today, driverId: 'drv-1', cashReceived: 3700, emptiesReceived: [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }], note: '少收 50 元，客戶月底補' };
    const res = await settle(body, { key: 'settle-1' });
    expect(res.status).toBe(200);
    first = res.body.settlement;
    expect(first).toEqual({ ...body, id: `${today}_drv-1`, by: { uid: 'u-office', role: 'office' }, at: expect.any(String), corrections: [] });
    expect(await stored()).toEqual(first);
    const replay = await settle(body, { key: 'settle-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);
    const again = await settle(body, { as: 'admin' });
    expect([again.status, again.body]).toEqual([200, res.body]);
    const row = (await call('GET', '/api/settlements?driverId=drv-1', { as: 'office' })).body.drivers[0];
    expect(row).toMatchObject({ settlement: first, handInDifference: 0, settledByName: '王小姐' });
  });

  it('refuses a different amount for a settled day with 409 in zh-TW and en, and takes it as a correction', async () => {
    const zh = await settle({ date: today, driverId: 'drv-1', cashReceived: 3750 });
    expect(zh.status).toBe(409);
    expect(zh.body.error).toMatchObject({ code: 'SETTLEMENT.ALREADY_SETTLED', message: '此司機當日已結算（已收 NT$3,700）；要改動請以「更正」送出' });
    const en = await settle({ date: today, driverId: 'drv-1', cashReceived: 3750 }, { lang: 'en' });
    expect(en.body.error.message).toBe('This driver’s day is already settled (NT$3,700 received); send it as a correction to change it');
    expect(await stored()).toEqual(first);
    const fixed = await settle({ date: today, driverId: 'drv-1', cashReceived: 3750, note: '客戶已補 50 元', replace: true }, { as: 'admin' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.settlement).toMatchObject({ cashReceived: 3750, note: '客戶已補 50 元', by: { uid: 'u-admin' }, corrections: [{ cashReceived: 3700, note: first.note, by: first.by, at: first.at }] });
    expect(fixed.body.settlement.emptiesReceived).toBeUndefined();
    expect((await call('GET', '/api/settlements?driverId=drv-1', { as: 'driver1' })).body.drivers[0].handInDifference).toBe(50);
  });

  it('refuses a future day (422), an unknown driver (404) and drivers, writing nothing', async () => {
    const future = await settle({ date: addDays(today, 1), driverId: 'drv-2', cashReceived: 850 });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'SETTLEMENT.FUTURE_DATE', fields: [{ path: 'body.date', message: '不可結算未來的日期' }] });
    const unknown = await settle({ date: today, driverId: 'drv-404', cashReceived: 0 }, { lang: 'en' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'DRIVER.NOT_FOUND']);
    expect((await settle({ date: today, driverId: 'drv-1', cashReceived: 1 }, { as: 'driver1' })).status).toBe(403);
    const bad = await settle({ date: today, driverId: 'drv-2', cashReceived: 850.5 });
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([400, 'body.cashReceived']);
    const ids = (await stack.container.db.collection('settlements').get()).docs.map((d) => d.id);
    expect(ids).toEqual([`${today}_drv-1`]);
  });
});

describe('the cylinder stock a settlement moves', () => {
  const depot = FLEET.vehicles[0]!.depotId;
  const stockLines = async () => (await stack.container.db.collection('cylinderStock').doc(depot).get()).get('lines') as Json[];
  const sized = (lines: Json[]) => Object.fromEntries(lines.filter((l) => l.full !== 0 || l.empty !== 0).map((l) => [l.size, [l.full, l.empty]]));
  const movement = async (driverId: string) => (await stack.container.db.collection('cylinderStock').doc(depot).collection('movements').doc(`settlement-${today}-${driverId}`).get()).data();

  it("takes drv-1's settled day out of their truck's depot once: the same values and a correction moving the same change nothing", async () => {
    expect(sized(await stockLines())).toEqual({ 20: [-3, 2], 50: [-1, 1] });
    expect(await movement('drv-1')).toMatchObject({
      kind: 'settlement',
      driverId: 'drv-1',
      delivered: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }],
      emptiesIn: [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }],
      emptiesCounted: true,
      changes: [{ size: 20, full: -3, empty: 2 }, { size: 50, full: -1, empty: 1 }],
      revisions: 0,
    });
  });

  it('records a new settlement, leaves the stock alone for the same values again, and applies only the difference of a correction', async () => {
    const body = { date: today, driverId: 'drv-2', cashReceived: 850, emptiesReceived: [{ size: 20, quantity: 1 }] };
    expect((await settle(body)).status).toBe(200);
    expect(sized(await stockLines())).toEqual({ 20: [-4, 3], 50: [-1, 1] });
    const first = await movement('drv-2');
    expect(first).toMatchObject({ changes: [{ size: 20, full: -1, empty: 1 }], revisions: 0, by: { uid: 'u-office' } });

    expect((await settle(body, { as: 'admin' })).status).toBe(200);
    expect(sized(await stockLines())).toEqual({ 20: [-4, 3], 50: [-1, 1] });
    expect(await movement('drv-2')).toEqual(first);

    const fixed = await settle({ ...body, emptiesReceived: [{ size: 20, quantity: 2 }, { size: 4, quantity: 1 }], replace: true });
    expect(fixed.status).toBe(200);
    expect(sized(await stockLines())).toEqual({ 4: [0, 1], 20: [-4, 4], 50: [-1, 1] });
    expect(await movement('drv-2')).toMatchObject({ changes: [{ size: 4, full: 0, empty: 1 }, { size: 20, full: -1, empty: 2 }], revisions: 1 });
    const listed = await call('GET', `/api/cylinder-stock/${depot}/movements`, { as: 'office' });
    expect(listed.body.items.map((m: Json) => m.id)).toEqual([`settlement-${today}-drv-2`, `settlement-${today}-drv-1`]);
  });

  it('catches up a delivery uploaded after the day was settled when the same values are posted again', async () => {
    const late = aConfirmedOrder('ord-late', c(5), today, { items: [{ size: 20, quantity: 2 }], paymentMethod: 'monthly' });
    const delivered = { ...late, status: 'delivered', driverId: 'drv-1', routeId: 'set-1', delivery: { at: new Date().toISOString(), delivered: late.items.map(({ size, quantity }) => ({ size, quantity })), emptiesCollected: [], cashCollected: 0 } };
    // drv-1's day is settled already (above): the clerk posts what is stored again.
    const { cashReceived, emptiesReceived, note } = (await stored()) as Settlement;
    const body = { date: today, driverId: 'drv-1', cashReceived, note, ...(emptiesReceived ? { emptiesReceived } : {}) };
    expect((await settle(body)).status).toBe(200);
    const before = sized(await stockLines());
    await stack.container.db.collection('orders').doc(late.id).set({ ...delivered, version: 5 });
    expect((await settle(body)).status).toBe(200);
    const after = sized(await stockLines());
    expect(after[20]).toEqual([(before[20] as number[])[0]! - 2, (before[20] as number[])[1]]);
    expect(await movement('drv-1')).toMatchObject({ delivered: [{ size: 20, quantity: 5 }, { size: 50, quantity: 1 }], revisions: 1 });
    expect((await settle(body)).status).toBe(200);
    expect(sized(await stockLines())).toEqual(after);
    await stack.container.db.collection('orders').doc(late.id).delete();
    expect((await settle(body)).status).toBe(200);
    expect(sized(await stockLines())).toEqual(before);
  });

  it('moves a correction to the depot the truck moved to, taking the day back at the old depot once, and back again', async () => {
    const db = stack.container.db;
    const north = { ...DEPOT, id: 'depot-b', name: '幸福氣 北站' };
    await db.collection('depots').doc(north.id).set(north);
    const moveTruck = async (depotId: string) => expect((await call('PATCH', '/api/fleet/vehicles/veh-2', { as: 'admin', body: { depotId } })).status).toBe(200);
    const stockAt = async (depotId: string) => sized(((await db.collection('cylinderStock').doc(depotId).get()).get('lines') ?? []) as Json[]);
    const movementAt = async (depotId: string) => (await db.collection('cylinderStock').doc(depotId).collection('movements').doc(`settlement-${today}-drv-2`).get()).data();
    const body = { date: today, driverId: 'drv-2', cashReceived: 850, emptiesReceived: [{ size: 20, quantity: 1 }], replace: true };
    // Before: drv-2's corrected day (20 kg 1 out, 2 in; 4 kg 1 in) stands at depot-a beside drv-1's.
    expect(await stockAt(depot)).toEqual({ 4: [0, 1], 20: [-4, 4], 50: [-1, 1] });

    await moveTruck(north.id);
    expect((await settle(body)).status).toBe(200);
    expect(await stockAt(depot)).toEqual({ 20: [-3, 2], 50: [-1, 1] });
    expect(await stockAt(north.id)).toEqual({ 20: [-1, 1] });
    expect(await movementAt(depot)).toMatchObject({ depotId: depot, changes: [], movedTo: north.id, revisions: 2 });
    const moved = await movementAt(north.id);
    expect(moved).toMatchObject({ depotId: north.id, changes: [{ size: 20, full: -1, empty: 1 }], emptiesIn: [{ size: 20, quantity: 1 }], revisions: 2 });
    expect(moved).not.toHaveProperty('movedTo');
    const listed = await call('GET', `/api/cylinder-stock/${north.id}/movements`, { as: 'office' });
    expect(listed.body.items.map((m: Json) => [m.id, m.revisions])).toEqual([[`settlement-${today}-drv-2`, 2]]);

    // Retried: through the API (the same values answer the stored settlement) and straight at the store, nothing more moves.
    expect((await settle(body)).status).toBe(200);
    const settled = (await db.collection('settlements').doc(`${today}_drv-2`).get()).data() as Settlement;
    const movementFor = await settlementStockMovement(stack.container, today, 'drv-2', 'veh-2', { uid: 'u-office', role: 'office' }, new Date());
    expect((await firestoreCylinderStockStore(db).apply(movementFor!(settled))).changed).toBe(false);
    expect([await stockAt(depot), await stockAt(north.id)]).toEqual([{ 20: [-3, 2], 50: [-1, 1] }, { 20: [-1, 1] }]);
    expect(await movementAt(north.id)).toEqual(moved);

    // The truck back home and the day corrected again: depot-b gives it all back, depot-a's moved-away record counts again.
    await moveTruck(depot);
    expect((await settle({ ...body, emptiesReceived: [{ size: 20, quantity: 2 }] })).status).toBe(200);
    expect([await stockAt(depot), await stockAt(north.id)]).toEqual([{ 20: [-4, 4], 50: [-1, 1] }, {}]);
    expect(await movementAt(north.id)).toMatchObject({ changes: [], movedTo: depot, revisions: 3 });
    const home = await movementAt(depot);
    expect(home).toMatchObject({ changes: [{ size: 20, full: -1, empty: 2 }], revisions: 3 });
    expect(home).not.toHaveProperty('movedTo');
  });
});
