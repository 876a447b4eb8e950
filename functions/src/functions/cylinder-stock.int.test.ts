import { randomUUID } from 'node:crypto';
import { addDays, taipeiInstant } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from '../domain/routes/test-support/fleet-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { UNSETTLED_DAYS_READ } from './use-cases/stock-out';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const tomorrow = addDays(taipeiDate(new Date()), 1);
const customer = aNearbyCustomer('cust-1', 1);
// Cylinders at customers: 20 kg × 4 (two without a deposit) and 50 kg × 1 at the active ones; the inactive one's 20 kg × 9 count apart.
const holders = [
  aNearbyCustomer('cust-2', 2, { cylindersOnSite: [{ size: 20, count: 3, depositPaid: 2400 }, { size: 50, count: 1, depositPaid: 2500 }] }),
  aNearbyCustomer('cust-3', 3, { cylindersOnSite: [{ size: 20, count: 1, depositPaid: 0 }] }),
  { ...aNearbyCustomer('cust-4', 4, { cylindersOnSite: [{ size: 20, count: 9, depositPaid: 0 }] }), status: 'inactive' as const },
];
const north = { ...DEPOT, id: 'depot-b', name: '幸福氣 北站' };
const retired = { ...DEPOT, id: 'depot-z', name: '舊站', active: false };

const post = (body: Json, opts: { key?: string; lang?: string; as?: 'admin' | 'office' | 'driver1' | 'customerA'; depot?: string } = {}) =>
  call('POST', `/api/cylinder-stock/${opts.depot ?? DEPOT.id}/movements`, { as: opts.as ?? 'office', body, ...(opts.key ? { key: opts.key } : {}), ...(opts.lang ? { lang: opts.lang } : {}) });
/** A depot's non-zero sizes as `{size: [full, empty]}`. */
const sized = (lines: Json[]) => Object.fromEntries(lines.filter((l) => l.full !== 0 || l.empty !== 0).map((l) => [l.size, [l.full, l.empty]]));
const stockOf = async (depotId: string) => (await stack.container.db.collection('cylinderStock').doc(depotId).get()).data();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'cylinder-stock', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const depot of [DEPOT, north, retired]) await db.collection('depots').doc(depot.id).set(depot);
  for (const c of [customer, ...holders]) await db.collection('customers').doc(c.id).set(c);
  // Tomorrow's open orders want 20 kg × 5 and 50 kg × 2; a cancelled and the day after's orders do not count.
  const orders = [
    aConfirmedOrder('ord-1', customer, tomorrow, { items: [{ size: 20, quantity: 3 }, { size: 50, quantity: 2 }] }),
    anOrder().withId('ord-2').forCustomer(customer).with({ requestedDate: tomorrow, items: [{ size: 20, quantity: 2 }] }).build(),
    anOrder().withId('ord-3').forCustomer(customer).inStatus('cancelled').with({ requestedDate: tomorrow, items: [{ size: 20, quantity: 9 }] }).build(),
    aConfirmedOrder('ord-4', customer, addDays(tomorrow, 1), { items: [{ size: 16, quantity: 9 }] }),
    aConfirmedOrder('ord-5', customer, addDays(tomorrow, 1), { items: [{ size: 20, quantity: 27 }] }),
  ];
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
});
afterAll(() => stack.close());

