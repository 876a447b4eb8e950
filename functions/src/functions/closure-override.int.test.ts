import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../domain/test-support/order-mother';
import { aDraftRoute } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const typhoon = { name: '颱風停班停課', from: day(3), to: day(3) };
const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ closedDays: [] }).build();
const emergency = { reason: '緊急配送：獨居長者瓦斯用完' };
const orderBody = (extra: Json = {}): Json => ({ customerId: 'cust-a', items: [{ size: 20, quantity: 1 }], requestedDate: typhoon.from, ...extra });
const orderDoc = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data();

beforeAll(async () => {
  stack = await startTestStack({
    suite: 'closure-override',
    subscriptions: [{ consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 }],
  });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc(customerA.id).set(customerA);
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const seed = (id: string, n: number, status: Parameters<ReturnType<typeof anOrder>['inStatus']>[0]) =>
    db.collection('orders').doc(id).set({ ...anOrder().withId(id).forCustomer(customerA).with({ requestedDate: day(n) }).inStatus(status).build(), version: 1 });
  await seed('ord-regular', 3, 'confirmed');
  await seed('ord-later', 5, 'pending');
  await seed('ord-not-home', 1, 'failed');
  expect((await call('POST', '/api/closures', { as: 'admin', body: typhoon })).status).toBe(201);
});
afterAll(() => stack.close());

