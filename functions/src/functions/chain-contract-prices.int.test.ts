import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import type { Order } from '../domain/orders';
import type { ContractPrice } from '../domain/pricing';
import { aCustomer } from '../domain/test-support/customer-mother';
import type { Principal } from '../domain/users';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { pushEvent } from './test-support/push-event';
import { materialiseRecurring } from './use-cases/materialise-recurring';

/**
 * 沿用總店合約價 on the emulators: a chain's branch without a contract price of its own for a size pays its head office's,
 * whichever way its order is priced (the office's phone order, the branch's portal, the head office booking for it, a
 * recurring order, 修改, the head office's terms changing, a list price posted later); a branch's own price wins; a
 * customer outside the chain, and a branch taken out of it, pay their own or the list. The test delivers the
 * `price.posted` event itself, as the Pub/Sub emulator would push it.
 */
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const hqTerms: ContractPrice[] = [
  { size: 20, kind: 'discount', amount: 60, effectiveFrom: day(-30), note: 'C-2026-088 大福年約' },
  { size: 50, kind: 'fixed', amount: 1950, effectiveFrom: day(-30) },
];
const ownTerm: ContractPrice = { size: 20, kind: 'fixed', amount: 800, effectiveFrom: day(-30) };
const shop = (id: string, code: string, name: string, more: Partial<Customer> = {}): Customer => ({
  ...aCustomer().withId(id).withCode(code).with({ name, paymentTerms: 'monthly', closedDays: [] }).build(),
  ...more,
});
const hq = shop('cust-hq', 'C00001', '大福餐飲總公司', { contractPrices: hqTerms });
const plain = shop('cust-br-new', 'C00002', '大福新莊店', { payerId: 'cust-hq', payerSince: new Date().toISOString() });
const owning = shop('cust-br-own', 'C00003', '大福板橋店', { payerId: 'cust-hq', payerSince: new Date().toISOString(), contractPrices: [ownTerm] });
const solo = shop('cust-solo', 'C00004', '王家小吃');
const HQ: Principal = { uid: 'u-hq', role: 'customer', customerId: 'cust-hq' };
const BRANCH: Principal = { uid: 'u-br-new', role: 'customer', customerId: 'cust-br-new' };

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'chain-contract-prices', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'repriceOrders') });
  // Only the test pushes the price event, so it decides when it arrives.
  await stack.container.pubsub.subscription('repriceOrders--price-events').delete();
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [hq, plain, owning, solo]) await db.collection('customers').doc(c.id).set(c);
  for (const [size, unitPrice] of [[20, 900], [50, 2100]] as const) {
    await db.collection('priceList').doc(`price-${size}`).set({ id: `price-${size}`, size, unitPrice, effectiveFrom: day(-60), createdAt: new Date().toISOString(), createdBy: 'u-admin' });
  }
});
afterAll(() => stack.close());

/** Order id by the key it was booked under. */
const placed = new Map<string, string>();
const book = async (as: Principal | 'office', customerId: string, key: string, requestedDate = day(3)): Promise<Order> => {
  const res = await call('POST', '/api/orders', { as, key, body: { customerId, items: [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }], requestedDate } });
  expect(res.status).toBe(201);
  placed.set(key, res.body.id);
  return res.body as Order;
};
const stored = async (id: string) => (await stack.container.db.collection('orders').doc(placed.get(id) ?? id).get()).data() as Order & { version: number };
const unitPrices = (order: Pick<Order, 'items'>) => order.items.map((l) => [l.size, l.unitPrice]);

