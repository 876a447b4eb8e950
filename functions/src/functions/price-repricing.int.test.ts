import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { EventEnvelope } from '../domain/events';
import type { Order, OrderStatus } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';
import { pushEvent } from './test-support/push-event';

/**
 * A price posted after orders were booked re-prices them (the 調價通知 says 「自 12/1 起…NT$840」, so an order for 12/3
 * booked at NT$860 must be charged NT$840): the post writes the entry with a `price.posted` event, and the repriceOrders
 * consumer gives the price to the open orders not yet on a route, with a line of the size, requested from the entry's day
 * up to the next entry of the size, each through the order aggregate with its `order.updated` event. The test delivers
 * the events itself, as the Pub/Sub emulator would push them, so it decides when, how often and in which order.
 */
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const customer = aCustomer().withId('cust-reprice').withCode('C00001').build();
const entryId = `price-20-${day(5)}`;

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
  stack = await startTestStack({ suite: 'price-repricing', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'repriceOrders') });
  // The gateway serves the consumer; without its subscription, only the test pushes to it.
  await stack.container.pubsub.subscription('repriceOrders--price-events').delete();
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc(customer.id).set(customer);
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  for (const e of [entry(20, 850, day(-60)), entry(50, 2050, day(-60)), entry(20, 850, day(20))]) await db.collection('priceList').doc(e.id).set(e);
});
afterAll(() => stack.close());

const db = () => stack.container.db;
const stored = async (id: string) => (await db().collection('orders').doc(id).get()).data() as Order & { version: number };
const outboxEvents = async (type: string): Promise<EventEnvelope[]> =>
  (await db().collection('outbox').orderBy('createdAt').get()).docs.map((d) => d.get('event') as EventEnvelope).filter((e) => e.type === type);
const updates = () => outboxEvents('order.updated');
const post = (unitPrice: number, key: string) => call('POST', '/api/prices', { as: 'admin', body: { size: 20, unitPrice, effectiveFrom: day(5) }, key });
/** The `price.posted` event the post with this price wrote (the latest such). */
const postedAt = async (unitPrice: number): Promise<EventEnvelope> => {
  const event = (await outboxEvents('price.posted')).filter((e) => e.data.unitPrice === unitPrice).at(-1);
  if (!event) throw new Error(`no price.posted at ${unitPrice}`);
  return event;
};
const deliver = async (event: EventEnvelope): Promise<void> => {
  expect(await pushEvent(stack, 'repriceOrders', 'price-events', event)).toBeLessThan(300);
};
const repricing = async () => (await call('GET', '/api/prices', { as: 'admin' })).body.entries.find((e: { id: string }) => e.id === entryId)?.repricing;
const priceOf = async (id: string) => (await stored(id)).items.find((l) => l.size === 20)?.unitPrice;