describe('緊急配送: an order on a closure day anyway', () => {
  let placed: string;

  it('is placed by the office with a reason (201), recording who, when and why, and the audit log says so', async () => {
    const res = await call('POST', '/api/orders', { as: 'office', key: 'emergency-1', body: orderBody({ closureOverride: emergency }) });
    expect(res.status).toBe(201);
    placed = res.body.id;
    const override = { reason: emergency.reason, by: { uid: 'u-office', role: 'office' }, at: expect.any(String), closure: typhoon.name };
    expect(res.body).toMatchObject({ requestedDate: typhoon.from, status: 'pending', closureOverride: override });
    expect(await orderDoc(placed)).toMatchObject({ requestedDate: typhoon.from, closureOverride: override });
    const log = await call('GET', `/api/audit-log?function=orders&entityId=${placed}`, { as: 'admin' });
    expect(log.body.items.map((e: Json) => e.action)).toEqual([`新增訂單（休息日緊急配送：${emergency.reason}）`]);
  });

  it('is refused without a reason (400), and for a customer as without it (422 ORDER.BUSINESS_CLOSED); a driver may not place orders (403)', async () => {
    const blank = await call('POST', '/api/orders', { as: 'admin', body: orderBody({ closureOverride: { reason: ' ' } }) });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields[0].path).toBe('body.closureOverride.reason');
    const portal = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ closureOverride: emergency }) });
    expect(portal.status).toBe(422);
    expect(portal.body.error.code).toBe('ORDER.BUSINESS_CLOSED');
    expect((await call('POST', '/api/orders', { as: 'driver1', body: orderBody({ closureOverride: emergency }) })).status).toBe(403);
    const onTheDay = await stack.container.db.collection('orders').where('requestedDate', '==', typhoon.from).get();
    expect(onTheDay.docs.map((d) => d.id).sort()).toEqual(['ord-regular', placed].sort());
  });

  it('moves an order onto the closure day with PATCH and a failed one with 重新安排, each with its reason; without one they stay', async () => {
    expect((await call('PATCH', '/api/orders/ord-later', { as: 'office', body: { requestedDate: typhoon.from } })).status).toBe(422);
    const moved = await call('PATCH', '/api/orders/ord-later', { as: 'admin', body: { requestedDate: typhoon.from, closureOverride: { reason: '餐廳照常營業' } } });
    expect(moved.status).toBe(200);
    expect(moved.body.closureOverride).toMatchObject({ reason: '餐廳照常營業', by: { uid: 'u-admin', role: 'admin' } });
    const refused = await call('POST', '/api/orders/ord-not-home/reschedule', { as: 'office', body: { requestedDate: typhoon.from } });
    expect(refused.status).toBe(422);
    expect(await orderDoc('ord-not-home')).toMatchObject({ status: 'failed', requestedDate: day(1) });
    const rescheduled = await call('POST', '/api/orders/ord-not-home/reschedule', { as: 'office', body: { requestedDate: typhoon.from, closureOverride: emergency } });
    expect(rescheduled.status).toBe(200);
    expect(rescheduled.body).toMatchObject({ status: 'pending', requestedDate: typhoon.from, closureOverride: { reason: emergency.reason } });
  });

  it('is left on its day by the closure’s move, which moves the others', async () => {
    const closures = await call('GET', '/api/closures', { as: 'admin' });
    const id = closures.body.closures[0].id;
    const res = await call('POST', `/api/closures/${id}/move-orders`, { as: 'office', body: { direction: 'after' } });
    expect(res.status).toBe(200);
    expect(res.body.moved.map((m: Json) => m.id)).toEqual(['ord-regular']);
    expect(res.body.notMoved).toEqual([]);
    for (const kept of [placed, 'ord-later', 'ord-not-home']) expect((await orderDoc(kept))?.requestedDate).toBe(typhoon.from);
    expect((await orderDoc('ord-regular'))?.requestedDate).toBe(day(4));
  });

  it('is planned on a day called off, the day’s other confirmed orders left out as CLOSED_DAY', async () => {
    // Five confirmed orders near a depot with two trucks, on the typhoon's day.
    const plan = planningDay();
    expect(plan.date).toBe(typhoon.from);
    const db = stack.container.db;
    await seedPlanningDay(db, plan);
    const closureOverride = { reason: emergency.reason, by: { uid: 'u-office', role: 'office' }, at: new Date().toISOString(), closure: typhoon.name };
    await db.collection('orders').doc('ord-2').update({ closureOverride });
    const started = await call('POST', '/api/optimize', { as: 'office', body: { date: plan.date, depotId: plan.depot.id, timeLimitSeconds: 5 } });
    expect(started.status).toBe(202);
    const done = await eventually(async () => {
      const job = (await db.collection('optimizationJobs').doc(started.body.jobId).get()).data();
      return job?.['status'] === 'succeeded' ? job : null;
    }, 25_000);
    const drafts = (await db.collection('routes').where('jobId', '==', started.body.jobId).get()).docs.flatMap((d) => d.get('stops') as Json[]);
    expect(drafts.map((stop) => stop['orderId'])).toEqual(['ord-2']);
    expect(done['unassigned']).toEqual(['ord-1', 'ord-3', 'ord-4', 'ord-5'].map((orderId) => ({ orderId, reason: 'CLOSED_DAY' })));
  }, 40_000);
  it('publishes a draft of a day called off only when every stop is 緊急配送: one planned before the closure is refused (409 ROUTE.CLOSED_DAY) naming the closure and the orders without it', async () => {
    // The planning day of the test above: ord-2 is the emergency, ord-1 one of the day's other confirmed orders.
    const plan = planningDay();
    const [veh1] = plan.vehicles;
    const [drv1] = plan.drivers;
    const stop = (i: number) => ({ order: plan.orders[i]!, customer: plan.customers[i]! });
    const db = stack.container.db;
    const early = aDraftRoute({ id: 'route-before-typhoon', date: plan.date, vehicle: veh1!, driver: drv1, stops: [stop(0), stop(1)] });
    const emergencyOnly = aDraftRoute({ id: 'route-emergency', date: plan.date, vehicle: veh1!, driver: drv1, stops: [stop(1)] });
    await Promise.all([early, emergencyOnly].map((r) => db.collection('routes').doc(r.id).set({ ...r, version: 1 })));

    const refused = await call('POST', '/api/routes/route-before-typhoon/publish', { as: 'office' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'ROUTE.CLOSED_DAY']);
    const name = plan.orders[0]!.customerName;
    expect(refused.body.error.message).toBe(`颱風停班停課（${Number(plan.date.slice(5, 7))}/${Number(plan.date.slice(8))}）不配送：路線上有 1 筆訂單未標示緊急配送（${name}），請先將這些訂單移出休息日或改為緊急配送，再發布路線。`);
    expect(refused.body.error.details.orders).toEqual([{ orderId: 'ord-1', customerName: name }]);
    const english = await call('POST', '/api/routes/route-before-typhoon/publish', { as: 'admin', lang: 'en' });
    expect(english.body.error.message).toMatch(/^We are closed .* \(颱風停班停課\): 1 order on the route is not marked emergency delivery/);
    expect((await db.collection('routes').doc(early.id).get()).get('status')).toBe('draft');
    expect((await orderDoc('ord-1'))?.['status']).toBe('confirmed');

    const published = await call('POST', '/api/routes/route-emergency/publish', { as: 'office' });
    expect([published.status, published.body.status]).toEqual([200, 'published']);
    expect((await orderDoc('ord-2'))?.['status']).toBe('scheduled');
  });
});
