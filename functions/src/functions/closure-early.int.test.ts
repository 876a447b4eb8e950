import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../domain/test-support/order-mother';
import { DEPOT } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
// Days from tomorrow on, so nothing here meets today's same-day cut-off whatever the hour.
const day = (n: number): string => addDays(taipeiDate(new Date()), n);
const md = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
const eve = { name: '除夕', from: day(10), to: day(10), closesAt: '12:00' };
const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ closedDays: [] }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'closure-early', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc(customerA.id).set(customerA);
  // Orders for today close at 14:30 on a usual day; the depot keeps no yard hours, so its day ends at 17:00.
  await db.collection('depots').doc(DEPOT.id).set({ ...DEPOT, sameDayCutoff: '14:30' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const orders: [string, { start: string; end: string } | undefined][] = [
    ['ord-morning', { start: '09:00', end: '11:00' }],
    ['ord-afternoon', { start: '14:00', end: '17:00' }],
    ['ord-any', undefined],
  ];
  for (const [id, timeWindow] of orders) {
    const order = anOrder().withId(id).forCustomer(customerA).with({ requestedDate: day(10), ...(timeWindow ? { timeWindow } : {}) }).inStatus('confirmed').build();
    await db.collection('orders').doc(id).set({ ...order, version: 1 });
  }
  // Two days before, for 延後 and 重新安排 onto it.
  const before: [string, { start: string; end: string }, 'confirmed' | 'failed'][] = [
    ['ord-before-am', { start: '09:00', end: '11:00' }, 'confirmed'],
    ['ord-before-pm', { start: '14:00', end: '17:00' }, 'confirmed'],
    ['ord-failed-pm', { start: '14:00', end: '17:00' }, 'failed'],
  ];
  for (const [id, timeWindow, status] of before) {
    const order = anOrder().withId(id).forCustomer(customerA).with({ requestedDate: day(8), timeWindow }).inStatus(status).build();
    await db.collection('orders').doc(id).set({ ...order, version: 1 });
  }
});
afterAll(() => stack.close());

const orderBody = (requestedDate: string, timeWindow?: Json): Json => ({
  customerId: 'cust-a',
  items: [{ size: 20, quantity: 1 }],
  requestedDate,
  ...(timeWindow ? { timeWindow } : {}),
});