describe('cylinder stock on the emulators', () => {
  it('lists every in-service depot at zero before any movement, tomorrow’s open orders by size as shortfalls, and the cylinders at active customers and, apart, at deactivated ones', async () => {
    const res = await call('GET', '/api/cylinder-stock', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.date).toBe(tomorrow);
    expect(res.body.depots.map((d: Json) => [d.depotId, d.depotName, sized(d.lines)])).toEqual([
      [DEPOT.id, DEPOT.name, {}],
      [north.id, north.name, {}],
    ]);
    expect(res.body.depots[0].lines.map((l: Json) => l.size)).toEqual([4, 10, 16, 20, 50]);
    expect(res.body.cover).toEqual([
      { size: 20, demand: 5, full: 0, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 5 },
      { size: 50, demand: 2, full: 0, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 2 },
    ]);
    expect(res.body.atCustomers).toEqual([
      { size: 4, count: 0, withoutDeposit: 0 },
      { size: 10, count: 0, withoutDeposit: 0 },
      { size: 16, count: 0, withoutDeposit: 0 },
      { size: 20, count: 4, withoutDeposit: 2 },
      { size: 50, count: 1, withoutDeposit: 0 },
    ]);
    expect(res.body.atInactiveCustomers.filter((r: Json) => r.count > 0)).toEqual([{ size: 20, count: 9, withoutDeposit: 9 }]);
  });

  let purchase: Json;
  it('records a purchase once: a retry with the same Idempotency-Key answers the first movement and changes nothing', async () => {
    const body = { kind: 'purchase', cylinders: [{ size: 20, quantity: 30 }, { size: 50, quantity: 1 }], note: '新瓶' };
    const res = await post(body, { key: 'buy-1' });
    expect(res.status).toBe(201);
    purchase = res.body.movement;
    expect(purchase).toMatchObject({ kind: 'purchase', depotId: DEPOT.id, note: '新瓶', by: { uid: 'u-office', role: 'office' }, revisions: 0, changes: [{ size: 20, full: 30, empty: 0 }, { size: 50, full: 1, empty: 0 }] });
    expect(sized(res.body.stock.lines)).toEqual({ 20: [30, 0], 50: [1, 0] });
    const replay = await post(body, { key: 'buy-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);
    expect(sized((await stockOf(DEPOT.id))!.lines)).toEqual({ 20: [30, 0], 50: [1, 0] });
    expect((await stack.container.db.collection('cylinderStock').doc(DEPOT.id).collection('movements').get()).size).toBe(1);
  });

  it('covers tomorrow’s 20 kg now, leaving a 50 kg shortfall; the day after, asked for, has only the fulls tomorrow’s orders leave', async () => {
    const res = await call('GET', '/api/cylinder-stock', { as: 'admin' });
    expect(res.body.cover).toEqual([
      { size: 20, demand: 5, full: 30, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 1 },
    ]);
    const later = await call('GET', `/api/cylinder-stock?date=${addDays(tomorrow, 1)}`, { as: 'office' });
    expect(later.body.cover).toEqual([
      { size: 16, demand: 9, full: 0, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 9 },
      { size: 20, demand: 27, full: 30, onTrucks: 0, unbooked: 0, earlier: 5, shortfall: 2 },
      { size: 50, demand: 0, full: 1, onTrucks: 0, unbooked: 0, earlier: 2, shortfall: 0 },
    ]);
  });

  it('retires, counts and refills, each moving the stock by what it says', async () => {
    expect((await post({ kind: 'retire', from: 'full', cylinders: [{ size: 20, quantity: 2 }], note: '檢驗不合格' })).status).toBe(201);
    const count = await post({ kind: 'count', counted: [{ size: 20, full: 26, empty: 12 }] }, { as: 'admin' });
    expect(count.body.movement.changes).toEqual([{ size: 20, full: -2, empty: 12 }]);
    const refill = await post({ kind: 'refill', emptiesSent: [{ size: 20, quantity: 12 }], fullsReceived: [{ size: 20, quantity: 11 }] });
    expect(refill.status).toBe(201);
    expect(sized(refill.body.stock.lines)).toEqual({ 20: [37, 0], 50: [1, 0] });
    expect(await stockOf(DEPOT.id)).toEqual(refill.body.stock);
  });

  it('refuses to take more than is there with 409 in zh-TW and en, writing nothing', async () => {
    const zh = await post({ kind: 'refill', emptiesSent: [{ size: 20, quantity: 5 }] });
    expect(zh.status).toBe(409);
    expect(zh.body.error).toMatchObject({ code: 'STOCK.NOT_ENOUGH_EMPTY', message: '庫存不足：20 公斤空瓶只有 0 支，無法減少 5 支' });
    const en = await post({ kind: 'retire', from: 'full', cylinders: [{ size: 50, quantity: 2 }] }, { lang: 'en' });
    expect([en.status, en.body.error.message]).toEqual([409, 'Not enough stock: 1 full 50 kg cylinder on hand, cannot take 2']);
    expect(sized((await stockOf(DEPOT.id))!.lines)).toEqual({ 20: [37, 0], 50: [1, 0] });
  });

  it('refuses bad input with 400 and field messages, settlements by hand, and an unknown depot with 404', async () => {
    const empty = await post({ kind: 'refill' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([{ path: 'body.fullsReceived', message: '請至少填寫一個尺寸的數量' }]);
    const odd = await post({ kind: 'purchase', cylinders: [{ size: 18, quantity: 1 }] }, { lang: 'en' });
    expect([odd.status, odd.body.error.fields[0].path]).toEqual([400, 'body.cylinders.0.size']);
    expect((await post({ kind: 'settlement', date: tomorrow, driverId: 'drv-1', delivered: [], emptiesIn: [] })).status).toBe(400);
    const unknown = await post({ kind: 'purchase', cylinders: [{ size: 20, quantity: 1 }] }, { depot: 'depot-404' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'DEPOT.NOT_FOUND']);
    expect((await stack.container.db.collection('cylinderStock').doc('depot-404').get()).exists).toBe(false);
  });

  it('lists a depot’s movements newest first, as many as asked', async () => {
    const all = await call('GET', `/api/cylinder-stock/${DEPOT.id}/movements`, { as: 'office' });
    expect(all.status).toBe(200);
    expect(all.body.items.map((m: Json) => m.kind)).toEqual(['refill', 'count', 'retire', 'purchase']);
    expect(all.body.items[3]).toEqual(purchase);
    // Who recorded each, by name once the account is known.
    await stack.container.db.collection('users').doc(PRINCIPALS.office.uid).set({ uid: PRINCIPALS.office.uid, username: 'office', displayName: '王小姐', role: 'office' });
    const named = await call('GET', `/api/cylinder-stock/${DEPOT.id}/movements`, { as: 'office' });
    expect(named.body.items.filter((m: Json) => m.by.uid === PRINCIPALS.office.uid).map((m: Json) => m.byName)).toEqual(expect.arrayContaining(['王小姐']));
    const two = await call('GET', `/api/cylinder-stock/${DEPOT.id}/movements?limit=2`, { as: 'admin' });
    expect(two.body.items.map((m: Json) => m.kind)).toEqual(['refill', 'count']);
    expect((await call('GET', `/api/cylinder-stock/${north.id}/movements`, { as: 'office' })).body.items).toEqual([]);
    expect((await call('GET', `/api/cylinder-stock/${DEPOT.id}/movements?limit=0`, { as: 'office' })).status).toBe(400);
  });

  it('checks one customer’s recorded deposits against the standard deposit, size by size; an unknown customer is 404', async () => {
    const res = await call('GET', '/api/cylinder-stock/customers/cust-2', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customerId: 'cust-2', items: [{ size: 20, count: 3, withoutDeposit: 1 }, { size: 50, count: 1, withoutDeposit: 0 }] });
    const unknown = await call('GET', '/api/cylinder-stock/customers/cust-404', { as: 'admin', lang: 'en' });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.message]).toEqual([404, 'CUSTOMER.NOT_FOUND', 'Customer not found']);
  });

  it('refuses drivers and customers, reading or writing', async () => {
    for (const as of ['driver1', 'customerA'] as const) {
      expect((await call('GET', '/api/cylinder-stock', { as })).status).toBe(403);
      expect((await call('GET', '/api/cylinder-stock/customers/cust-2', { as })).status).toBe(403);
      expect((await post({ kind: 'purchase', cylinders: [{ size: 20, quantity: 1 }] }, { as })).status).toBe(403);
    }
  });
});

describe('tomorrow’s cover while today’s trucks are out', () => {
  const today = taipeiDate(new Date());
  const cover = async (date = tomorrow) => (await call('GET', `/api/cylinder-stock?date=${date}`, { as: 'office' })).body.cover as Json[];
  const stopAction = (orderId: string, action: 'deliver' | 'fail', body: Json) => call('POST', `/api/driver/stops/${orderId}/${action}`, { as: 'driver1', body: { actionId: randomUUID(), ...body } });

  beforeAll(async () => {
    const db = stack.container.db;
    for (const v of FLEET.vehicles) await db.collection('vehicles').doc(v.id).set(v);
    for (const d of FLEET.drivers) await db.collection('drivers').doc(d.id).set(d);
    // drv-1's route today carries 20 kg × 2 to cust-1, and 20 kg × 1 with 50 kg × 1 to cust-2.
    const stops = [
      { order: aConfirmedOrder('ord-today-1', customer, today, { items: [{ size: 20, quantity: 2 }] }), customer },
      { order: aConfirmedOrder('ord-today-2', holders[0]!, today, { items: [{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }] }), customer: holders[0]! },
    ];
    for (const { order } of stops) await db.collection('orders').doc(order.id).set({ ...order, version: 1 });
    const route = aDraftRoute({ id: 'route-today', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops });
    await db.collection('routes').doc(route.id).set({ ...route, version: 1 });
    expect((await call('POST', `/api/routes/${route.id}/publish`, { as: 'office' })).status).toBe(200);
  });

  it('takes the fulls loaded on today’s routes off tomorrow’s cover, but not off today’s, whose demand they are', async () => {
    // The stock still holds 20 kg × 37 and 50 kg × 1 (the movements above); tomorrow wants 20 kg × 5 and 50 kg × 2.
    expect(await cover()).toEqual([
      { size: 20, demand: 5, full: 37, onTrucks: 3, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 1, unbooked: 0, earlier: 0, shortfall: 2 },
    ]);
    expect(await cover(today)).toEqual([
      { size: 20, demand: 3, full: 37, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 1, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
    ]);
  });

  it('counts a delivery until the driver’s day is settled and a failed stop’s fulls as back; the settlement then moves them and the cover stays', async () => {
    expect((await stopAction('ord-today-1', 'deliver', { delivered: [{ size: 20, quantity: 2 }] })).status).toBe(200);
    expect((await stopAction('ord-today-2', 'fail', { reason: '客戶不在家' })).status).toBe(200);
    const before = await cover();
    expect(before).toEqual([
      { size: 20, demand: 5, full: 37, onTrucks: 2, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 1 },
    ]);
    expect((await call('POST', '/api/settlements', { as: 'office', body: { date: today, driverId: 'drv-1', cashReceived: 0 } })).status).toBe(200);
    const after = await cover();
    expect(after).toEqual([
      { size: 20, demand: 5, full: 35, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 1 },
    ]);
  });
});

describe('the cover with yesterday’s trucks unsettled, and a delivery uploaded after its day was settled', () => {
  const today = taipeiDate(new Date());
  const yesterday = addDays(today, -1);
  const [, driver] = FLEET.drivers as [unknown, (typeof FLEET.drivers)[number]];
  const [, truck] = FLEET.vehicles as [unknown, (typeof FLEET.vehicles)[number]];
  const stockDay = async () => (await call('GET', `/api/cylinder-stock?date=${tomorrow}`, { as: 'office' })).body as Json;
  const settlementRow = async () => ((await call('GET', `/api/settlements?date=${yesterday}`, { as: 'office' })).body.drivers as Json[]).find((r) => r.driverId === driver.id);
  // The phone's queue sends the stop with the time it was done at the door, yesterday.
  const deliverYesterday = (orderId: string, quantity: number, hour: string) =>
    call('POST', `/api/driver/stops/${orderId}/deliver`, { as: 'driver2', body: { actionId: randomUUID(), at: taipeiInstant(yesterday, hour), delivered: [{ size: 20, quantity }] } });
  const settleYesterday = () => call('POST', '/api/settlements', { as: 'office', body: { date: yesterday, driverId: driver.id, cashReceived: 0 } });

  beforeAll(async () => {
    const db = stack.container.db;
    // drv-2's truck left yesterday with 20 kg × 1, 20 kg × 2 and 50 kg × 1 for three stops.
    const stops = [
      { order: aConfirmedOrder('ord-y-1', customer, yesterday, { items: [{ size: 20, quantity: 1 }] }), customer },
      { order: aConfirmedOrder('ord-y-2', holders[0]!, yesterday, { items: [{ size: 20, quantity: 2 }] }), customer: holders[0]! },
      { order: aConfirmedOrder('ord-y-3', holders[1]!, yesterday, { items: [{ size: 50, quantity: 1 }] }), customer: holders[1]! },
    ];
    const route = aDraftRoute({ id: 'route-yesterday', date: yesterday, vehicle: truck, driver, stops });
    for (const { order } of stops) await db.collection('orders').doc(order.id).set({ ...order, status: 'scheduled', routeId: route.id, driverId: driver.id, version: 1 });
    await db.collection('routes').doc(route.id).set({ ...route, status: 'published', version: 1 });
  });

  it('counts yesterday’s unsettled truck out of the cover (delivered, and loaded for the stops with no outcome) and names it, 昨日尚未日結, until its day is settled', async () => {
    expect((await deliverYesterday('ord-y-1', 1, '10:00')).status).toBe(200);
    const unsettled = await stockDay();
    expect(unsettled.unsettledDays).toEqual([
      { date: yesterday, driverId: driver.id, driverName: driver.name, plates: [truck.plate], cylinders: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }] },
    ]);
    expect(unsettled.cover).toEqual([
      { size: 20, demand: 5, full: 35, onTrucks: 0, unbooked: 3, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 1, earlier: 0, shortfall: 2 },
    ]);
    expect((await settleYesterday()).status).toBe(200);
    const settled = await stockDay();
    expect([settled.unsettledDays, settled.deliveredAfterSettlement]).toEqual([[], []]);
    expect(settled.cover).toEqual([
      { size: 20, demand: 5, full: 34, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 1 },
    ]);
  });

  it('takes a delivery uploaded after its day was settled off the cover at once, 日結後補傳 on the stock and the settlement, until the hand-in is recorded again', async () => {
    expect((await deliverYesterday('ord-y-2', 2, '11:00')).status).toBe(200);
    const late = await stockDay();
    expect(late.deliveredAfterSettlement).toEqual([{ date: yesterday, driverId: driver.id, driverName: driver.name, cylinders: [{ size: 20, quantity: 2 }] }]);
    expect(late.cover).toEqual([
      { size: 20, demand: 5, full: 34, onTrucks: 0, unbooked: 2, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 1 },
    ]);
    expect(await settlementRow()).toMatchObject({ cylindersDelivered: [{ size: 20, quantity: 3 }], deliveredAfterSettlement: [{ size: 20, quantity: 2 }] });

    // The clerk records the same hand-in again: the settlement's movement takes the late delivery out of the stock.
    expect((await settleYesterday()).status).toBe(200);
    const booked = await stockDay();
    expect(booked.deliveredAfterSettlement).toEqual([]);
    expect(booked.cover).toEqual([
      { size: 20, demand: 5, full: 32, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 1 },
    ]);
    expect((await settlementRow())?.deliveredAfterSettlement).toEqual([]);
  });
});

