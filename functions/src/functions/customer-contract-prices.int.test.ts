import { randomUUID } from 'node:crypto';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { CylinderSize } from '../domain/cylinders';
import type { EventEnvelope } from '../domain/events';
import type { Order, OrderStatus } from '../domain/orders';
import { aDraftRoute, FLEET } from '../domain/routes/test-support/fleet-mother';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { pushEvent } from './test-support/push-event';

/**
 * 合約價 on the emulators: only the admin sets a customer's terms, which re-price the customer's open orders in the same
 * request; every order of theirs placed after is priced from them, and a list price posted later re-prices a discount
 * customer's orders to list − discount while a fixed contract price stays. The test delivers the `price.posted` events
 * itself, as the Pub/Sub emulator would push them.
 */
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const md = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館' }).build();
const customerB = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃' }).build();

// The builder prices at NT$850 / NT$2,050 and refuses a past day; prices and day are set after it, at the list's.
const booked = (id: string, customer: typeof customerA, status: OrderStatus, onDay: number, lines: [size: CylinderSize, quantity: number][]): Order => {
  const items = lines.map(([size, quantity]) => ({ size, quantity, unitPrice: size === 20 ? 900 : 2100, subtotal: (size === 20 ? 900 : 2100) * quantity }));
  return {
    ...anOrder().withId(id).forCustomer(customer).with({ items: lines.map(([size, quantity]) => ({ size, quantity })) }).inStatus(status).build(),
    items,
    total: items.reduce((sum, l) => sum + l.subtotal, 0),
    requestedDate: day(onDay),
  };
};
const orders = [
  booked('a-pending', customerA, 'pending', 3, [[20, 2], [50, 1]]),
  booked('a-confirmed', customerA, 'confirmed', 8, [[20, 1], [50, 1]]),
  booked('a-scheduled', customerA, 'scheduled', 3, [[20, 1]]),
  booked('b-pending', customerB, 'pending', 8, [[20, 1]]),
];
const entry = (size: number, unitPrice: number, effectiveFrom: string) => ({ id: `price-${size}-${effectiveFrom}`, size, unitPrice, effectiveFrom, createdAt: new Date().toISOString(), createdBy: 'seed' });
const terms = [
  { size: 20, kind: 'discount', amount: 50, effectiveFrom: today, note: 'C-2026-031 年約' },
  { size: 50, kind: 'fixed', amount: 2000, effectiveFrom: today },
];

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'contract-prices', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'repriceOrders') });
  // Only the test pushes the price events, so it decides when they arrive.
  await stack.container.pubsub.subscription('repriceOrders--price-events').delete();
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customerA, customerB]) await db.collection('customers').doc(c.id).set(c);
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  for (const e of [entry(20, 900, day(-60)), entry(50, 2100, day(-60))]) await db.collection('priceList').doc(e.id).set(e);
});
afterAll(() => stack.close());

const db = () => stack.container.db;
const stored = async (id: string) => (await db().collection('orders').doc(id).get()).data() as Order & { version: number };
const pricesOf = async (id: string) => (await stored(id)).items.map((l) => [l.size, l.unitPrice]);
const put = (body: Json, opts: { as?: 'admin' | 'office' | 'driver1' | 'customerA'; lang?: string } = {}) =>
  call('PUT', '/api/customers/cust-a/contract-prices', { as: opts.as ?? 'admin', body, ...(opts.lang ? { lang: opts.lang } : {}) });

