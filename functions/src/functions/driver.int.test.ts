import { randomUUID } from 'node:crypto';
import { startTestStack, type TestStack } from '../local/test-support';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const at = (i: number) => ({ order: day.orders[i]!, customer: day.customers[i]! });
const r1 = aDraftRoute({ id: 'job-d-1', jobId: 'job-d', date: day.date, vehicle: day.vehicles[0]!, driver: day.drivers[0]!, stops: [at(0), at(1)] });
const r2 = aDraftRoute({ id: 'job-d-2', jobId: 'job-d', date: day.date, vehicle: day.vehicles[1]!, driver: day.drivers[1]!, stops: [at(2), at(3)] });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'driver', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day);
  for (const r of [r1, r2]) await stack.container.db.collection('routes').doc(r.id).set({ ...r, version: 1 });
  for (const r of [r1, r2]) expect((await call('POST', `/api/routes/${r.id}/publish`, { as: 'office' })).status).toBe(200);
});
afterAll(() => stack.close());

const orderDoc = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data() as Json;
const customerDoc = async (id: string) => (await stack.container.db.collection('customers').doc(id).get()).data() as Json;
const routeDoc = async (id: string) => (await stack.container.db.collection('routes').doc(id).get()).data() as Json;
const deliver = (orderId: string, actionId: string, as: 'driver1' | 'driver2' = 'driver1') =>
  call('POST', `/api/driver/stops/${orderId}/deliver`, {
    as,
    body: { actionId, delivered: [{ size: 50, quantity: 1 }], emptiesCollected: [{ size: 50, quantity: 1 }], cashCollected: 2100 },
  });

