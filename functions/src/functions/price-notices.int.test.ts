import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { formatDate } from '../domain/notifications';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';
import { eventually } from './test-support/planning-day';
import { seedPortalAccounts } from './test-support/portal-accounts';

/**
 * 調價通知 on the emulators, through Pub/Sub, with the in-app inbox as the channel (no LINE or SMS configured): the admin
 * posts a future price with `notifyCustomers`, and every active customer who buys the size and has LINE or a mobile
 * hears of it once, in their language, however often the event is delivered; a second posting with another price is a
 * correction, with the same price nothing; without the flag nobody hears anything.
 */
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const changeDay = day(5);

const customer = (id: string, n: number, over: Record<string, unknown> = {}): Customer => aCustomer().withId(id).withCode(`C0000${n}`).with(over).build();
const buyer = customer('cust-buyer', 1);
const holder = customer('cust-holder', 2, { cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] });
const english = customer('cust-en', 3, { notificationLocale: 'en' });
const otherSize = customer('cust-50', 4);
const landline = customer('cust-landline', 5, { phones: ['(02)2941-5566'] });
const lapsed = customer('cust-lapsed', 6);
const wasActive = customer('cust-inactive', 7);
const inactive: Customer = { ...wasActive, status: 'inactive' };
// 合約價: one pays NT$50 off the list (told the list's change less it), one a fixed NT$820 (no change to tell).
const discounted: Customer = { ...customer('cust-discount', 8), contractPrices: [{ size: 20, kind: 'discount', amount: 50, effectiveFrom: day(-30) }] };
const fixed: Customer = { ...customer('cust-fixed', 9), contractPrices: [{ size: 20, kind: 'fixed', amount: 820, effectiveFrom: day(-30) }] };
// 沿用總店合約價: a branch without terms of its own pays its head office's fixed price, so has no change to hear of either.
const fixedBranch: Customer = { ...customer('cust-fixed-branch', 10), payerId: fixed.id };
const told = [buyer, holder, english, discounted];

// Built as placed, then moved back in time: the builder refuses a past delivery day.
const ordered = (id: string, c: Customer, size: number, daysAgo: number) => ({
  ...anOrder().withId(id).forCustomer(c).with({ items: [{ size, quantity: 1 }] }).inStatus('delivered').build(),
  requestedDate: day(-daysAgo),
});
const orders = [
  ordered('ord-buyer', buyer, 20, 10),
  ordered('ord-en', english, 20, 40),
  ordered('ord-50', otherSize, 50, 5),
  ordered('ord-landline', landline, 20, 3),
  ordered('ord-lapsed', lapsed, 20, 200),
  ordered('ord-inactive', wasActive, 20, 3),
  ordered('ord-discount', discounted, 20, 3),
  ordered('ord-fixed', fixed, 20, 3),
  ordered('ord-fixed-branch', fixedBranch, 20, 3),
];

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'price-notices', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyPriceChange') });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [buyer, holder, english, otherSize, landline, lapsed, inactive, discounted, fixed, fixedBranch]) await db.collection('customers').doc(c.id).set(c);
  await seedPortalAccounts(db, [buyer, holder, english, otherSize, landline, lapsed, inactive, discounted, fixed, fixedBranch].map((c) => c.id));
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  for (const [size, unitPrice] of [[20, 860], [50, 2100]] as const) {
    await db.collection('priceList').doc(`price-${size}-${day(-60)}`).set({ id: `price-${size}-${day(-60)}`, size, unitPrice, effectiveFrom: day(-60), createdAt: new Date().toISOString(), createdBy: 'seed' });
  }
});
afterAll(() => stack.close());

const post = (body: Record<string, unknown>, key: string) => call('POST', '/api/prices', { as: 'admin', body, key });
const inboxOf = async (c: Customer): Promise<string[]> => {
  const snap = await stack.container.db.collection('notifications').where('customerId', '==', c.id).get();
  return snap.docs.map((d) => d.data() as { text: string; createdAt: { toMillis(): number } }).sort((a, b) => a.createdAt.toMillis() - b.createdAt.toMillis()).map((n) => n.text);
};
const everyoneHas = (count: number) => eventually(async () => ((await Promise.all(told.map(inboxOf))).every((texts) => texts.length >= count) ? true : null));
const priceEvents = async (): Promise<EventEnvelope[]> => (await stack.container.db.collection('outbox').get()).docs.map((d) => d.get('event') as EventEnvelope).filter((e) => e.type === 'price.changed');
/** Long enough for Pub/Sub to have pushed anything still on its way. */
const settle = () => new Promise((r) => setTimeout(r, 2000));
const zhDay = formatDate(changeDay, 'zh-TW');