describe('setting a customer’s contract prices', () => {
  it('is the admin’s alone: office, driver and customer are refused and nothing is written', async () => {
    for (const who of ['office', 'driver1', 'customerA'] as const) {
      const res = await put({ terms }, { as: who });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    }
    expect((await db().collection('customers').doc('cust-a').get()).get('contractPrices')).toBeUndefined();
    expect(await pricesOf('a-pending')).toEqual([[20, 900], [50, 2100]]);
  });

  it('refuses a price far below the list without confirmation, in the caller’s language, and a discount leaving nothing to pay', async () => {
    const far = { terms: [{ size: 20, kind: 'fixed', amount: 700, effectiveFrom: today }] };
    const zh = await put(far);
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'PRICE.CONTRACT_LARGE_DISCOUNT', message: `20 公斤合約價 NT$700 比牌價 NT$900 低超過兩成（${md(today)}），請確認金額沒有打錯` });
    const en = await put(far, { lang: 'en' });
    expect(en.body.error.message).toBe(`NT$700 a 20 kg cylinder is more than 20% below the NT$900 list price (${md(today)}): check the amount`);
    const nothing = await put({ terms: [{ size: 20, kind: 'discount', amount: 900, effectiveFrom: today }], confirmLargeDiscount: true });
    expect(nothing.status).toBe(422);
    expect(nothing.body.error.code).toBe('PRICE.CONTRACT_NOT_POSITIVE');
    const overlap = await put({ terms: [terms[0], { size: 20, kind: 'fixed', amount: 850, effectiveFrom: day(30) }] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.code).toBe('PRICE.CONTRACT_OVERLAP');
    expect((await db().collection('customers').doc('cust-a').get()).get('contractPrices')).toBeUndefined();
  });

  it('stores the terms and re-prices the customer’s open orders in the request, not one on a route nor another customer’s', async () => {
    const res = await put({ terms });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: today, terms, repricedOrders: 2 });
    expect(res.body.prices).toEqual([
      { size: 20, unitPrice: 850, listPrice: 900, contract: terms[0] },
      { size: 50, unitPrice: 2000, listPrice: 2100, contract: terms[1] },
    ]);
    expect(await stored('a-pending')).toMatchObject({ total: 3700, version: 2 });
    expect(await pricesOf('a-pending')).toEqual([[20, 850], [50, 2000]]);
    expect(await pricesOf('a-confirmed')).toEqual([[20, 850], [50, 2000]]);
    expect(await stored('a-scheduled')).toMatchObject({ total: 900, version: 1 });
    expect(await stored('b-pending')).toMatchObject({ total: 900, version: 1 });
    const updated = (await db().collection('outbox').get()).docs.map((d) => d.get('event') as EventEnvelope).filter((e) => e.type === 'order.updated');
    expect(updated.map((e) => e.subject).sort()).toEqual(['orders/a-confirmed', 'orders/a-pending']);
    const audited = (await db().collection('auditLog').where('function', '==', 'customers').get()).docs.map((d) => d.data());
    expect(audited).toContainEqual(expect.objectContaining({ method: 'PUT', route: '/:id/contract-prices', entityIds: expect.arrayContaining(['cust-a', 'a-pending', 'a-confirmed']) }));
  });

  it('writes nothing when the same terms are sent again', async () => {
    const again = await put({ terms });
    expect(again.status).toBe(200);
    expect(again.body.repricedOrders).toBe(0);
    expect((await stored('a-pending')).version).toBe(2);
  });
});

describe('reading contract prices', () => {
  it('shows staff and the customer themself the terms; another customer gets not found, a driver is refused', async () => {
    for (const who of ['office', 'customerA'] as const) {
      const res = await call('GET', '/api/customers/cust-a/contract-prices', { as: who });
      expect(res.status).toBe(200);
      expect(res.body.terms).toEqual(terms);
    }
    expect((await call('GET', '/api/customers/cust-b/contract-prices', { as: 'customerA' })).status).toBe(404);
    expect((await call('GET', '/api/customers/cust-a/contract-prices', { as: 'driver1' })).status).toBe(403);
  });

  it('quotes a customer their own prices and nobody else’s; staff the customer they name', async () => {
    const unit = (body: Json) => body.current.map((p: Json) => [p.size, p.unitPrice]);
    expect(unit((await call('GET', '/api/prices', { as: 'customerA' })).body)).toEqual([[20, 850], [50, 2000]]);
    // Another customer named is not found, as their terms are (a head office naming its branch is chain-customers.int's).
    const another = await call('GET', '/api/prices?customerId=cust-a', { as: 'customerB' });
    expect([another.status, another.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
    expect(unit((await call('GET', '/api/prices?customerId=cust-a', { as: 'office' })).body)).toEqual([[20, 850], [50, 2000]]);
    expect(unit((await call('GET', '/api/prices', { as: 'office' })).body)).toEqual([[20, 900], [50, 2100]]);
  });
});

describe('an order of a customer with contract prices', () => {
  it('is placed at the contract price', async () => {
    const res = await call('POST', '/api/orders', { as: 'customerA', key: 'contract-order', body: { customerId: 'cust-a', items: [{ size: 20, quantity: 2 }], requestedDate: day(9) } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ items: [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }], total: 1700 });
  });

  it('follows a list price posted later under a discount, and keeps a fixed contract price', async () => {
    for (const [size, unitPrice] of [[20, 880], [50, 2200]] as const) {
      expect((await call('POST', '/api/prices', { as: 'admin', body: { size, unitPrice, effectiveFrom: day(5) } })).status).toBe(201);
      const posted = (await db().collection('outbox').get()).docs.map((d) => d.get('event') as EventEnvelope).find((e) => e.type === 'price.posted' && e.data.size === size);
      if (!posted) throw new Error(`no price.posted for ${size} kg`);
      expect(await pushEvent(stack, 'repriceOrders', 'price-events', posted)).toBeLessThan(300);
    }
    expect(await pricesOf('a-confirmed')).toEqual([[20, 830], [50, 2000]]);
    expect(await pricesOf('b-pending')).toEqual([[20, 880]]);
    expect(await pricesOf('a-pending')).toEqual([[20, 850], [50, 2000]]);
    const repriced50 = (await call('GET', '/api/prices', { as: 'admin' })).body.entries.find((e: Json) => e.id === `price-50-${day(5)}`)?.repricing;
    expect(repriced50).toEqual({ orders: 0, done: true });
  });

  it('charges a size the driver leaves beyond the order at the customer’s price: the fixed one, or the list less the discount', async () => {
    // Two stops of 林記麵館 on driver1's published route today, each delivered with a size it did not order.
    const stops = [booked('a-extra-50', customerA, 'scheduled', 0, [[20, 1]]), booked('a-extra-20', customerA, 'scheduled', 0, [[50, 1]])];
    const route = aDraftRoute({ id: 'contract-r1', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: stops.map((order) => ({ order, customer: customerA })) });
    for (const o of stops) await db().collection('orders').doc(o.id).set({ ...o, routeId: route.id, driverId: FLEET.drivers[0]!.id, version: 2 });
    await db().collection('routes').doc(route.id).set({ ...route, status: 'published', publishedAt: new Date().toISOString(), version: 2 });
    const deliver = (id: string, delivered: Json[]) =>
      call('POST', `/api/driver/stops/${id}/deliver`, { as: 'driver1', body: { actionId: randomUUID(), delivered, emptiesCollected: [], cashCollected: 0 } });

    expect((await deliver('a-extra-50', [{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }])).status).toBe(200);
    expect((await deliver('a-extra-20', [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }])).status).toBe(200);
    // The ordered lines keep the price they were planned with (NT$900 / NT$2,100); the sizes added are the customer's: the
    // fixed NT$2,000 a 50 kg (the list is NT$2,100), and NT$900 − NT$50 a 20 kg.
    expect(await stored('a-extra-50')).toMatchObject({ items: [{ size: 20, quantity: 1, unitPrice: 900 }, { size: 50, quantity: 1, unitPrice: 2000, subtotal: 2000 }], total: 2900 });
    expect(await stored('a-extra-20')).toMatchObject({ items: [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }, { size: 50, quantity: 1, unitPrice: 2100 }], total: 3800 });
  });
});