describe('a day closing early (提早收工) on the emulators', () => {
  let id: string;

  it('is set by an admin only, and lists the orders whose hours start after the closing for the office to move', async () => {
    for (const who of ['office', 'driver1', 'customerA'] as const) expect((await call('POST', '/api/closures', { as: who, body: eve })).status).toBe(403);
    const res = await call('POST', '/api/closures', { as: 'admin', key: 'eve-1', body: eve });
    expect(res.status).toBe(201);
    expect(res.body.closure).toMatchObject(eve);
    expect(res.body.affectedOrders.map((o: Json) => o.id)).toEqual(['ord-afternoon']);
    id = res.body.closure.id;
  });

  it('is answered apart from the closed days, to staff and to the customer it holds for, so the day stays open', async () => {
    for (const who of ['admin', 'customerA'] as const) {
      const res = await call('GET', '/api/closures', { as: who });
      expect(res.status).toBe(200);
      expect(res.body.closures).toEqual([]);
      expect(res.body.earlyClosings).toEqual([expect.objectContaining(eve)]);
    }
  });

  it('refuses a customer hours after the closing in their language, and takes morning hours that day or the afternoon the next', async () => {
    const zh = await call('POST', '/api/orders', { as: 'customerA', body: orderBody(day(10), { start: '13:00', end: '15:00' }) });
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'ORDER.AFTER_CLOSING', message: `除夕（${md(day(10))}）12:00 提早收工，請選 12:00 前的時段，或其他日期` });
    const en = await call('POST', '/api/orders', { as: 'customerA', lang: 'en', body: orderBody(day(10), { start: '11:00', end: '13:00' }) });
    expect(en.status).toBe(422);
    expect(en.body.error.message).toBe(`On ${md(day(10))} (除夕) we stop delivering at 12:00: please choose hours ending by 12:00, or another day`);
    expect((await call('POST', '/api/orders', { as: 'customerA', body: orderBody(day(10), { start: '10:00', end: '12:00' }) })).status).toBe(201);
    expect((await call('POST', '/api/orders', { as: 'customerA', body: orderBody(day(11), { start: '13:00', end: '15:00' }) })).status).toBe(201);
    const moved = await call('PATCH', '/api/orders/ord-morning', { as: 'office', body: { timeWindow: { start: '11:00', end: '14:00' } } });
    expect(moved.status).toBe(422);
    expect(moved.body.error.code).toBe('ORDER.AFTER_CLOSING');
  });

  it('brings today\'s same-day cut-off forward by the hours the day loses when today closes early, for the portal to say', async () => {
    const usual = await call('GET', '/api/orders/same-day', { as: 'customerA' });
    expect(usual.body.cutoff).toBe('14:30');
    const today = await call('POST', '/api/closures', { as: 'admin', body: { name: '年終', from: day(0), to: day(0), closesAt: '12:00' } });
    expect(today.status).toBe(201);
    const early = await call('GET', '/api/orders/same-day', { as: 'customerA' });
    // 17:00 less 12:00 is five hours: 14:30 becomes 09:30. Whether it has passed depends on the hour and is not asked here.
    expect(early.body.cutoff).toBe('09:30');
    expect((await call('DELETE', `/api/closures/${today.body.closure.id}`, { as: 'admin' })).status).toBe(204);
  });

  it('moves the afternoon orders off it with the closure move, naming the closing to the customer, leaving the morning ones and those without hours', async () => {
    const res = await call('POST', `/api/closures/${id}/move-orders`, { as: 'office', key: 'eve-move', body: { direction: 'before' } });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual([expect.objectContaining({ id: 'ord-afternoon', from: day(10), to: day(9) })]);
    const days = async (ids: string[]) => Promise.all(ids.map(async (o) => (await stack.container.db.collection('orders').doc(o).get()).get('requestedDate')));
    expect(await days(['ord-afternoon', 'ord-morning', 'ord-any'])).toEqual([day(9), day(10), day(10)]);
    // The customer is told it moved for the closing, not for a day closed (the notice reads the event's closure).
    const events = (await stack.container.db.collection('outbox').where('event.subject', '==', 'orders/ord-afternoon').get()).docs.map((d) => d.get('event'));
    expect(events.find((e) => e.type === 'order.updated')?.data.closure).toEqual({ name: '除夕', from: day(10), to: day(10), closesAt: '12:00' });
  });

  it('takes no afternoon hours onto it by 延後 or 重新安排 (ORDER.AFTER_CLOSING), the morning ones and the next day as usual', async () => {
    const postponed = await call('POST', '/api/orders/reschedule', { as: 'office', body: { orderIds: ['ord-before-am', 'ord-before-pm'], requestedDate: day(10), reason: 'plant_shortage' } });
    expect(postponed.status).toBe(200);
    expect(postponed.body.results).toEqual([
      { id: 'ord-before-am', outcome: 'moved' },
      { id: 'ord-before-pm', outcome: 'refused', code: 'ORDER.AFTER_CLOSING', message: `除夕（${md(day(10))}）12:00 提早收工，請選 12:00 前的時段，或其他日期` },
    ]);
    const refused = await call('POST', '/api/orders/ord-failed-pm/reschedule', { as: 'office', lang: 'en', body: { requestedDate: day(10) } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(`On ${md(day(10))} (除夕) we stop delivering at 12:00: please choose hours ending by 12:00, or another day`);
    const failed = (await stack.container.db.collection('orders').doc('ord-failed-pm').get()).data();
    expect(failed).toMatchObject({ status: 'failed', requestedDate: day(8) });
    const rescheduled = await call('POST', '/api/orders/ord-failed-pm/reschedule', { as: 'office', body: { requestedDate: day(11) } });
    expect(rescheduled.body).toMatchObject({ status: 'pending', requestedDate: day(11) });
  });

  it('has the recurring job deliver an afternoon occurrence on it the day before, and a morning one on the day', async () => {
    const rule = (timeWindow: Json) =>
      call('POST', '/api/orders/recurring', {
        as: 'office',
        body: { customerId: 'cust-a', recurrence: { kind: 'every_n_weeks', intervalWeeks: 1 }, startDate: day(10), endDate: day(10), items: [{ size: 20, quantity: 1 }], timeWindow },
      });
    const [afternoon, morning] = [await rule({ start: '14:00', end: '17:00' }), await rule({ start: '09:00', end: '11:00' })];
    expect([afternoon.status, morning.status]).toEqual([201, 201]);
    const job = await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 11 } });
    expect(job.body).toMatchObject({ created: 2, skipped: [] });
    const orders = stack.container.db.collection('orders');
    expect((await orders.doc(`rec-${afternoon.body.id}-${day(10)}`).get()).get('requestedDate')).toBe(day(9));
    expect((await orders.doc(`rec-${morning.body.id}-${day(10)}`).get()).get('requestedDate')).toBe(day(10));
  });
});
