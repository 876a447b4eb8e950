import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { startTestStack, type TestStack } from '../local/test-support';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aTimedStop } from '../domain/routes/test-support/fleet-mother';
import { apiClient } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const later = addDays(today, 4);

beforeAll(async () => {
  stack = await startTestStack({ suite: 'reschedule', subscriptions: SUBSCRIPTIONS });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await seedPortalAccounts(db, ['cust-p', 'cust-c', 'cust-e']);
  await db.collection('customers').doc('cust-p').set(aCustomer().withId('cust-p').withCode('C00021').build());
  await db.collection('customers').doc('cust-c').set(aCustomer().withId('cust-c').withCode('C00022').build());
  await db.collection('customers').doc('cust-r').set(aCustomer().withId('cust-r').withCode('C00024').build());
  await db.collection('customers').doc('cust-e').set({ ...aCustomer().withId('cust-e').withCode('C00023').build(), notificationLocale: 'en' });
  await db.collection('priceList').doc('p20').set({ id: 'p20', size: 20, unitPrice: 820, effectiveFrom: '2020-01-01', createdAt: '2020-01-01T00:00:00Z', createdBy: 'x' });
});
afterAll(() => stack.close());

const texts = async (customerId: string) =>
  (await stack.container.db.collection('notifications').where('customerId', '==', customerId).get()).docs.map((d) => d.data().text as string);
