import type { Customer } from '../domain/customers';
import type { Order, OrderStatus } from '../domain/orders';
import { aCustomer, anOrder } from '../domain/test-support';
import { idempotencyScope } from '../http/idempotency';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { outboxEventsOf } from './test-support/push-event';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customers-deactivate', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());
beforeEach(() => stack.clear());

const db = () => stack.container.db;
const order = async (id: string): Promise<Json> => (await db().collection('orders').doc(id).get()).data() as Json;
const customer = async (id: string): Promise<Json> => (await db().collection('customers').doc(id).get()).data() as Json;
const eventsOf = (id: string) => outboxEventsOf(db(), `orders/${id}`);

type Seeded = readonly [id: string, status: OrderStatus, requestedDate: string, extra?: Partial<Order>];

async function seed(c: Customer, orders: readonly Seeded[]): Promise<void> {
  const batch = db().batch();
  batch.set(db().collection('customers').doc(c.id), c);
  for (const [id, status, requestedDate, extra] of orders) {
    batch.set(db().collection('orders').doc(id), { ...anOrder().withId(id).forCustomer(c).inStatus(status).with({ requestedDate }).build(), ...extra, version: 1 });
  }
  await batch.commit();
}

/** 阿德快炒, closed for good: tomorrow's suggestion, a recurring order confirmed for the day after, and what is done with. */
const closed = aCustomer().withId('cust-closed').with({ name: '阿德快炒' }).build();
const CLOSED_ORDERS: readonly Seeded[] = [
  ['sug-cust-closed', 'pending', '2026-12-03', { source: 'forecast' }],
  ['rec-r1-2026-12-02', 'confirmed', '2026-12-02', { source: 'recurring', recurringRuleId: 'r1' }],
  ['ord-delivered', 'delivered', '2026-11-28'],
  ['ord-cancelled', 'cancelled', '2026-11-29'],
  ['ord-failed', 'failed', '2026-11-29'],
];
const other = aCustomer().withId('cust-other').build();

describe('deactivating a customer with open orders', () => {
  it('is refused naming them by day, status and id in the caller’s language, and changes nothing', async () => {
    await seed(closed, CLOSED_ORDERS);
    const zh = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', body: {} });
    expect([zh.status, zh.body.error.code]).toEqual([409, 'CUSTOMER.HAS_OPEN_ORDERS']);
    expect(zh.body.error.message).toBe(
      '此客戶還有 2 筆尚未送達的訂單：12/2 已確認（rec-r1-2026-12-02）、12/3 待確認（sug-cust-closed）。請先處理，或選擇「取消這些訂單並停用」',
    );
    expect(zh.body.error.details).toMatchObject({
      id: 'cust-closed',
      count: 2,
      orders: [
        { id: 'rec-r1-2026-12-02', requestedDate: '2026-12-02', status: 'confirmed' },
        { id: 'sug-cust-closed', requestedDate: '2026-12-03', status: 'pending' },
      ],
    });
    const en = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'admin', lang: 'en', body: { cancelOpenOrders: false } });
    expect(en.body.error.message).toBe(
      'This customer still has 2 open orders: rec-r1-2026-12-02 (Confirmed, 12/2), sug-cust-closed (Pending, 12/3). Deal with them first, or choose to cancel them and deactivate',
    );

    expect(await customer('cust-closed')).toMatchObject({ status: 'active' });
    for (const [id, status] of CLOSED_ORDERS) {
      expect(await order(id)).toMatchObject({ status, version: 1 });
      expect(await eventsOf(id)).toEqual([]);
    }
  });

  it('with cancelOpenOrders cancels the pending and confirmed ones with the reason and deactivates, in one step a retry does not repeat', async () => {
    await seed(closed, CLOSED_ORDERS);
    await seed(other, [['ord-other', 'pending', '2026-12-02']]);
    await db().collection('predictions').doc('cust-closed').set({ customerId: 'cust-closed', customerName: '阿德快炒' });

    const res = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', key: 'off-1', body: { cancelOpenOrders: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'cust-closed', status: 'inactive', deactivatedAt: expect.any(String) });
    expect(await customer('cust-closed')).toMatchObject({ status: 'inactive' });
    for (const id of ['sug-cust-closed', 'rec-r1-2026-12-02']) {
      // Through the order's own cancel: version + 1, its timeline and event by the clerk, the reason as a code.
      const cancelled = await order(id);
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'customer_deactivated', version: 2 });
      expect((cancelled['timeline'] as Json[]).at(-1)).toMatchObject({ to: 'cancelled', reason: 'customer_deactivated', by: { uid: 'u-office', role: 'office' } });
      expect(await eventsOf(id)).toEqual([['order.status_changed', undefined, 'u-office']]);
    }
    for (const [id, status] of [['ord-delivered', 'delivered'], ['ord-cancelled', 'cancelled'], ['ord-failed', 'failed'], ['ord-other', 'pending']] as const) {
      expect(await order(id)).toMatchObject({ status, version: 1 });
    }
    expect((await db().collection('predictions').doc('cust-closed').get()).exists).toBe(false);
    // The deactivation's audit entry names the orders it cancelled, so each order's history in 稽核紀錄 finds it.
    const entry = (await db().collection('auditLog').doc(idempotencyScope('customers', 'u-office', 'off-1')).get()).data() as Json;
    expect([...entry['entityIds']].sort()).toEqual(['cust-closed', 'rec-r1-2026-12-02', 'sug-cust-closed']);

    const replay = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', key: 'off-1', body: { cancelOpenOrders: true } });
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    // Sent again as a new request (a double click, a retry after the answer was lost): nothing is cancelled twice.
    const again = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', key: 'off-2', body: { cancelOpenOrders: true } });
    expect([again.status, again.body.error.code]).toEqual([409, 'CUSTOMER.ALREADY_INACTIVE']);
    for (const id of ['sug-cust-closed', 'rec-r1-2026-12-02']) {
      expect((await order(id))['version']).toBe(2);
      expect(await eventsOf(id)).toHaveLength(1);
    }
  });

  it('is refused while an order is on a truck, even with cancelOpenOrders, cancelling none of the others; once taken off its route it goes through', async () => {
    await seed(closed, [...CLOSED_ORDERS, ['ord-on-route', 'scheduled', '2026-12-01'], ['ord-out', 'out_for_delivery', '2026-11-30']]);
    const refused = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', body: { cancelOpenOrders: true } });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CUSTOMER.ORDERS_ON_A_TRUCK']);
    expect(refused.body.error.message).toBe(
      '此客戶有 2 筆訂單已排入已發布的路線或正在配送：11/30 配送中（ord-out）、12/1 已排程（ord-on-route）。停用不會取消車上的訂單；請先在路線上移出（重新確認）或送達後再停用',
    );
    expect(refused.body.error.details).toMatchObject({ count: 2, orders: [{ id: 'ord-out' }, { id: 'ord-on-route' }] });
    // No half-written state: the customer still active, the orders not on a truck still open.
    expect(await customer('cust-closed')).toMatchObject({ status: 'active' });
    for (const id of ['sug-cust-closed', 'rec-r1-2026-12-02', 'ord-on-route', 'ord-out']) {
      expect((await order(id))['version']).toBe(1);
      expect(await eventsOf(id)).toEqual([]);
    }

    // The one on the road is delivered; the one on a published route is taken back to planning.
    await db().collection('orders').doc('ord-out').update({ status: 'delivered' });
    const en = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', lang: 'en', body: { cancelOpenOrders: true } });
    expect(en.body.error.message).toBe(
      "1 of this customer's orders is on a published route or out for delivery: ord-on-route (Scheduled, 12/1). Deactivating does not cancel an order on a truck; take it off its route (confirm it again) or deliver it first",
    );
    expect((await call('POST', '/api/orders/ord-on-route/confirm', { as: 'office' })).status).toBe(200);
    const off = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', body: { cancelOpenOrders: true } });
    expect(off.status).toBe(200);
    for (const id of ['sug-cust-closed', 'rec-r1-2026-12-02', 'ord-on-route']) expect(await order(id)).toMatchObject({ status: 'cancelled', cancelReason: 'customer_deactivated' });
  });

  it('refuses a body it does not know, before anything is read', async () => {
    await seed(closed, []);
    const res = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', body: { cancelOpenOrders: 'yes' } });
    expect([res.status, res.body.error.code]).toEqual([400, 'REQUEST.VALIDATION']);
    expect(await customer('cust-closed')).toMatchObject({ status: 'active' });
  });
});

