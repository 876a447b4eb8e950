import { addDays, weekday } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../domain/test-support/order-mother';
import { aTimedStop } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
/** How the texts show a date: 2/5. */
const md = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
const lny = { name: '春節', from: day(10), to: day(14) };
const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ closedDays: [] }).build();
/** Closed on the weekday of the last day before the closure, so recurring orders move one day further. */
const customerR = aCustomer().withId('cust-r').withCode('C00002').with({ name: '林家麵店', closedDays: [weekday(day(9))] }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'closures', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customerA, customerR]) await db.collection('customers').doc(c.id).set(c);
  // The prices the seeded orders were made with: a move changes their day, not what they cost.
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const orders: [string, number, Parameters<ReturnType<typeof anOrder>['inStatus']>[0]][] = [
    ['ord-open', 11, 'confirmed'],
    ['ord-first-day', 10, 'pending'],
    ['ord-done', 12, 'delivered'],
    ['ord-cancelled', 12, 'cancelled'],
    ['ord-after', 15, 'pending'],
  ];
  for (const [id, n, status] of orders) {
    const order = anOrder().withId(id).forCustomer(customerA).with({ requestedDate: day(n) }).inStatus(status).build();
    await db.collection('orders').doc(id).set({ ...order, version: 1 });
  }
});
afterAll(() => stack.close());

const orderBody = (requestedDate: string): Json => ({ customerId: 'cust-a', items: [{ size: 20, quantity: 1 }], requestedDate });

