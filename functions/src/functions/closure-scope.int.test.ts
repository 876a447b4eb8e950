import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';
import { seedPortalAccounts } from './test-support/portal-accounts';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
/** How the texts show a date: 2/5. */
const md = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
/** 新北市烏來區、坪林區停止上班上課 for a day; 中和 works. */
const typhoon = { name: '颱風假', from: day(3), to: day(3), districts: ['烏來區', '坪林區'] };

const inDistrict = (id: string, code: string, name: string, district: string) =>
  aCustomer()
    .withId(id)
    .withCode(code)
    .with({ name, closedDays: [], address: { city: '新北市', district, road: '環山路', number: '12' } })
    .build();
// cust-a and cust-b are the api client's portal logins customerA and customerB.
const wulai = inDistrict('cust-a', 'C00001', '烏來山莊', '烏來區');
const zhonghe = inDistrict('cust-b', 'C00002', '中和麵店', '中和區');
const wulaiDue = inDistrict('cust-c', 'C00003', '烏來民宿', '烏來區');
const zhongheDue = inDistrict('cust-d', 'C00004', '中和自助餐', '中和區');

/** A stored prediction due on `safe` (the fields the due list and the reminders read). */
const predict = (customer: typeof wulai, safe: string) =>
  stack.container.db
    .collection('predictions')
    .doc(customer.id)
    .set({
      customerId: customer.id,
      customerName: customer.name,
      customerDistrict: customer.address.district,
      autoDelivery: false,
      asOf: today,
      nextRefill: { safeDeliveryDate: safe, p10: safe, p50: day(6), p90: day(9), expectedQuantity: [{ size: 20, quantity: 1 }], model: { name: 'lpg', version: 't' }, source: 'local' },
      churn: { risk: 0.1, reasons: [] },
    });
const inbox = async (customerId: string): Promise<string[]> =>
  (await stack.container.db.collection('notifications').where('customerId', '==', customerId).get()).docs.map((d) => d.get('text') as string);

beforeAll(async () => {
  stack = await startTestStack({
    suite: 'closure-scope',
    subscriptions: [{ consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 }],
  });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [wulai, zhonghe, wulaiDue, zhongheDue]) await db.collection('customers').doc(c.id).set(c);
  await seedPortalAccounts(db, [wulaiDue.id, zhongheDue.id]);
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  for (const [id, customer] of [['ord-wulai', wulai], ['ord-zhonghe', zhonghe]] as const) {
    const order = anOrder().withId(id).forCustomer(customer).with({ requestedDate: day(3) }).inStatus('confirmed').build();
    await db.collection('orders').doc(id).set({ ...order, version: 1 });
  }
  await Promise.all([predict(wulaiDue, day(3)), predict(zhongheDue, day(3))]);
});
afterAll(() => stack.close());

const orderFor = (customerId: string): Json => ({ customerId, items: [{ size: 20, quantity: 1 }], requestedDate: day(3) });