describe('posting a list price', () => {
  it('refuses one at or below a customer’s discount on a day it prices, naming them in the caller’s language, confirmed or not, writing nothing', async () => {
    const drop = { size: 20, unitPrice: 50, effectiveFrom: day(20), confirmLargeChange: true };
    const zh = await call('POST', '/api/prices', { as: 'admin', body: drop });
    expect([zh.status, zh.body.error.code]).toEqual([422, 'PRICE.CONTRACT_DISCOUNT_EXHAUSTED']);
    expect(zh.body.error.message).toBe('20 公斤牌價 NT$50 不高於 林記麵館 的合約折讓（最多 NT$50），折讓後沒有金額；請先調整這些客戶的合約價');
    const en = await call('POST', '/api/prices', { as: 'admin', body: drop, lang: 'en' });
    expect(en.body.error.message).toBe('A 20 kg list price of NT$50 is no more than the contract discount (up to NT$50) of 林記麵館, leaving them nothing to pay: change their contract prices first');
    expect((await db().collection('priceList').doc(`price-20-${day(20)}`).get()).exists).toBe(false);
    // A fixed contract price is not moved by the list, and a price above the discount leaves something to pay.
    expect((await call('POST', '/api/prices', { as: 'admin', body: { size: 50, unitPrice: 50, effectiveFrom: day(20), confirmLargeChange: true } })).status).toBe(201);
    expect((await call('POST', '/api/prices', { as: 'admin', body: { ...drop, unitPrice: 60 } })).status).toBe(201);
  });

  it('leaves out a deactivated customer’s terms, and refuses reactivating them while a price posted meanwhile leaves their discount nothing', async () => {
    const gone = { ...aCustomer().withId('cust-gone').withCode('C00003').with({ name: '歇業麵店' }).build(), status: 'inactive', deactivatedAt: new Date().toISOString() };
    await db().collection('customers').doc(gone.id).set({ ...gone, contractPrices: [{ size: 20, kind: 'discount', amount: 400, effectiveFrom: day(-30) }] });
    const posted = await call('POST', '/api/prices', { as: 'admin', body: { size: 20, unitPrice: 300, effectiveFrom: day(30), confirmLargeChange: true } });
    expect(posted.status).toBe(201);

    const back = await call('POST', `/api/customers/${gone.id}/reactivate`, { as: 'office' });
    expect([back.status, back.body.error.code, back.body.error.details.customers]).toEqual([422, 'PRICE.CONTRACT_DISCOUNT_EXHAUSTED', ['歇業麵店']]);
    expect((await db().collection('customers').doc(gone.id).get()).get('status')).toBe('inactive');
  });
});