describe('price notices (調價通知)', () => {
  it('tell nobody of a price posted without notifyCustomers', async () => {
    const res = await post({ size: 50, unitPrice: 2200, effectiveFrom: changeDay }, 'price-quiet');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: `price-50-${changeDay}`, unitPrice: 2200 });
    expect(res.body).not.toHaveProperty('notifyCustomers');
    await settle();
    expect(await priceEvents()).toEqual([]);
    expect(await inboxOf(otherSize)).toEqual([]);
  });

  it('tell each customer who buys the size once, in their language, even when the event is delivered twice', async () => {
    const res = await post({ size: 20, unitPrice: 880, effectiveFrom: changeDay, notifyCustomers: true }, 'price-880');
    expect(res.status).toBe(201);
    await everyoneHas(1);
    const [event] = await priceEvents();
    expect(event).toMatchObject({ type: 'price.changed', data: { entryId: `price-20-${changeDay}`, unitPrice: 880 } });
    await stack.container.publisher.publish('notifications', event as EventEnvelope);
    await settle();

    const notice = `幸福氣通知：自 ${zhDay}起 20 公斤桶裝瓦斯每桶 NT$880（原 NT$860，調漲 NT$20）。`;
    expect(await inboxOf(buyer)).toEqual([notice]);
    expect(await inboxOf(holder)).toEqual([notice]);
    expect(await inboxOf(english)).toEqual([`Lucky Gas notice: from ${formatDate(changeDay, 'en')}, a 20 kg cylinder costs NT$880 (was NT$860, up NT$20).`]);
    expect(await inboxOf(discounted)).toEqual([`幸福氣通知：自 ${zhDay}起 20 公斤桶裝瓦斯每桶 NT$830（原 NT$810，調漲 NT$20）。`]);
    for (const c of [otherSize, landline, lapsed, inactive, fixed, fixedBranch]) expect({ id: c.id, inbox: await inboxOf(c) }).toEqual({ id: c.id, inbox: [] });
    const dispatch = await stack.container.db.collection('notificationDispatch').doc(`price-${buyer.id}-${(event as EventEnvelope).id}`).get();
    expect(dispatch.data()).toMatchObject({ kind: 'price-change', priceEntryId: `price-20-${changeDay}`, unitPrice: 880, status: 'sent' });
  });

  it('answer staff how many customers were told of each entry, and anyone the changes to come', async () => {
    const staff = await call('GET', '/api/prices', { as: 'office' });
    expect(staff.status).toBe(200);
    const entry = (size: number) => staff.body.entries.find((e: { id: string }) => e.id === `price-${size}-${changeDay}`);
    expect(entry(20)).toMatchObject({ unitPrice: 880, notified: 4 });
    expect(entry(50)).toMatchObject({ unitPrice: 2200, notified: 0 });
    const mine = await call('GET', '/api/prices', { as: 'customerA' });
    expect(mine.body).not.toHaveProperty('entries');
    expect(mine.body.upcoming).toEqual([
      { size: 20, unitPrice: 880, effectiveFrom: changeDay, previousPrice: 860 },
      { size: 50, unitPrice: 2200, effectiveFrom: changeDay, previousPrice: 2100 },
    ]);
  });

  it('send nothing for the same price posted again, and a correction for another price', async () => {
    expect((await post({ size: 20, unitPrice: 880, effectiveFrom: changeDay, notifyCustomers: true }, 'price-880-again')).status).toBe(201);
    await settle();
    expect(await inboxOf(buyer)).toHaveLength(1);

    expect((await post({ size: 20, unitPrice: 900, effectiveFrom: changeDay, notifyCustomers: true }, 'price-900')).status).toBe(201);
    await everyoneHas(2);
    await settle();
    expect((await inboxOf(buyer))[1]).toBe(`幸福氣更正：自 ${zhDay}起 20 公斤桶裝瓦斯每桶 NT$900（原 NT$860，調漲 NT$40）。先前通知的 NT$880 有誤，請以本則為準。`);
    expect((await inboxOf(discounted))[1]).toBe(`幸福氣更正：自 ${zhDay}起 20 公斤桶裝瓦斯每桶 NT$850（原 NT$810，調漲 NT$40）。先前通知的 NT$830 有誤，請以本則為準。`);
    for (const c of told) expect(await inboxOf(c)).toHaveLength(2);
    expect(await inboxOf(fixed)).toEqual([]);
    const staff = await call('GET', '/api/prices', { as: 'admin' });
    expect(staff.body.entries.find((e: { id: string }) => e.id === `price-20-${changeDay}`)).toMatchObject({ unitPrice: 900, notified: 4 });
  });

  it('refuse to announce a price from today, writing nothing', async () => {
    const res = await post({ size: 50, unitPrice: 2300, effectiveFrom: today, notifyCustomers: true }, 'price-today');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'PRICE.NOTICE_TOO_LATE', message: '生效日期須晚於今天，才能事先通知客戶' });
    expect((await stack.container.db.collection('priceList').doc(`price-50-${today}`).get()).exists).toBe(false);
  });

  it('list an entry whose document lacks its id field under the document id, instead of failing the whole list', async () => {
    const id = `price-16-${day(-60)}`;
    await stack.container.db.collection('priceList').doc(id).set({ size: 16, unitPrice: 700, effectiveFrom: day(-60), createdAt: new Date().toISOString(), createdBy: 'console' });
    const staff = await call('GET', '/api/prices', { as: 'admin' });
    expect(staff.status).toBe(200);
    expect(staff.body.entries.find((e: { size: number }) => e.size === 16)).toMatchObject({ id, unitPrice: 700, notified: 0 });
  });
});