describe('trucks left unsettled before yesterday, and a driver with no stop recorded', () => {
  const today = taipeiDate(new Date());
  const threeDaysAgo = addDays(today, -3);
  const tooOld = addDays(today, -(UNSETTLED_DAYS_READ + 1));
  const [driver] = FLEET.drivers as [(typeof FLEET.drivers)[number]];
  const [truck] = FLEET.vehicles as [(typeof FLEET.vehicles)[number]];
  const stockDay = async () => (await call('GET', `/api/cylinder-stock?date=${tomorrow}`, { as: 'office' })).body as Json;

  beforeAll(async () => {
    const db = stack.container.db;
    // drv-1's truck left three days ago with 20 kg × 1 and 50 kg × 1, and eight days ago with 16 kg × 2: no stop of
    // either has an outcome (the phone never synced), and nobody settled either day. The orders are made for tomorrow
    // (a past day is refused) and stored on their route's day.
    const routes = [
      { id: 'route-3-days', date: threeDaysAgo, stops: [aConfirmedOrder('ord-o-1', customer, tomorrow, { items: [{ size: 20, quantity: 1 }] }), aConfirmedOrder('ord-o-2', holders[0]!, tomorrow, { items: [{ size: 50, quantity: 1 }] })] },
      { id: 'route-8-days', date: tooOld, stops: [aConfirmedOrder('ord-o-3', customer, tomorrow, { items: [{ size: 16, quantity: 2 }] })] },
    ];
    for (const r of routes) {
      const stops = r.stops.map((order) => ({ order, customer: order.customerId === customer.id ? customer : holders[0]! }));
      const route = aDraftRoute({ id: r.id, date: r.date, vehicle: truck, driver, stops });
      for (const order of r.stops) await db.collection('orders').doc(order.id).set({ ...order, requestedDate: r.date, status: 'scheduled', routeId: route.id, driverId: driver.id, version: 1 });
      await db.collection('routes').doc(route.id).set({ ...route, status: 'published', version: 1 });
    }
  });

  it(`counts the unsettled trucks of the ${UNSETTLED_DAYS_READ} days before today out of the cover, each named with its day, and not a day older`, async () => {
    const day = await stockDay();
    expect(day.unsettledDays).toEqual([{ date: threeDaysAgo, driverId: driver.id, driverName: driver.name, plates: [truck.plate], cylinders: [{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }] }]);
    expect(day.cover).toEqual([
      { size: 20, demand: 5, full: 32, onTrucks: 0, unbooked: 1, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 1, earlier: 0, shortfall: 2 },
    ]);
  });

  it('gives the driver with no stop outcome a 司機日結 row (truck loaded, nothing delivered, no cash) that the office settles, which takes the truck off the cover', async () => {
    const rows = (await call('GET', `/api/settlements?date=${threeDaysAgo}`, { as: 'office' })).body.drivers as Json[];
    expect(rows).toEqual([
      expect.objectContaining({
        driverId: driver.id,
        driverName: driver.name,
        stops: { delivered: 0, failed: 0, collected: 0 },
        cylindersDelivered: [],
        cash: { expected: 0, collected: 0, difference: 0 },
        undelivered: { stops: 2, cylinders: [{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }] },
        settlement: null,
      }),
    ]);
    expect((await call('POST', '/api/settlements', { as: 'office', body: { date: threeDaysAgo, driverId: driver.id, cashReceived: 0, note: '車上瓶全數帶回' } })).status).toBe(200);
    const day = await stockDay();
    expect(day.unsettledDays).toEqual([]);
    expect(day.cover).toEqual([
      { size: 20, demand: 5, full: 32, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 2, full: 1, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 1 },
    ]);
  });
});