describe('a price posted after orders were booked', () => {
  it('is stored with its price.posted event in the request, and re-prices nothing itself', async () => {
    const res = await post(840, 'price-840');
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ id: entryId, unitPrice: 840 }));
    expect(res.body).not.toHaveProperty('repricedOrders');
    expect((await postedAt(840)).data).toEqual({ entryId, size: 20, effectiveFrom: day(5), unitPrice: 840 });
    expect((await stored('ord-pending')).version).toBe(1);
    expect(await repricing()).toEqual({ orders: 0, done: false });
  });

  it('re-prices the open orders of the size from its day up to the next entry once its event comes, each with its order.updated event, counted', async () => {
    const event = await postedAt(840);
    // Delivered twice at once: each order changes and is counted once.
    await Promise.all([deliver(event), deliver(event)]);

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
    expect(await repricing()).toEqual({ orders: 2, done: true });
  });

  it('changes and counts nothing when the event is delivered again', async () => {
    await deliver(await postedAt(840));
    expect((await stored('ord-pending')).version).toBe(2);
    expect(await updates()).toHaveLength(2);
    expect(await repricing()).toEqual({ orders: 2, done: true });
  });

  it('re-prices nothing when the same price is posted again', async () => {
    expect((await post(840, 'price-840-again')).status).toBe(201);
    expect(await repricing()).toEqual({ orders: 0, done: false });
    await deliver(await postedAt(840));
    expect((await stored('ord-pending')).version).toBe(2);
    expect(await updates()).toHaveLength(2);
    expect(await repricing()).toEqual({ orders: 0, done: true });
  });

  it('leaves an order scheduled between the post and the event at its price, and prices an order edited meanwhile as it now is', async () => {
    expect((await post(830, 'price-830')).status).toBe(201);
    // Before the event comes: the pending order is planned onto a route, the confirmed one now asks for three 20 kg.
    await db().collection('orders').doc('ord-pending').update({ status: 'scheduled', version: 3 });
    const mixed = await stored('ord-confirmed-mixed');
    await db()
      .collection('orders')
      .doc(mixed.id)
      .update({ items: [{ size: 20, quantity: 3, unitPrice: 840, subtotal: 2520 }, mixed.items[1]], total: 2520 + 2050, version: 3 });

    await deliver(await postedAt(830));
    expect(await stored('ord-pending')).toMatchObject({ status: 'scheduled', total: 1680, version: 3 });
    expect(await stored('ord-confirmed-mixed')).toMatchObject({
      items: [{ size: 20, quantity: 3, unitPrice: 830, subtotal: 2490 }, { size: 50, quantity: 1, unitPrice: 2050, subtotal: 2050 }],
      total: 4540,
      version: 4,
    });
    expect(await repricing()).toEqual({ orders: 1, done: true });
  });

  it('gives the later of two posts in quick succession, whichever event comes first', async () => {
    await db().collection('orders').doc('ord-pending').update({ status: 'confirmed', version: 4 });
    expect((await post(820, 'price-820')).status).toBe(201);
    expect((await post(810, 'price-810')).status).toBe(201);
    const [first, second] = [await postedAt(820), await postedAt(810)];

    // The earlier posting's event is left to the later one's: nothing moves, and the record is the later posting's.
    await deliver(first);
    expect(await priceOf('ord-confirmed-mixed')).toBe(830);
    expect(await repricing()).toEqual({ orders: 0, done: false });

    await deliver(second);
    await deliver(first);
    expect(await priceOf('ord-pending')).toBe(810);
    expect(await priceOf('ord-confirmed-mixed')).toBe(810);
    expect(await stored('ord-pending')).toMatchObject({ total: 1620, version: 5 });
    expect(await repricing()).toEqual({ orders: 2, done: true });
  });

  it('gives an order taken off its route the price posted while it was on it, its order.updated naming the items', async () => {
    expect(await stored('ord-scheduled')).toMatchObject({ status: 'scheduled', items: [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }] });
    const back = await call('POST', '/api/orders/ord-scheduled/confirm', { as: 'office' });
    expect([back.status, back.body.status, back.body.items, back.body.total]).toEqual([200, 'confirmed', [{ size: 20, quantity: 2, unitPrice: 810, subtotal: 1620 }], 1620]);
    expect((await updates()).filter((e) => e.subject === 'orders/ord-scheduled').map((e) => e.data)).toEqual([{ orderId: 'ord-scheduled', customerId: customer.id, fields: ['items'], total: 1620 }]);
  });
});

describe('a price far from the one before it (a digit typed too many)', () => {
  const typoDay = day(12);
  const postTypo = (body: Record<string, unknown>, key: string, lang?: string) =>
    call('POST', '/api/prices', { as: 'admin', body: { size: 50, unitPrice: 20_500, effectiveFrom: typoDay, notifyCustomers: true, ...body }, key, ...(lang ? { lang } : {}) });

  it('is refused on its unit price, naming both prices in the admin’s language, and writes nothing', async () => {
    const events = (await outboxEvents('price.posted')).length;
    const res = await postTypo({}, 'price-typo', 'zh-TW');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'PRICE.LARGE_CHANGE',
      message: '50 公斤每桶 NT$20,500 與前一天的 NT$2,050 相差超過兩成，請確認金額沒有打錯',
      fields: [{ path: 'body.unitPrice' }],
      details: { size: 50, unitPrice: 20_500, previousPrice: 2050, effectiveFrom: typoDay },
    });
    expect((await postTypo({}, 'price-typo-en', 'en')).body.error.message).toBe('NT$20,500 a 50 kg cylinder is more than 20% away from NT$2,050 the day before: check the amount');
    expect((await db().collection('priceList').doc(`price-50-${typoDay}`).get()).exists).toBe(false);
    expect(await outboxEvents('price.posted')).toHaveLength(events);
    expect(await outboxEvents('price.changed')).toHaveLength(0);
  });

  it('is taken once the admin confirms it', async () => {
    const res = await postTypo({ unitPrice: 2600, notifyCustomers: false, confirmLargeChange: true }, 'price-confirmed');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: `price-50-${typoDay}`, unitPrice: 2600 });
  });
});