describe("a branch without a contract price of its own pays its head office's", () => {
  it('on an order the office takes, the branch places on the portal and the head office books for it; its own price wins; a customer outside the chain pays the list', async () => {
    for (const [as, key] of [['office', 'office'], [BRANCH, 'branch'], [HQ, 'hq']] as const) {
      expect(unitPrices(await book(as, 'cust-br-new', `br-new-${key}`))).toEqual([[20, 840], [50, 1950]]);
    }
    expect(unitPrices(await book('office', 'cust-br-own', 'br-own'))).toEqual([[20, 800], [50, 1950]]);
    expect(unitPrices(await book('office', 'cust-solo', 'solo'))).toEqual([[20, 900], [50, 2100]]);
  });

  it('on a recurring order and on 修改 of an order', async () => {
    const body = { customerId: 'cust-br-new', recurrence: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] }, startDate: day(2), items: [{ size: 50, quantity: 1 }] };
    const rule = await call('POST', '/api/orders/recurring', { as: 'office', body });
    expect(rule.status).toBe(201);
    await materialiseRecurring(stack.container, 2, { uid: 'system:scheduler', role: 'system' });
    expect(unitPrices(await stored(`rec-${rule.body.id}-${day(2)}`))).toEqual([[50, 1950]]);

    const solo = await book('office', 'cust-solo', 'solo-edit');
    const order = await book('office', 'cust-br-new', 'br-new-edit');
    for (const id of [order.id, solo.id]) {
      expect((await call('PATCH', `/api/orders/${id}`, { as: 'office', body: { items: [{ size: 20, quantity: 3 }] } })).status).toBe(200);
    }
    expect(await stored(order.id)).toMatchObject({ items: [{ size: 20, quantity: 3, unitPrice: 840, subtotal: 2520 }], total: 2520 });
    expect(await stored(solo.id)).toMatchObject({ total: 2700 });
  });

  it('shows staff and the branch where its price comes from, and quotes it so', async () => {
    for (const as of ['office', BRANCH] as const) {
      const res = await call('GET', '/api/customers/cust-br-new/contract-prices', { as });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        date: today,
        terms: [],
        prices: [
          { size: 20, unitPrice: 840, listPrice: 900, contract: hqTerms[0], fromHeadOffice: true },
          { size: 50, unitPrice: 1950, listPrice: 2100, contract: hqTerms[1], fromHeadOffice: true },
        ],
        headOffice: { id: 'cust-hq', code: 'C00001', name: '大福餐飲總公司', terms: hqTerms },
      });
    }
    const own = (await call('GET', '/api/customers/cust-br-own/contract-prices', { as: 'office' })).body;
    expect(own.prices.map((p: Json) => [p.size, p.unitPrice, p.fromHeadOffice ?? false])).toEqual([[20, 800, false], [50, 1950, true]]);
    expect((await call('GET', '/api/customers/cust-solo/contract-prices', { as: 'office' })).body).not.toHaveProperty('headOffice');
    const quote = (await call('GET', '/api/prices', { as: BRANCH })).body;
    expect(quote.current.map((p: Json) => [p.size, p.unitPrice])).toEqual([[20, 840], [50, 1950]]);
  });

  it("follows the head office's terms changing: the chain's open orders take the new price, a branch's own stays, an order on a route keeps its own", async () => {
    const onRoute = await book('office', 'cust-br-new', 'br-new-route');
    await stack.container.db.collection('orders').doc(onRoute.id).update({ status: 'scheduled' });
    const res = await call('PUT', '/api/customers/cust-hq/contract-prices', { as: 'admin', body: { terms: [{ ...hqTerms[0], amount: 100 }, hqTerms[1]] } });
    expect(res.status).toBe(200);
    expect(unitPrices(await stored('br-new-office'))).toEqual([[20, 800], [50, 1950]]);
    expect(unitPrices(await stored('br-own'))).toEqual([[20, 800], [50, 1950]]);
    expect(unitPrices(await stored('solo'))).toEqual([[20, 900], [50, 2100]]);
    expect(await stored(onRoute.id)).toMatchObject({ items: [{ unitPrice: 840 }, { unitPrice: 1950 }], version: 1 });
    expect(unitPrices(await book('office', 'cust-br-new', 'br-new-after'))).toEqual([[20, 800], [50, 1950]]);
  });

  it("re-prices a branch's open order at a list price posted later as it pays it: the list less the head office's discount", async () => {
    for (const id of ['cust-br-new', 'cust-br-own', 'cust-solo']) await book('office', id, `${id}-later`, day(6));
    expect((await call('POST', '/api/prices', { as: 'admin', body: { size: 20, unitPrice: 880, effectiveFrom: day(5) } })).status).toBe(201);
    const posted = (await stack.container.db.collection('outbox').get()).docs.map((d) => d.get('event') as EventEnvelope).find((e) => e.type === 'price.posted');
    if (!posted) throw new Error('no price.posted');
    expect(await pushEvent(stack, 'repriceOrders', 'price-events', posted)).toBeLessThan(300);
    expect(unitPrices(await stored('cust-br-new-later'))).toEqual([[20, 780], [50, 1950]]);
    expect(unitPrices(await stored('cust-br-own-later'))).toEqual([[20, 800], [50, 1950]]);
    expect(unitPrices(await stored('cust-solo-later'))).toEqual([[20, 880], [50, 2100]]);
  });

  it('prices a branch taken out of the chain at the list again, one with its own terms by them', async () => {
    for (const id of ['cust-br-new', 'cust-br-own']) expect((await call('PUT', `/api/customers/${id}/payer`, { as: 'office', body: { payerId: null } })).status).toBe(200);
    expect(unitPrices(await book('office', 'cust-br-new', 'br-new-out'))).toEqual([[20, 900], [50, 2100]]);
    expect(unitPrices(await book('office', 'cust-br-own', 'br-own-out'))).toEqual([[20, 800], [50, 2100]]);
    expect((await call('GET', '/api/customers/cust-br-new/contract-prices', { as: 'office' })).body).toEqual({ date: today, terms: [], prices: [{ size: 20, unitPrice: 900, listPrice: 900 }, { size: 50, unitPrice: 2100, listPrice: 2100 }] });
  });
});