describe('a closure of some districts (部分地區停班停課) on the emulators', () => {
  let id: string;

  it('is declared by an admin naming the districts, and lists only the open orders delivered in them', async () => {
    const res = await call('POST', '/api/closures', { as: 'admin', key: 'typhoon-1', body: typhoon });
    expect(res.status).toBe(201);
    expect(res.body.closure).toMatchObject(typhoon);
    expect(res.body.affectedOrders.map((o: Json) => [o.id, o.district])).toEqual([['ord-wulai', '烏來區']]);
    id = res.body.closure.id;
  });

  it('refuses a district the company does not deliver to, at the field, in the caller’s language', async () => {
    const zh = await call('POST', '/api/closures', { as: 'admin', body: { ...typhoon, from: day(20), to: day(20), districts: ['烏來區', '竹北市'] } });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([{ path: 'body.districts.1', message: '不是本公司配送的鄉鎮市區' }]);
    const en = await call('POST', '/api/closures', { as: 'admin', lang: 'en', body: { ...typhoon, from: day(20), to: day(20), districts: ['竹北市'] } });
    expect(en.body.error.fields).toEqual([{ path: 'body.districts.0', message: 'Not a district we deliver to' }]);
  });

  it('refuses an order delivered in a closed district, telling office staff of 緊急配送 and the customer not; takes one in an open district', async () => {
    const office = await call('POST', '/api/orders', { as: 'office', body: orderFor(wulai.id) });
    expect(office.status).toBe(422);
    expect(office.body.error.code).toBe('ORDER.BUSINESS_CLOSED');
    expect(office.body.error.message).toBe(`颱風假（烏來區、坪林區）（${md(day(3))}）不配送，${md(day(4))} 起恢復配送，請選擇其他日期；如須當天送達，請勾選「仍要緊急配送」並說明原因`);
    const portal = await call('POST', '/api/orders', { as: 'customerA', body: orderFor(wulai.id) });
    expect(portal.status).toBe(422);
    expect(portal.body.error.message).toBe(`颱風假（烏來區、坪林區）（${md(day(3))}）不配送，${md(day(4))} 起恢復配送，請選擇其他日期`);
    const open = await call('POST', '/api/orders', { as: 'customerB', body: orderFor(zhonghe.id) });
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ requestedDate: day(3), district: '中和區' });
  });

  it('is shown to a customer only if it holds where they are delivered; staff and drivers see it with its districts', async () => {
    expect((await call('GET', '/api/closures', { as: 'customerA' })).body.closures).toEqual([{ id, name: '颱風假', from: day(3), to: day(3), districts: typhoon.districts }]);
    expect((await call('GET', '/api/closures', { as: 'customerB' })).body.closures).toEqual([]);
    for (const who of ['office', 'driver1'] as const) {
      expect((await call('GET', '/api/closures', { as: who })).body.closures.map((c: Json) => c.districts)).toEqual([typhoon.districts]);
    }
  });

  it('serves the due list’s deliver-by day before the closure only to customers in its districts', async () => {
    const due = await call('GET', '/api/predictions/due?days=7', { as: 'office' });
    expect(due.status).toBe(200);
    const safe = Object.fromEntries((due.body.items as Json[]).map((i) => [i.customerId, i.safeDeliveryDate]));
    expect(safe).toEqual({ [wulaiDue.id]: day(2), [zhongheDue.id]: day(3) });
  });

  it('reminds only the customers in its districts to order before it', async () => {
    const run = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ reminded: 1, skipped: { NOT_COVERED: 2, NO_PREDICTION: 1 }, errors: [] });
    expect(await inbox(wulaiDue.id)).toHaveLength(1);
    expect(await inbox(zhongheDue.id)).toEqual([]);
  });

  it('moves a recurring order due on it before it only for a customer in its districts', async () => {
    const every = (customerId: string) =>
      call('POST', '/api/orders/recurring', {
        as: 'office',
        body: { customerId, recurrence: { kind: 'every_n_weeks', intervalWeeks: 1 }, startDate: day(3), endDate: day(3), items: [{ size: 20, quantity: 1 }] },
      });
    const [there, elsewhere] = [await every(wulaiDue.id), await every(zhongheDue.id)];
    expect([there.status, elsewhere.status]).toEqual([201, 201]);
    const job = await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 5 } });
    expect(job.body).toMatchObject({ created: 2, skipped: [] });
    const orders = stack.container.db.collection('orders');
    expect((await orders.doc(`rec-${there.body.id}-${day(3)}`).get()).get('requestedDate')).toBe(day(2));
    expect((await orders.doc(`rec-${elsewhere.body.id}-${day(3)}`).get()).get('requestedDate')).toBe(day(3));
  });

  it('leaves out of route planning only the orders delivered in its districts', async () => {
    // Five confirmed orders in 中和 near a depot with two trucks, on the typhoon's day.
    const plan = planningDay();
    expect(plan.date).toBe(typhoon.from);
    const db = stack.container.db;
    await seedPlanningDay(db, plan);
    const started = await call('POST', '/api/optimize', { as: 'office', body: { date: plan.date, depotId: plan.depot.id, timeLimitSeconds: 5 } });
    expect(started.status).toBe(202);
    const done = await eventually(async () => {
      const job = (await db.collection('optimizationJobs').doc(started.body.jobId).get()).data();
      return job?.['status'] === 'succeeded' ? job : null;
    }, 25_000);
    const planned = (await db.collection('routes').where('jobId', '==', started.body.jobId).get()).docs.flatMap((d) => (d.get('stops') as Json[]).map((stop) => stop['orderId']));
    expect(planned).toEqual(expect.arrayContaining(plan.orders.map((o) => o.id)));
    expect((done['unassigned'] as Json[]).filter((u) => u.reason === 'CLOSED_DAY')).toEqual([{ orderId: 'ord-wulai', reason: 'CLOSED_DAY' }]);
  }, 40_000);

  it('moves only the orders delivered in its districts', async () => {
    const res = await call('POST', `/api/closures/${id}/move-orders`, { as: 'office', key: 'move-1', body: { direction: 'after' } });
    expect(res.status).toBe(200);
    expect(res.body.moved.map((m: Json) => [m.id, m.to])).toEqual([['ord-wulai', day(4)]]);
    expect(res.body.notMoved).toEqual([]);
    const db = stack.container.db;
    expect((await db.collection('orders').doc('ord-wulai').get()).get('requestedDate')).toBe(day(4));
    expect((await db.collection('orders').doc('ord-zhonghe').get()).get('requestedDate')).toBe(day(3));
  });
});
