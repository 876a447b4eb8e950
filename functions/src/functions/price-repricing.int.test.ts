import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { EventEnvelope } from '../domain/events';
import type { Order, OrderStatus } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

/**
 * A price posted after orders were booked re-prices them (the 調價通知 says 「自 12/1 起…NT$840」, so an order for 12/3
 * booked at NT$860 must be charged NT$840): the open orders not yet on a route, with a line of the size, requested from
 * the entry's day up to the next entry of the size, each through the order aggregate with its `order.updated` event.
 */
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const customer = aCustomer().withId('cust-reprice').withCode('C00001').build();

// The builder prices 20 kg at NT$850 and 50 kg at NT$2,050 and refuses a past day; the day is set after it.
const booked = (id: string, status: OrderStatus, onDay: number, items: { size: number; quantity: number }[] = [{ size: 20, quantity: 2 }]): Order => ({
  ...anOrder().withId(id).forCustomer(customer).with({ items }).inStatus(status).build(),
  requestedDate: day(onDay),
});
const orders = [
  booked('ord-pending', 'pending', 7),
  booked('ord-confirmed-mixed', 'confirmed', 5, [{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }]),
  booked('ord-scheduled', 'scheduled', 6),
  booked('ord-cancelled', 'cancelled', 7),
  booked('ord-before', 'pending', 4),
  booked('ord-next-entry', 'pending', 20),
  booked('ord-other-size', 'confirmed', 7, [{ size: 50, quantity: 1 }]),
];
const entry = (size: number, unitPrice: number, effectiveFrom: string) => ({ id: `price-${size}-${effectiveFrom}`, size, unitPrice, effectiveFrom, createdAt: new Date().toISOString(), createdBy: 'seed' });

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'price-repricing', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc(customer.id).set(customer);
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  for (const e of [entry(20, 850, day(-60)), entry(50, 2050, day(-60)), entry(20, 850, day(20))]) await db.collection('priceList').doc(e.id).set(e);
});
afterAll(() => stack.close());

const stored = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data() as Order & { version: number };
const updates = async (): Promise<EventEnvelope[]> =>
  (await stack.container.db.collection('outbox').get()).docs.map((d) => d.get('event') as EventEnvelope).filter((e) => e.type === 'order.updated');

describe('a price posted after orders were booked', () => {
  it('re-prices the open orders of the size from its day up to the next entry, each with its order.updated event, and says how many', async () => {
    const res = await call('POST', '/api/prices', { as: 'admin', body: { size: 20, unitPrice: 840, effectiveFrom: day(5), notifyCustomers: true }, key: 'price-840' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: `price-20-${day(5)}`, unitPrice: 840, repricedOrders: 2 });

    expect(await stored('ord-pending')).toMatchObject({ items: [{ size: 20, quantity: 2, unitPrice: 840, subtotal: 1680 }], total: 1680, version: 2, status: 'pending' });
    expect(await stored('ord-confirmed-mixed')).toMatchObject({
      items: [{ size: 20, quantity: 1, unitPrice: 840, subtotal: 840 }, { size: 50, quantity: 1, unitPrice: 2050, subtotal: 2050 }],
      total: 2890,
      version: 2,
      status: 'confirmed',
    });
    for (const id of ['ord-scheduled', 'ord-cancelled', 'ord-before', 'ord-next-entry', 'ord-other-size']) {
      const kept = orders.find((o) => o.id === id);
      expect(await stored(id)).toMatchObject({ id, items: kept?.items, total: kept?.total, version: 1 });
    }
    const events = await updates();
    expect(events.map((e) => ({ subject: e.subject, data: e.data, actor: e.actor })).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual([
      { subject: 'orders/ord-confirmed-mixed', data: { orderId: 'ord-confirmed-mixed', customerId: customer.id, fields: ['items'], total: 2890 }, actor: { uid: 'u-admin', role: 'admin' } },
      { subject: 'orders/ord-pending', data: { orderId: 'ord-pending', customerId: customer.id, fields: ['items'], total: 1680 }, actor: { uid: 'u-admin', role: 'admin' } },
    ]);
  });

  it('re-prices nothing twice when the same price is posted again', async () => {
    const res = await call('POST', '/api/prices', { as: 'admin', body: { size: 20, unitPrice: 840, effectiveFrom: day(5) }, key: 'price-840-again' });
    expect(res.status).toBe(201);
    expect(res.body.repricedOrders).toBe(0);
    expect((await stored('ord-pending')).version).toBe(2);
    expect(await updates()).toHaveLength(2);
  });
});