describe('deactivating a customer with a service call (報修) not closed', () => {
  const openCall = async (kind: string) =>
    (await call('POST', '/api/service-calls', { as: 'office', body: { customerId: 'cust-closed', kind, description: '報修', someoneHome: true } })).body as Json;

  it('is refused to staff naming the calls in the caller’s language, even with cancelOpenOrders, and changes nothing; once they are closed it goes through', async () => {
    await seed(closed, CLOSED_ORDERS);
    const leak = await openCall('gas_smell');
    const regulator = await openCall('regulator');
    await db().collection('drivers').doc('drv-1').set({ id: 'drv-1', name: '陳司機', phone: '0912-000-000', skills: [], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-1', active: true });
    expect((await call('POST', `/api/service-calls/${regulator.id}/assign`, { as: 'office', body: { driverId: 'drv-1', scheduledAt: new Date(Date.now() + 3_600_000).toISOString() } })).status).toBe(200);

    const zh = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', body: { cancelOpenOrders: true } });
    expect([zh.status, zh.body.error.code]).toEqual([409, 'CUSTOMER.OPEN_SERVICE_CALLS']);
    expect(zh.body.error.message).toBe('此客戶還有 2 筆報修尚未結案：瓦斯味、調整器。請先派員處理並結案，再停用');
    expect(zh.body.error.details).toMatchObject({
      count: 2,
      calls: [
        { id: leak.id, kind: 'gas_smell', urgent: true, status: 'open' },
        { id: regulator.id, kind: 'regulator', urgent: false, status: 'assigned' },
      ],
    });
    expect(await customer('cust-closed')).toMatchObject({ status: 'active' });
    for (const id of ['sug-cust-closed', 'rec-r1-2026-12-02']) expect((await order(id))['version']).toBe(1);

    expect((await call('POST', `/api/service-calls/${leak.id}/close`, { as: 'office', body: { outcome: 'fixed' } })).status).toBe(200);
    const en = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'admin', lang: 'en', body: { cancelOpenOrders: true } });
    expect([en.status, en.body.error.message]).toEqual([409, 'This customer still has 1 service call not closed: regulator. See to it and close it before deactivating']);

    expect((await call('POST', `/api/service-calls/${regulator.id}/close`, { as: 'office', body: { outcome: 'follow_up', note: '客戶停業，調整器已拆除' } })).status).toBe(200);
    const off = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'admin', body: { cancelOpenOrders: true } });
    expect(off.status).toBe(200);
    expect(await customer('cust-closed')).toMatchObject({ status: 'inactive' });
  });

  it('refuses drivers and customers whatever the calls', async () => {
    await seed(closed, []);
    await openCall('hose');
    for (const who of ['driver1', 'customerA'] as const) expect((await call('POST', '/api/customers/cust-closed/deactivate', { as: who, body: {} })).status).toBe(403);
    expect(await customer('cust-closed')).toMatchObject({ status: 'active' });
  });
});