describe('driver actions', () => {
  it('are for drivers only, on their own stops', async () => {
    const actionId = randomUUID();
    expect((await call('POST', '/api/driver/stops/ord-1/deliver', { as: 'office', body: { actionId, delivered: [{ size: 20, quantity: 1 }] } })).status).toBe(403);
    expect((await call('POST', '/api/driver/stops/ord-1/deliver', { as: 'customerA', body: { actionId, delivered: [{ size: 20, quantity: 1 }] } })).status).toBe(403);
    const other = await deliver('ord-3', actionId, 'driver1');
    expect([other.status, other.body.error.code]).toEqual([404, 'ORDER.NOT_FOUND']);
    expect((await call('POST', '/api/driver/routes/job-d-2/start', { as: 'driver1' })).status).toBe(404);
  });

  it('count a delivery once however often it is retried, and start the route, its other stops out for delivery too', async () => {
    const actionId = randomUUID();
    const first = await deliver('ord-1', actionId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ orderId: 'ord-1', status: 'delivered', routeId: 'job-d-1', routeStatus: 'in_progress' });
    const retry = await deliver('ord-1', actionId);
    expect(retry.body).toEqual(first.body);
    // The route nobody pressed 開始配送 on started with its first stop, and its other stop went out for delivery with it, once.
    const next = await orderDoc('ord-2');
    expect(next.status).toBe('out_for_delivery');
    expect(next.timeline.map((e: Json) => e.to)).toEqual(['pending', 'confirmed', 'scheduled', 'out_for_delivery']);
    const order = await orderDoc('ord-1');
    expect(order.status).toBe('delivered');
    expect(order.delivery).toMatchObject({ delivered: [{ size: 50, quantity: 1 }], cashCollected: 2100 });
    expect(order.timeline.filter((e: Json) => e.to === 'delivered')).toHaveLength(1);
    expect(order.timeline.map((e: Json) => e.to)).toEqual(['pending', 'confirmed', 'scheduled', 'out_for_delivery', 'delivered']);
    // "Out for delivery" and "delivered" come out of one write: the later status has the later sequence, so a consumer
    // that drops what is older than the last it handled keeps "delivered" whichever Pub/Sub brings first.
    const sequenceOf = new Map<string, number>(
      (await stack.container.db.collection('outbox').where('event.subject', '==', 'orders/ord-1').get()).docs
        .map((d) => d.get('event'))
        .filter((e: Json) => e.type === 'order.status_changed')
        .map((e: Json) => [e.data.to, e.sequence]),
    );
    expect(sequenceOf.get('delivered')).toBeGreaterThan(sequenceOf.get('out_for_delivery') ?? Infinity);
    const events = await stack.container.db.collection('outbox').where('event.type', '==', 'driver.stop_delivered').get();
    expect(events.size).toBe(1);
    // The stop carries what the customer was promised (the published route's planned arrival), for the punctuality report.
    expect(events.docs[0]?.get('event.data')).toMatchObject({ driverId: order.driverId, promise: { date: order.requestedDate, eta: order.eta } });
    const reused = await call('POST', '/api/driver/stops/ord-2/fail', { as: 'driver1', body: { actionId, reason: '不在家' } });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'DRIVER.ACTION_ID_REUSED']);
  });

  it('need a reason to fail a stop, keep the driver’s words beside the reason picked, and complete the route when every stop is done', async () => {
    const noReason = await call('POST', '/api/driver/stops/ord-2/fail', { as: 'driver1', body: { actionId: randomUUID() } });
    expect(noReason.status).toBe(400);
    const failed = await call('POST', '/api/driver/stops/ord-2/fail', { as: 'driver1', body: { actionId: randomUUID(), reason: 'no_one_home', note: ' 門口有狗，按電鈴沒人應 ' } });
    expect(failed.body).toMatchObject({ status: 'failed', routeStatus: 'completed' });
    const order = await orderDoc('ord-2');
    expect(order).toMatchObject({ failureReason: 'no_one_home', failureNote: '門口有狗，按電鈴沒人應' });
    expect(order.timeline.at(-1)).toMatchObject({ to: 'failed', reason: 'no_one_home', note: '門口有狗，按電鈴沒人應' });
    const route = await routeDoc('job-d-1');
    expect(route.status).toBe('completed');
    expect(route.stops.map((s: Json) => s.outcome.status)).toEqual(['delivered', 'failed']);
  });

  it("let the office record a stop the driver never could, for the order's driver, so the route completes", async () => {
    const db = stack.container.db;
    const customer = aNearbyCustomer('cust-late', 6);
    const order = aConfirmedOrder('ord-late', customer, day.date);
    const route = aDraftRoute({ id: 'job-d-3', jobId: 'job-d', date: day.date, vehicle: day.vehicles[1]!, driver: day.drivers[1]!, stops: [{ order, customer }] });
    await db.collection('customers').doc(customer.id).set(customer);
    // Published as publishing leaves it (drv-2's day already holds job-d-2, which publishing would weigh against it).
    await db.collection('orders').doc(order.id).set({ ...order, status: 'scheduled', routeId: route.id, driverId: 'drv-2', version: 2 });
    await db.collection('routes').doc(route.id).set({ ...route, status: 'published', publishedAt: new Date().toISOString(), version: 2 });
    const body = { actionId: randomUUID(), reason: 'no_one_home', note: '客戶來電說昨天不在家，司機手機沒電沒回報' };
    expect((await call('POST', '/api/driver/stops/ord-late/fail', { as: 'customerA', body })).status).toBe(403);
    expect((await call('POST', '/api/driver/stops/ord-late/fail', { as: 'driver1', body })).status).toBe(404);
    const failed = await call('POST', '/api/driver/stops/ord-late/fail', { as: 'office', body });
    expect(failed.body).toMatchObject({ orderId: 'ord-late', status: 'failed', routeStatus: 'completed' });
    // The driver's code, so 配送失敗 groups it and the customer is told it as the driver's; the call's words beside it.
    expect(await orderDoc('ord-late')).toMatchObject({ status: 'failed', failureReason: 'no_one_home', failureNote: '客戶來電說昨天不在家，司機手機沒電沒回報', driverId: 'drv-2' });
    expect((await db.collection('driverActions').doc(body.actionId).get()).data()).toMatchObject({ driverId: 'drv-2', kind: 'fail' });
    expect((await call('POST', '/api/driver/stops/ord-late/fail', { as: 'admin', body })).body).toEqual(failed.body);
    expect((await call('POST', '/api/driver/stops/ord-late/deliver', { as: 'office', body: { actionId: randomUUID(), delivered: [] } })).status).toBe(403);
  });

  it('refuse the office and admin a stop marked not delivered without one of the drivers’ reasons, in their language, recording nothing; the name of a closure of the stop’s day is one', async () => {
    const db = stack.container.db;
    const customer = aNearbyCustomer('cust-called', 7);
    const order = aConfirmedOrder('ord-called', customer, day.date);
    const route = aDraftRoute({ id: 'job-d-5', jobId: 'job-d', date: day.date, vehicle: day.vehicles[1]!, driver: day.drivers[1]!, stops: [{ order, customer }] });
    await db.collection('customers').doc(customer.id).set(customer);
    await db.collection('orders').doc(order.id).set({ ...order, status: 'scheduled', routeId: route.id, driverId: 'drv-2', version: 2 });
    await db.collection('routes').doc(route.id).set({ ...route, status: 'published', publishedAt: new Date().toISOString(), version: 2 });
    const fail = (as: 'office' | 'admin', lang: string, body: Json) => call('POST', '/api/driver/stops/ord-called/fail', { as, lang, body: { actionId: randomUUID(), ...body } });

    const words = [await fail('office', 'zh-TW', { reason: '司機手機沒電，客戶不在家' }), await fail('admin', 'en', { reason: 'nobody_home', note: 'typo in the code' })];
    expect(words.map((r) => [r.status, r.body.error.code, r.body.error.fields])).toEqual([
      [400, 'ORDER.FAILURE_REASON_REQUIRED', [{ path: 'body.reason', message: '請選擇未送達原因（無人在家、客戶拒收、找不到地址…），其他說明請填在補充說明' }]],
      [400, 'ORDER.FAILURE_REASON_REQUIRED', [{ path: 'body.reason', message: 'Choose why the stop was not delivered (nobody home, delivery refused, address not found, …); anything else goes in the note' }]],
    ]);
    const missing = await Promise.all([fail('office', 'zh-TW', { note: '客戶不在' }), fail('admin', 'en', { reason: '  ' })]);
    expect(missing.map((r) => [r.status, r.body.error.fields])).toEqual([
      [400, [{ path: 'body.reason', message: '請選擇未送達原因（無人在家、客戶拒收、找不到地址…），其他說明請填在補充說明' }]],
      [400, [{ path: 'body.reason', message: 'Choose why the stop was not delivered (nobody home, delivery refused, address not found, …); anything else goes in the note' }]],
    ]);
    expect(await orderDoc('ord-called')).toMatchObject({ status: 'scheduled', version: 2 });
    expect((await routeDoc('job-d-5')).status).toBe('published');

    // 出車中的訂單標記未送達: an afternoon called off where the stop is delivered, its customer told the closure.
    await db.collection('closures').doc('cl-called').set({ id: 'cl-called', name: '颱風停班停課', from: day.date, to: day.date, districts: [order.district] });
    try {
      const calledOff = await fail('office', 'zh-TW', { reason: '颱風停班停課' });
      expect([calledOff.status, (await orderDoc('ord-called')).failureReason]).toEqual([200, '颱風停班停課']);
    } finally {
      await db.collection('closures').doc('cl-called').delete();
    }
  });

  it('tell the office, in its language, why a stop it opened can no longer be marked not delivered: delivered, failed by its driver, cancelled or taken off the route since (409, never a missing order)', async () => {
    const db = stack.container.db;
    const stops = [1, 2, 3, 4].map((i) => {
      const customer = aNearbyCustomer(`cust-gone-${i}`, 10 + i);
      return { order: aConfirmedOrder(`ord-gone-${i}`, customer, day.date), customer };
    });
    const route = aDraftRoute({ id: 'job-d-4', jobId: 'job-d', date: day.date, vehicle: day.vehicles[1]!, driver: day.drivers[1]!, stops });
    for (const { order, customer } of stops) {
      await db.collection('customers').doc(customer.id).set(customer);
      await db.collection('orders').doc(order.id).set({ ...order, status: 'scheduled', routeId: route.id, driverId: 'drv-2', version: 2 });
    }
    await db.collection('routes').doc(route.id).set({ ...route, status: 'published', publishedAt: new Date().toISOString(), version: 2 });
    const delivered = stops[0]!.order.items.map(({ size, quantity }) => ({ size, quantity }));
    // Before the driver's first stop, which sends the rest of the route out for delivery with it.
    expect((await call('POST', '/api/orders/ord-gone-2/cancel', { as: 'office', body: { reason: '客戶取消' } })).status).toBe(200);
    // Confirmed again: back to planning, off the route.
    expect((await call('POST', '/api/orders/ord-gone-3/confirm', { as: 'office' })).status).toBe(200);
    expect((await call('POST', '/api/driver/stops/ord-gone-1/deliver', { as: 'driver2', body: { actionId: randomUUID(), delivered } })).status).toBe(200);
    expect((await call('POST', '/api/driver/stops/ord-gone-4/fail', { as: 'driver2', body: { actionId: randomUUID(), reason: '客戶不在家' } })).status).toBe(200);

    const fail = (orderId: string, lang: string) => call('POST', `/api/driver/stops/${orderId}/fail`, { as: 'office', lang, body: { actionId: randomUUID(), reason: 'no_one_home' } });
    const answers = await Promise.all(['ord-gone-1', 'ord-gone-2', 'ord-gone-3', 'ord-gone-4'].map(async (id) => [await fail(id, 'zh-TW'), await fail(id, 'en')] as const));
    expect(answers.map(([zh, en]) => [zh.status, zh.body.error.code, zh.body.error.message, en.body.error.message])).toEqual([
      [409, 'ORDER.INVALID_TRANSITION', '這張訂單目前是「已送達」，無法改為「配送失敗」', 'This order is “Delivered” and cannot become “Failed”'],
      [409, 'ORDER.INVALID_TRANSITION', '這張訂單目前是「已取消」，無法改為「配送失敗」', 'This order is “Cancelled” and cannot become “Failed”'],
      [409, 'DRIVER.STOP_NOT_ON_ROUTE', '這張訂單目前是「已確認」，已不在任何路線上，沒有這一站可記錄。', 'This order is “Confirmed” now and on no route; there is no stop to record.'],
      [409, 'ORDER.ALREADY_IN_STATUS', '這張訂單已經是「配送失敗」了，可能有人剛處理過', 'This order is already “Failed”; someone may have just done it'],
    ]);
    expect((await orderDoc('ord-gone-3')).status).toBe('confirmed');
    // Its driver is told nothing more than of any stop not theirs.
    const asDriver = await call('POST', '/api/driver/stops/ord-gone-3/fail', { as: 'driver2', body: { actionId: randomUUID(), reason: '不在家' } });
    expect([asDriver.status, asDriver.body.error.code]).toEqual([404, 'ORDER.NOT_FOUND']);
  });

  it('start a route: its orders go out for delivery', async () => {
    const res = await call('POST', '/api/driver/routes/job-d-2/start', { as: 'driver2' });
    expect(res.body).toEqual({ routeId: 'job-d-2', status: 'in_progress' });
    expect((await orderDoc('ord-3')).status).toBe('out_for_delivery');
    expect((await orderDoc('ord-4')).status).toBe('out_for_delivery');
  });

  it('bill what was left at the door: one cylinder more than ordered is charged at the order\'s price, the lines as ordered kept', async () => {
    const before = await orderDoc('ord-3');
    const [line] = before.items as { size: number; quantity: number; unitPrice: number }[];
    const res = await call('POST', '/api/driver/stops/ord-3/deliver', {
      as: 'driver2',
      body: { actionId: randomUUID(), delivered: [{ size: line!.size, quantity: line!.quantity + 1 }], emptiesCollected: [], cashCollected: 0 },
    });
    expect(res.status).toBe(200);
    const after = await orderDoc('ord-3');
    expect(after.items).toEqual([{ size: line!.size, quantity: line!.quantity + 1, unitPrice: line!.unitPrice, subtotal: line!.unitPrice * (line!.quantity + 1) }]);
    expect(after.total).toBe(line!.unitPrice * (line!.quantity + 1));
    expect(after.orderedItems).toEqual(before.items);
    // The delivered event carries the billed total, which the revenue counters add up.
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', 'orders/ord-3').where('event.type', '==', 'order.status_changed').get();
    const delivered = events.docs.map((d) => d.get('event.data')).find((d) => d.to === 'delivered');
    expect(delivered.total).toBe(after.total);
  });

  it('refuse a delivered size that has no price, writing nothing', async () => {
    const before = await orderDoc('ord-4');
    const res = await call('POST', '/api/driver/stops/ord-4/deliver', { as: 'driver2', lang: 'en', body: { actionId: randomUUID(), delivered: [{ size: 4, quantity: 1 }] } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toBe('PRICE.NOT_FOUND');
    expect(await orderDoc('ord-4')).toEqual(before);
  });

  it('follow the cylinders at the customer (客戶端鋼瓶): three left and two taken back is one more there, counted once however often retried', async () => {
    await stack.container.db.collection('customers').doc('cust-4').update({ cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] });
    const actionId = randomUUID();
    const body = { actionId, delivered: [{ size: 20, quantity: 3 }], emptiesCollected: [{ size: 20, quantity: 2 }], cashCollected: 0 };
    expect((await call('POST', '/api/driver/stops/ord-4/deliver', { as: 'driver2', body })).status).toBe(200);
    const after = await customerDoc('cust-4');
    expect(after.cylindersOnSite).toEqual([{ size: 20, count: 3, depositPaid: 2400 }]);
    expect((await call('POST', '/api/driver/stops/ord-4/deliver', { as: 'driver2', body })).status).toBe(200);
    expect(await customerDoc('cust-4')).toEqual(after);
    // One cylinder more than ordered and no empties back: a new cylinder there, with no deposit recorded yet.
    const extra = (await orderDoc('ord-3')).delivery.delivered[0];
    expect((await customerDoc('cust-3')).cylindersOnSite).toEqual([{ size: extra.size, count: extra.quantity, depositPaid: 0 }]);
    // A 50 kg swapped one for one leaves the customer's record unwritten.
    expect(await customerDoc('cust-1')).toEqual(day.customers[0]);
  });

  it('keep a location at most every 15 seconds', async () => {
    const first = await call('POST', '/api/driver/location', { as: 'driver2', body: { lat: 25.01, lng: 121.49, at: new Date().toISOString() } });
    expect(first.status).toBe(202);
    const second = await call('POST', '/api/driver/location', { as: 'driver2', body: { lat: 25.02, lng: 121.49, at: new Date().toISOString() } });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await stack.container.db.collection('driverLocations').doc('drv-2').get()).data()).toMatchObject({ lat: 25.01 });
  });

  it('feed the planned-against-actual analytics', async () => {
    const res = await call('GET', `/api/routes/analytics?from=${day.date}&to=${day.date}`, { as: 'office' });
    expect(res.status).toBe(200);
    const done = res.body.routes.find((r: Json) => r.routeId === 'job-d-1');
    expect(done).toMatchObject({ driverId: 'drv-1', planned: { stops: 2 }, actual: { stops: 2, delivered: 1, failed: 1 } });
    expect(res.body.drivers.map((d: Json) => d.driverId)).toEqual(['drv-1', 'drv-2']);
    expect((await call('GET', `/api/routes/analytics?from=${day.date}&to=${day.date}`, { as: 'driver1' })).status).toBe(403);
  });
});