describe('a partial refill: empties left at the filling plant (在分裝場)', () => {
  const line20 = (lines: Json[]) => lines.find((l) => l.size === 20);
  const north20 = async () => line20((await stockOf(north.id))!.lines as Json[]);
  const movementsAtNorth = async () => (await stack.container.db.collection('cylinderStock').doc(north.id).collection('movements').get()).size;

  it('keeps the 14 of 28 empties the plant did not fill as at the plant, shown with the depot’s stock and not as fulls; a retry with the same Idempotency-Key moves nothing twice', async () => {
    expect((await post({ kind: 'count', counted: [{ size: 20, full: 0, empty: 28 }], note: '開帳' }, { depot: north.id, as: 'admin' })).status).toBe(201);
    const body = { kind: 'refill', emptiesSent: [{ size: 20, quantity: 28 }], fullsReceived: [{ size: 20, quantity: 14 }], note: '分裝場缺氣，只灌一半' };
    const partial = await post(body, { depot: north.id, key: 'plant-half' });
    expect(partial.status).toBe(201);
    expect(partial.body.movement).toMatchObject({ kind: 'refill', emptiesReturned: [], changes: [{ size: 20, full: 14, empty: -28, atPlant: 14 }] });
    expect(line20(partial.body.stock.lines)).toEqual({ size: 20, full: 14, empty: 0, atPlant: 14 });
    const replay = await post(body, { depot: north.id, key: 'plant-half' });
    expect([replay.headers.get('idempotent-replayed'), replay.body]).toEqual(['true', partial.body]);
    expect(await north20()).toEqual({ size: 20, full: 14, empty: 0, atPlant: 14 });
    const day = (await call('GET', `/api/cylinder-stock?date=${tomorrow}`, { as: 'office' })).body;
    expect(line20(day.depots.find((d: Json) => d.depotId === north.id).lines)).toEqual({ size: 20, full: 14, empty: 0, atPlant: 14 });
    // The depot above holds 20 kg × 32 fulls: the cover adds north's 14 fulls, not the 14 still at the plant.
    expect(line20(day.cover)).toMatchObject({ full: 32 + 14 });
  });

  it('weighs the depot’s fulls against the permitted storage only an admin sets (許可儲存量): over once the plant’s cylinders are back, then over now', async () => {
    const permit = (permittedStorageKg: number | null, as: 'admin' | 'office' | 'driver1' = 'admin') => call('PATCH', `/api/fleet/depots/${north.id}`, { as, body: { permittedStorageKg } });
    const storageOf = async (depotId: string) => (await call('GET', `/api/cylinder-stock?date=${tomorrow}`, { as: 'office' })).body.depots.find((d: Json) => d.depotId === depotId).storage;
    expect(await storageOf(north.id)).toEqual({ heldKg: 14 * 20, atPlantKg: 14 * 20, status: 'unknown' });
    expect((await permit(500, 'office')).status).toBe(403);
    expect((await permit(500, 'driver1')).status).toBe(403);
    const invalid = await call('PATCH', `/api/fleet/depots/${north.id}`, { as: 'admin', body: { permittedStorageKg: 0 }, lang: 'en' });
    expect([invalid.status, invalid.body.error.fields]).toEqual([400, [{ path: 'body.permittedStorageKg', message: 'The permitted storage must be a whole number of kg from 1 to 100,000' }]]);
    expect((await permit(500)).body.permittedStorageKg).toBe(500);
    expect(await storageOf(north.id)).toEqual({ heldKg: 280, atPlantKg: 280, permittedKg: 500, status: 'overOnReturn' });
    expect((await permit(200)).status).toBe(200);
    expect((await storageOf(north.id)).status).toBe('over');
    expect((await storageOf(DEPOT.id)).status).toBe('unknown');
    expect((await permit(null)).body).not.toHaveProperty('permittedStorageKg');
  });

  it('refuses more back than is at the plant with 422 in the caller’s language, writing nothing', async () => {
    const tooMany = await post({ kind: 'refill', fullsReceived: [{ size: 20, quantity: 12 }], emptiesReturned: [{ size: 20, quantity: 3 }] }, { depot: north.id });
    expect([tooMany.status, tooMany.body.error.code, tooMany.body.error.message]).toEqual([
      422,
      'STOCK.MORE_BACK_THAN_AT_PLANT',
      '20 公斤在分裝場只有 14 支（含這次送出的空瓶），收回實瓶與退回空瓶共 15 支，超過在分裝場的數量；新瓶請記錄為「購入新瓶」',
    ]);
    const en = await post({ kind: 'refill', fullsReceived: [{ size: 50, quantity: 1 }] }, { depot: north.id, lang: 'en' });
    expect([en.status, en.body.error.message]).toEqual([422, 'Only 0 50 kg cylinders are at the filling plant (counting the empties sent now), so 1 cannot come back from it; record new cylinders as a purchase']);
    expect([await north20(), await movementsAtNorth()]).toEqual([{ size: 20, full: 14, empty: 0, atPlant: 14 }, 2]);
  });

  it('refuses drivers and customers recording a return from the plant', async () => {
    for (const as of ['driver1', 'customerA'] as const) {
      expect((await post({ kind: 'refill', fullsReceived: [{ size: 20, quantity: 14 }] }, { depot: north.id, as })).status).toBe(403);
    }
    expect(await north20()).toEqual({ size: 20, full: 14, empty: 0, atPlant: 14 });
  });

  it('takes the rest back when the plant sends them, filled later, until none is at the plant', async () => {
    const rest = await post({ kind: 'refill', fullsReceived: [{ size: 20, quantity: 10 }], emptiesReturned: [{ size: 20, quantity: 4 }], note: '補灌' }, { depot: north.id, as: 'admin', key: 'plant-rest' });
    expect(rest.status).toBe(201);
    expect(rest.body.movement.changes).toEqual([{ size: 20, full: 10, empty: 4, atPlant: -14 }]);
    expect(await north20()).toEqual({ size: 20, full: 24, empty: 4 });
  });
});
