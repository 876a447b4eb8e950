import type { Customer } from '../domain/customers';
import type { OrderStatus } from '../domain/orders';
import { aCustomer, anOrder } from '../domain/test-support';
import { aDraftRoute, aDriver, aVehicle } from '../domain/routes/test-support/fleet-mother';
import { idempotencyScope } from '../http/idempotency';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { outboxEventsOf } from './test-support/push-event';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customers-contact-follow', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());
beforeEach(() => stack.clear());

const OLD = { name: '陳記自助餐', phones: ['0912-345-678'] };
const db = () => stack.container.db;
const order = async (id: string): Promise<Json> => (await db().collection('orders').doc(id).get()).data() as Json;
const eventsOf = (subject: string) => outboxEventsOf(db(), subject);

/** The customer, their orders in the given statuses on driver drv-1's route `route-test`, and that route published. */
async function seed(customer: Customer, orders: readonly (readonly [string, OrderStatus])[]): Promise<void> {
  const batch = db().batch();
  batch.set(db().collection('customers').doc(customer.id), customer);
  const built = orders.map(([id, status]) => anOrder().withId(id).forCustomer(customer).inStatus(status).onDriver('drv-1').build());
  for (const o of built) batch.set(db().collection('orders').doc(o.id), { ...o, version: 1 });
  const onRoute = built.filter((o) => o.status === 'scheduled' || o.status === 'out_for_delivery');
  const route = aDraftRoute({ id: 'route-test', date: '2026-12-01', vehicle: aVehicle('veh-1'), driver: aDriver('drv-1', 'veh-1'), stops: onRoute.map((o) => ({ order: o, customer })) });
  batch.set(db().collection('routes').doc(route.id), { ...route, status: 'published', publishedAt: '2026-11-30T00:00:00.000Z', version: 2 });
  await batch.commit();
}

const STILL_TO_DELIVER = ['ord-pending', 'ord-confirmed', 'ord-scheduled', 'ord-out'];
const DONE_WITH = ['ord-delivered', 'ord-failed', 'ord-cancelled'];
const ALL = [
  ['ord-pending', 'pending'],
  ['ord-confirmed', 'confirmed'],
  ['ord-scheduled', 'scheduled'],
  ['ord-out', 'out_for_delivery'],
  ['ord-delivered', 'delivered'],
  ['ord-failed', 'failed'],
  ['ord-cancelled', 'cancelled'],
] as const;

describe("a customer's corrected name and phone reach their orders still to be delivered", () => {
  it('in the edit, on a route or not, leaving the route and the orders done with alone; a retry changes nothing twice', async () => {
    await seed(aCustomer().withId('cust-chen').with(OLD).build(), ALL);
    await seed(aCustomer().withId('cust-other').with(OLD).build(), [['ord-other', 'pending']]);
    const route = (await db().collection('routes').doc('route-test').get()).data();
    const body = { name: '陳記便當', phones: ['0922-111-222', '0912-345-678'] };

    const res = await call('PATCH', '/api/customers/cust-chen', { as: 'office', key: 'contact-1', body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(body);
    for (const id of STILL_TO_DELIVER) {
      expect(await order(id)).toMatchObject({ customerName: '陳記便當', phone: '0922-111-222', version: 2 });
      expect(await eventsOf(`orders/${id}`)).toEqual([['order.updated', ['customerName', 'phone'], 'u-office']]);
    }
    // What the driver's card shows: their listener reads the orders by route and driver, which the orders keep.
    for (const id of ['ord-scheduled', 'ord-out']) expect(await order(id)).toMatchObject({ routeId: 'route-test', driverId: 'drv-1', phone: '0922-111-222' });
    for (const id of [...DONE_WITH, 'ord-other']) {
      expect(await order(id)).toMatchObject({ customerName: '陳記自助餐', phone: '0912-345-678', version: 1 });
      expect(await eventsOf(`orders/${id}`)).toEqual([]);
    }
    // A stop holds no copy of the contact (only the order's id, place and load), so the published route is not touched.
    expect((await db().collection('routes').doc('route-test').get()).data()).toEqual(route);
    expect(await eventsOf('routes/route-test')).toEqual([]);
    const entry = (await db().collection('auditLog').doc(idempotencyScope('customers', 'u-office', 'contact-1')).get()).data() as Json;
    expect([...entry['entityIds']].sort()).toEqual(['cust-chen', ...STILL_TO_DELIVER].sort());

    const replay = await call('PATCH', '/api/customers/cust-chen', { as: 'office', key: 'contact-1', body });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await call('PATCH', '/api/customers/cust-chen', { as: 'office', key: 'contact-2', body })).status).toBe(200);
    // A phone added behind the first one: the number the driver calls stays, so no order changes.
    expect((await call('PATCH', '/api/customers/cust-chen', { as: 'office', body: { phones: [...body.phones, '(02)2941-5566'] } })).status).toBe(200);
    for (const id of STILL_TO_DELIVER) {
      expect((await order(id))['version']).toBe(2);
      expect(await eventsOf(`orders/${id}`)).toHaveLength(1);
    }
  });

  it("follows the customer's own new phone from 聯絡與收貨, by them", async () => {
    await seed(aCustomer().withId('cust-a').with(OLD).build(), [['ord-a', 'confirmed'], ['ord-a-route', 'scheduled']]);
    const res = await call('PATCH', '/api/customers/cust-a/contact', { as: 'customerA', body: { phones: ['0922-111-222'] } });
    expect(res.status).toBe(200);
    for (const id of ['ord-a', 'ord-a-route']) {
      expect(await order(id)).toMatchObject({ customerName: '陳記自助餐', phone: '0922-111-222', version: 2 });
      expect(await eventsOf(`orders/${id}`)).toEqual([['order.updated', ['phone'], 'u-cust-a']]);
    }
    const [entry] = (await db().collection('auditLog').where('route', '==', '/:id/contact').get()).docs.map((d) => d.data());
    expect([...(entry?.['entityIds'] as string[])].sort()).toEqual(['cust-a', 'ord-a', 'ord-a-route']);
  });

  it('gives a failed order rescheduled afterwards the phone it now has', async () => {
    await seed(aCustomer().withId('cust-chen').with(OLD).build(), [['ord-failed', 'failed']]);
    expect((await call('PATCH', '/api/customers/cust-chen', { as: 'office', body: { phones: ['0922-111-222'] } })).status).toBe(200);
    expect(await order('ord-failed')).toMatchObject({ phone: '0912-345-678', version: 1 });
    const back = await call('POST', '/api/orders/ord-failed/reschedule', { as: 'office', body: { note: '已改電話' } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'pending', phone: '0922-111-222', version: 2 });
    expect((await eventsOf('orders/ord-failed')).map(([type, fields]) => [type, fields])).toEqual([
      ['order.status_changed', undefined],
      ['order.updated', ['phone']],
    ]);
  });
});