describe('closures API on the emulators', () => {
  let id: string;

  it('lets an admin close some days, and lists the open orders on them for the office to move', async () => {
    const res = await call('POST', '/api/closures', { as: 'admin', key: 'lny-1', body: { ...lny, name: ' 春節 ' } });
    expect(res.status).toBe(201);
    expect(res.body.closure).toEqual({ ...lny, id: expect.stringMatching(new RegExp(`^cl-${lny.from}-[a-zA-Z0-9]{10}$`)), createdAt: expect.any(String), createdBy: 'u-admin' });
    expect(res.body.affectedOrders).toEqual([
      { id: 'ord-first-day', customerId: 'cust-a', customerName: customerA.name, district: '中和區', requestedDate: day(10), status: 'pending' },
      { id: 'ord-open', customerId: 'cust-a', customerName: customerA.name, district: '中和區', requestedDate: day(11), status: 'confirmed' },
    ]);
    id = res.body.closure.id;
    expect((await stack.container.db.collection('closures').doc(id).get()).data()).toEqual(res.body.closure);
    expect((await stack.container.db.collection('orders').doc('ord-open').get()).get('requestedDate')).toBe(day(11));
  });

  it('answers a retry with the same Idempotency-Key with the first answer, storing one closure', async () => {
    const again = await call('POST', '/api/closures', { as: 'admin', key: 'lny-1', body: { ...lny, name: ' 春節 ' } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.closure.id).toBe(id);
    expect((await stack.container.db.collection('closures').count().get()).data().count).toBe(1);
  });

  it.each(['admin', 'office', 'driver1', 'customerA'] as const)('shows %s the closures not over yet, by start', async (who) => {
    const res = await call('GET', '/api/closures', { as: who });
    expect(res.status).toBe(200);
    expect(res.body.closures.map((c: Json) => [c.name, c.from, c.to])).toEqual([[lny.name, lny.from, lny.to]]);
    // Who recorded it, and when, is for staff only.
    const staff = who === 'admin' || who === 'office';
    expect(Object.keys(res.body.closures[0]).sort()).toEqual(staff ? ['createdAt', 'createdBy', 'from', 'id', 'name', 'to'] : ['from', 'id', 'name', 'to']);
    expect((await call('GET', `/api/closures?from=${day(14)}`, { as: who })).body.closures).toHaveLength(1);
    expect((await call('GET', `/api/closures?from=${day(15)}`, { as: who })).body.closures).toEqual([]);
  });

  it('refuses a closure overlapping another with 409, naming it in the caller’s language', async () => {
    const zh = await call('POST', '/api/closures', { as: 'admin', body: { name: '盤點', from: day(14), to: day(16) } });
    expect(zh.status).toBe(409);
    expect(zh.body.error).toMatchObject({ code: 'CLOSURE.OVERLAPS', message: `與「春節」（${md(lny.from)}–${md(lny.to)}）重疊`, details: lny });
    const en = await call('POST', '/api/closures', { as: 'admin', lang: 'en', body: { name: '盤點', from: day(8), to: day(10) } });
    expect(en.body.error.message).toBe(`Overlaps 春節 (${md(lny.from)}–${md(lny.to)})`);
  });

  it('refuses a closure starting before today (422) or ending before it starts or lasting over 31 days (400), at the field', async () => {
    const past = await call('POST', '/api/closures', { as: 'admin', body: { name: '颱風假', from: day(-1), to: day(1) } });
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ code: 'CLOSURE.IN_PAST', fields: [{ path: 'body.from', message: '休息日不可從今天以前開始' }] });
    const backwards = await call('POST', '/api/closures', { as: 'admin', lang: 'en', body: { name: '颱風假', from: day(30), to: day(29) } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual([{ path: 'body.to', message: 'The last day cannot be before the first day' }]);
    const long = await call('POST', '/api/closures', { as: 'admin', body: { name: '整修', from: day(30), to: day(61) } });
    expect(long.body.error.fields).toEqual([{ path: 'body.to', message: '休息日最長 31 天' }]);
    expect((await stack.container.db.collection('closures').count().get()).data().count).toBe(1);
  });

  it('refuses an order for a closure day from the office and the portal, in zh-TW and en, naming the day deliveries resume, writing nothing', async () => {
    const office = await call('POST', '/api/orders', { as: 'office', body: orderBody(day(12)) });
    expect(office.status).toBe(422);
    // Office staff are told they may deliver through it (緊急配送); the customer is not.
    const refused = `春節（${md(lny.from)}–${md(lny.to)}）不配送，${md(day(15))} 起恢復配送，請選擇其他日期；如須當天送達，請勾選「仍要緊急配送」並說明原因`;
    expect(office.body.error).toMatchObject({
      code: 'ORDER.BUSINESS_CLOSED',
      message: refused,
      fields: [{ path: 'body.requestedDate', message: refused }],
      details: { ...lny, reopens: day(15), audience: 'staff' },
    });
    const portal = await call('POST', '/api/orders', { as: 'customerA', lang: 'en', body: orderBody(day(14)) });
    expect(portal.status).toBe(422);
    expect(portal.body.error.message).toBe(`We are closed ${md(lny.from)}–${md(lny.to)} (春節) and deliver again from ${md(day(15))}; please choose another day`);
    expect((await stack.container.db.collection('orders').where('requestedDate', 'in', [day(12), day(14)]).get()).docs.map((d) => d.id).sort()).toEqual([
      'ord-cancelled',
      'ord-done',
    ]);
    expect((await call('POST', '/api/orders', { as: 'office', body: orderBody(day(15)) })).status).toBe(201);
  });

  it('refuses moving an order onto a closure day, leaving it as it was', async () => {
    const res = await call('PATCH', '/api/orders/ord-after', { as: 'office', lang: 'en', body: { requestedDate: day(13) } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ORDER.BUSINESS_CLOSED');
    expect((await stack.container.db.collection('orders').doc('ord-after').get()).data()).toMatchObject({ requestedDate: day(15), version: 1 });
  });

  it('delivers a recurring order due in a closure on the last day before it the customer is open', async () => {
    const rule = await call('POST', '/api/orders/recurring', {
      as: 'office',
      body: { customerId: 'cust-r', recurrence: { kind: 'every_n_weeks', intervalWeeks: 1 }, startDate: day(11), endDate: day(11), items: [{ size: 20, quantity: 1 }] },
    });
    expect(rule.status).toBe(201);
    const job = await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 8 } });
    expect(job.body).toMatchObject({ considered: 1, created: 1, skipped: [] });
    const order = await stack.container.db.collection('orders').doc(`rec-${rule.body.id}-${day(11)}`).get();
    expect(order.get('requestedDate')).toBe(day(8));
    expect((await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 14 } })).body).toMatchObject({ considered: 1, created: 0 });
  });

  it('moves the open and failed orders off the closure to each customer’s last open day before it, once, taking them off a published route nobody started, naming the customer’s other orders that day and reporting those out for delivery', async () => {
    const db = stack.container.db;
    const seed = async (id: string, customer: typeof customerA, n: number, status: Parameters<ReturnType<typeof anOrder>['inStatus']>[0]) =>
      db.collection('orders').doc(id).set({ ...anOrder().withId(id).forCustomer(customer).with({ requestedDate: day(n) }).inStatus(status).build(), version: 1 });
    await seed('ord-lin', customerR, 12, 'confirmed');
    await seed('ord-on-route', customerA, 13, 'scheduled');
    await seed('ord-on-truck', customerA, 13, 'out_for_delivery');
    // Its stop marked 未送達 on the road, the afternoon called off: waiting for another day too.
    const customerF = aCustomer().withId('cust-f').withCode('C00003').with({ name: '午後停班餐廳', closedDays: [] }).build();
    await db.collection('customers').doc(customerF.id).set(customerF);
    await seed('ord-not-home', customerF, 13, 'failed');
    // A typhoon called the evening before: the day's route is published, on the driver's phone, not started.
    await db.collection('orders').doc('ord-on-route').update({ routeId: 'route-typhoon' });
    const planned = new Date().toISOString();
    await db.collection('routes').doc('route-typhoon').set({
      id: 'route-typhoon',
      date: day(13),
      depotId: 'depot-zhonghe',
      driverId: 'drv-01',
      vehicleId: 'veh-01',
      status: 'published',
      stops: [{ ...aTimedStop('ord-on-route', planned), customerId: 'cust-a' }],
      distanceKm: 8,
      durationMin: 30,
      violations: [],
      createdAt: planned,
      updatedAt: planned,
      publishedAt: planned,
      version: 1,
    });

    expect((await call('POST', `/api/closures/${id}/move-orders`, { as: 'office', body: { direction: 'sideways' } })).status).toBe(400);
    const res = await call('POST', `/api/closures/${id}/move-orders`, { as: 'office', key: 'move-1', body: { direction: 'before' } });
    expect(res.status).toBe(200);
    // Each names the customer's other open orders on its new day, which the office combines into one stop.
    expect(res.body.moved).toEqual([
      { id: 'ord-first-day', customerName: customerA.name, from: day(10), to: day(9), sameDayOrders: ['ord-on-route', 'ord-open'] },
      { id: 'ord-open', customerName: customerA.name, from: day(11), to: day(9), sameDayOrders: ['ord-first-day', 'ord-on-route'] },
      // 林家麵店 is closed on the weekday of the closure's eve, the day its recurring order moved to as well.
      { id: 'ord-lin', customerName: customerR.name, from: day(12), to: day(8), sameDayOrders: [expect.stringMatching(new RegExp(`^rec-.+-${day(11)}$`))] },
      { id: 'ord-not-home', customerName: customerF.name, from: day(13), to: day(9), sameDayOrders: [] },
      { id: 'ord-on-route', customerName: customerA.name, from: day(13), to: day(9), sameDayOrders: ['ord-first-day', 'ord-open'] },
    ]);
    // Back to pending on its new day, as 重新安排 leaves a failed order, for the office to confirm again.
    expect((await db.collection('orders').doc('ord-not-home').get()).data()).toMatchObject({ requestedDate: day(9), status: 'pending', version: 2 });
    // What the eve now carries: its own orders and the closure's.
    expect(res.body.days).toEqual([
      { date: day(8), openOrders: 2, movedIn: 1 },
      { date: day(9), openOrders: 4, movedIn: 4 },
    ]);
    // The truck is out: its driver (or the office's 標記未送達) ends the stop, then it is rescheduled.
    expect(res.body.notMoved).toEqual([
      {
        id: 'ord-on-truck',
        customerId: 'cust-a',
        customerName: customerA.name,
        district: '中和區',
        requestedDate: day(13),
        status: 'out_for_delivery',
        code: 'CLOSURE.ORDER_OUT_FOR_DELIVERY',
        message: '已出車配送中：待司機回報，或在當天的訂單看板標記未送達後，再移動一次',
      },
    ]);
    expect((await db.collection('orders').doc('ord-open').get()).data()).toMatchObject({ requestedDate: day(9), version: 2 });
    expect((await db.collection('orders').doc('ord-on-truck').get()).data()).toMatchObject({ requestedDate: day(13), status: 'out_for_delivery', version: 1 });
    const offRoute = (await db.collection('orders').doc('ord-on-route').get()).data();
    expect(offRoute).toMatchObject({ requestedDate: day(9), status: 'confirmed', version: 2 });
    expect(offRoute?.['routeId']).toBeUndefined();
    // Its stop leaves the driver's route in the same move; a route with none left is over, not waiting on the phone.
    expect((await db.collection('routes').doc('route-typhoon').get()).data()).toMatchObject({ status: 'completed', stops: [], version: 2 });
    const routeEvents = await db.collection('outbox').where('event.subject', '==', 'routes/route-typhoon').get();
    expect(routeEvents.docs.map((d) => d.get('event.type')).sort()).toEqual(['route.completed', 'route.stop_removed']);
    // Back to confirmed, then the new day with the closure as the reason: what the customer is told.
    const offRouteEvents = (await db.collection('outbox').where('event.subject', '==', 'orders/ord-on-route').get()).docs.map((d) => d.get('event'));
    expect(offRouteEvents.sort((a, b) => a.sequence - b.sequence).map((e) => [e.type, e.data.from ?? e.data.fields, e.data.to ?? e.data.closure])).toEqual([
      ['order.status_changed', 'scheduled', 'confirmed'],
      ['order.updated', ['requestedDate'], { name: lny.name, from: lny.from, to: lny.to }],
    ]);
    // Each move carries its event, which tells a confirmed order's customer the new day.
    const events = await db.collection('outbox').where('event.subject', '==', 'orders/ord-open').get();
    // It names the closure, which the customer is told as the reason.
    expect(events.docs.map((d) => [d.get('event.type'), d.get('event.data.fields'), d.get('event.data.closure')])).toEqual([
      ['order.updated', ['requestedDate'], { name: lny.name, from: lny.from, to: lny.to }],
    ]);

    // A second run (a new request, not a replay) finds only the order still on the closure.
    const again = await call('POST', `/api/closures/${id}/move-orders`, { as: 'admin', key: 'move-2', lang: 'en', body: { direction: 'after' } });
    expect(again.body.moved).toEqual([]);
    expect(again.body.notMoved.map((o: Json) => [o['id'], o['message']])).toEqual([
      ['ord-on-truck', 'It is out for delivery: once the driver reports it, or it is marked not delivered on the day’s orders board, move again'],
    ]);
    expect((await db.collection('orders').doc('ord-open').get()).get('version')).toBe(2);
    expect((await call('POST', '/api/closures/cl-none/move-orders', { as: 'office', body: { direction: 'before' } })).status).toBe(404);
  });

  it('lets an admin reopen the days (204), after which they can be ordered for; an unknown id is 404', async () => {
    const res = await call('DELETE', `/api/closures/${id}`, { as: 'admin' });
    expect(res.status).toBe(204);
    expect((await stack.container.db.collection('closures').doc(id).get()).exists).toBe(false);
    expect((await call('GET', '/api/closures', { as: 'office' })).body.closures).toEqual([]);
    const again = await call('DELETE', `/api/closures/${id}`, { as: 'admin', lang: 'en' });
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ code: 'CLOSURE.NOT_FOUND', message: 'Closure not found' });
    expect((await call('POST', '/api/orders', { as: 'office', body: orderBody(day(12)) })).status).toBe(201);
  });
});