async function arrived(customerId: string, part: string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && !(await texts(customerId)).some((t) => t.includes(part))) await new Promise((r) => setTimeout(r, 250));
}
async function anOfficeOrder(customerId: string): Promise<string> {
  const created = await call('POST', '/api/orders', { as: 'office', body: { customerId, items: [{ size: 20, quantity: 1 }], requestedDate: tomorrow } });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('POST /api/orders/reschedule (延後)', () => {
  it('is the office’s and the admin’s: a driver and a customer are refused 403 and nothing moves', async () => {
    const id = await anOfficeOrder('cust-r');
    const body = { orderIds: [id], requestedDate: later, reason: 'plant_shortage' };
    for (const who of ['driver1', 'customerA'] as const) expect((await call('POST', '/api/orders/reschedule', { as: who, body })).status).toBe(403);
    expect((await call('GET', `/api/orders/${id}`, { as: 'office' })).body.requestedDate).toBe(tomorrow);
    const asAdmin = await call('POST', '/api/orders/reschedule', { as: 'admin', body });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({ moved: 1, refused: 0 });
  });

  it('moves each chosen open order with its reason told once to its customer in their language, pending ones too, and lists the refusals; a retry tells nobody twice', async () => {
    const db = stack.container.db;
    const pending = await anOfficeOrder('cust-p');
    const confirmed = await anOfficeOrder('cust-c');
    const english = await anOfficeOrder('cust-e');
    for (const id of [confirmed, english]) expect((await call('POST', `/api/orders/${id}/confirm`, { as: 'office', body: {} })).status).toBe(200);
    // The confirmations go out first, as they would in the office: a notice overtaken by a newer one is dropped as stale.
    await arrived('cust-c', '已確認');
    await arrived('cust-e', 'confirmed');
    const onTheRoad = anOrder().withId('ord-road-1').forCustomer(aCustomer().withId('cust-c').build()).inStatus('out_for_delivery').with({ requestedDate: today }).build();
    const alreadyLater = anOrder().withId('ord-later-1').forCustomer(aCustomer().withId('cust-c').build()).inStatus('confirmed').with({ requestedDate: addDays(today, 6) }).build();
    await db.collection('orders').doc(onTheRoad.id).set({ ...onTheRoad, version: 1 });
    await db.collection('orders').doc(alreadyLater.id).set({ ...alreadyLater, version: 1 });

    const body = { orderIds: [pending, confirmed, english, onTheRoad.id, alreadyLater.id, 'ord-nowhere'], requestedDate: later, reason: 'plant_shortage' };
    const first = await call('POST', '/api/orders/reschedule', { as: 'office', body, key: 'resched-1' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ moved: 3, alreadyMoved: 0, refused: 3 });
    expect(first.body.results.map((r: { id: string; outcome: string; code?: string }) => [r.id, r.outcome, r.code])).toEqual([
      [pending, 'moved', undefined],
      [confirmed, 'moved', undefined],
      [english, 'moved', undefined],
      [onTheRoad.id, 'refused', 'ORDER.FIELD_NOT_EDITABLE'],
      [alreadyLater.id, 'refused', 'ORDER.RESCHEDULE_NOT_LATER'],
      ['ord-nowhere', 'refused', 'ORDER.NOT_FOUND'],
    ]);
    expect(first.body.results[4].message).toBe('這張訂單原訂的日期比延後的日期還晚，未移動');
    const order = (await call('GET', `/api/orders/${confirmed}`, { as: 'office' })).body;
    expect(order).toMatchObject({ requestedDate: later, status: 'confirmed' });
    expect(order.timeline.at(-1)).toMatchObject({ from: 'confirmed', to: 'confirmed', reason: 'plant_shortage', rescheduled: { from: tomorrow, to: later } });

    // The office's retry after a lost answer (a new key: it runs again) finds them moved and writes nothing.
    const retry = await call('POST', '/api/orders/reschedule', { as: 'office', body, key: 'resched-2' });
    expect(retry.body).toMatchObject({ moved: 0, alreadyMoved: 3, refused: 3 });
    expect((await call('POST', '/api/orders/reschedule', { as: 'office', body, key: 'resched-1' })).body).toEqual(first.body);

    for (const customerId of ['cust-p', 'cust-c']) await arrived(customerId, '因分裝場供氣不足');
    await arrived('cust-e', 'filling plant');
    await new Promise((r) => setTimeout(r, 1_500));
    const [, month, day] = later.split('-').map(Number);
    for (const customerId of ['cust-p', 'cust-c']) {
      expect((await texts(customerId)).filter((t) => t.includes('改為'))).toEqual([expect.stringContaining(`因分裝場供氣不足，配送時間已改為 ${month}/${day}（`)]);
    }
    expect((await texts('cust-e')).filter((t) => t.includes('moved'))).toEqual([expect.stringContaining('because of a gas shortage at the filling plant')]);
  }, 90_000);

  it('takes an order on a published route nobody has started off it, as a closure’s move does, and moves it confirmed', async () => {
    const db = stack.container.db;
    const order = anOrder().withId('ord-on-route').forCustomer(aCustomer().withId('cust-c').build()).inStatus('scheduled').with({ requestedDate: tomorrow }).build();
    await db.collection('orders').doc(order.id).set({ ...order, routeId: 'route-short', version: 1 });
    const planned = new Date().toISOString();
    await db.collection('routes').doc('route-short').set({
      id: 'route-short',
      date: tomorrow,
      depotId: 'depot-zhonghe',
      driverId: 'drv-01',
      vehicleId: 'veh-01',
      status: 'published',
      stops: [{ ...aTimedStop(order.id, planned), customerId: 'cust-c' }],
      distanceKm: 8,
      durationMin: 30,
      violations: [],
      createdAt: planned,
      updatedAt: planned,
      publishedAt: planned,
      version: 1,
    });
    const res = await call('POST', '/api/orders/reschedule', { as: 'office', body: { orderIds: [order.id], requestedDate: later, reason: 'weather' } });
    expect(res.body).toMatchObject({ moved: 1, refused: 0 });
    expect((await db.collection('orders').doc(order.id).get()).data()).toMatchObject({ status: 'confirmed', requestedDate: later });
    expect((await db.collection('routes').doc('route-short').get()).data()).toMatchObject({ status: 'completed', stops: [] });
  });

  it('takes a failed order back to pending on the later day as 重新安排 and a closure’s move do, its customer told once why; one still failed on the very day asked is refused, not answered as already moved', async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-f').set(aCustomer().withId('cust-f').withCode('C00026').build());
    await seedPortalAccounts(db, ['cust-f']);
    const failed = (id: string) => anOrder().withId(id).forCustomer(aCustomer().withId('cust-f').build()).inStatus('failed').with({ requestedDate: today, failureReason: 'no_one_home' }).build();
    for (const order of [failed('ord-failed-truck'), failed('ord-failed-same-day')]) await db.collection('orders').doc(order.id).set({ ...order, version: 1 });

    // The truck broke down: its stops marked 未送達 go to tomorrow, the customers told why.
    const body = { orderIds: ['ord-failed-truck'], requestedDate: tomorrow, reason: 'vehicle_breakdown' };
    const moved = await call('POST', '/api/orders/reschedule', { as: 'office', body });
    expect(moved.body).toMatchObject({ moved: 1, refused: 0 });
    const order = (await db.collection('orders').doc('ord-failed-truck').get()).data();
    expect(order).toMatchObject({ status: 'pending', requestedDate: tomorrow });
    expect(order?.['timeline'].slice(-2)).toMatchObject([
      { from: 'failed', to: 'pending' },
      { from: 'pending', to: 'pending', reason: 'vehicle_breakdown', rescheduled: { from: today, to: tomorrow } },
    ]);
    expect((await call('POST', '/api/orders/reschedule', { as: 'office', body })).body).toMatchObject({ moved: 0, alreadyMoved: 1 });

    // 延後 to the day it failed on moves nothing: answered as already moved, the office would take it as done.
    const sameDay = await call('POST', '/api/orders/reschedule', { as: 'office', body: { orderIds: ['ord-failed-same-day'], requestedDate: today, reason: 'vehicle_breakdown' } });
    expect(sameDay.body.results).toEqual([
      { id: 'ord-failed-same-day', outcome: 'refused', code: 'ORDER.RESCHEDULE_FAILED_SAME_DAY', message: '這張未送達的訂單原本就是這一天，未移動：延後請選之後的日期，當天再送請用「重新安排」' },
    ]);
    expect((await db.collection('orders').doc('ord-failed-same-day').get()).data()).toMatchObject({ status: 'failed', requestedDate: today, version: 1 });

    await arrived('cust-f', '因配送車輛故障');
    await new Promise((r) => setTimeout(r, 1_500));
    const [, month, day] = tomorrow.split('-').map(Number);
    expect((await texts('cust-f')).filter((t) => t.includes('改為'))).toEqual([expect.stringContaining(`因配送車輛故障，配送時間已改為 ${month}/${day}（`)]);
  }, 60_000);

  it('tells the reason a 修改 of one order’s date gives, and keeps it on the timeline', async () => {
    await stack.container.db.collection('customers').doc('cust-s').set(aCustomer().withId('cust-s').withCode('C00025').build());
    await seedPortalAccounts(stack.container.db, ['cust-s']);
    const id = await anOfficeOrder('cust-s');
    const patched = await call('PATCH', `/api/orders/${id}`, { as: 'office', body: { requestedDate: later, reason: 'vehicle_breakdown' } });
    expect(patched.status).toBe(200);
    expect(patched.body.timeline.at(-1)).toMatchObject({ from: 'pending', to: 'pending', reason: 'vehicle_breakdown', rescheduled: { from: tomorrow, to: later } });
    await arrived('cust-s', '因配送車輛故障');
    expect((await texts('cust-s')).filter((t) => t.includes('改為'))).toEqual([expect.stringContaining('因配送車輛故障，配送時間已改為')]);
  }, 60_000);

  it('answers 400 to a request naming no order or leaving out the reason', async () => {
    const none = await call('POST', '/api/orders/reschedule', { as: 'office', body: { orderIds: [], requestedDate: later, reason: 'weather' } });
    expect(none.status).toBe(400);
    const noReason = await call('POST', '/api/orders/reschedule', { as: 'office', body: { orderIds: ['ord-x'], requestedDate: later } });
    expect(noReason.status).toBe(400);
  });
});
