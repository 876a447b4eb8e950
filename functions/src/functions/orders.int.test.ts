import { FieldValue } from '@google-cloud/firestore';
import fc from 'fast-check';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { createOrderInputSchema } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { placeOrder } from './use-cases/place-order';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const tomorrow = addDays(taipeiDate(new Date()), 1);

async function count(collection: string): Promise<number> {
  return (await stack.container.db.collection(collection).count().get()).data().count;
}

const orderBody = (over: Json = {}) => ({
  customerId: 'cust-a',
  items: [{ size: 20, quantity: 2 }],
  emptiesToCollect: [{ size: 20, quantity: 2 }],
  requestedDate: tomorrow,
  ...over,
});

beforeAll(async () => {
  stack = await startTestStack({ suite: 'orders', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc('cust-a').set(aCustomer().withId('cust-a').withCode('C00001').build());
  await db
    .collection('customers')
    .doc('cust-b')
    .set(aCustomer().withId('cust-b').withCode('C00002').with({ name: '王記小吃', paymentTerms: 'monthly' }).build());
  for (const [size, unitPrice] of [[20, 820], [50, 1950], [16, 700]] as const) {
    await db.collection('priceList').doc(`price-${size}-2020-01-01`).set({
      id: `price-${size}-2020-01-01`,
      size,
      unitPrice,
      effectiveFrom: '2020-01-01',
      createdAt: '2020-01-01T00:00:00.000Z',
      createdBy: 'u-admin',
    });
  }
});
afterAll(() => stack.close());

describe('orders API on the emulators', () => {
  it('creates an order with server-side prices, its first timeline entry and an outbox event, ignoring client prices', async () => {
    const res = await call('POST', '/api/orders', { as: 'office', body: { ...orderBody(), total: 1, unitPrice: 1 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', total: 1640, customerName: '陳記自助餐', version: 1 });
    expect(res.body.items).toEqual([{ size: 20, quantity: 2, unitPrice: 820, subtotal: 1640 }]);
    expect(res.body.timeline).toEqual([expect.objectContaining({ from: null, to: 'pending', by: { uid: 'u-office', role: 'office' } })]);
    const outbox = await stack.container.db.collection('outbox').where('event.subject', '==', `orders/${res.body.id}`).get();
    expect(outbox.docs.map((d) => d.data().event.type)).toEqual(['order.created']);
    expect(outbox.docs[0]?.data().publishedAt).not.toBeNull();
  });

  it("keeps the customer's type on the order as it was when ordered, for 月報, after the customer changes type", async () => {
    const customers = stack.container.db.collection('customers');
    await customers.doc('cust-type').set(aCustomer().withId('cust-type').withCode('C00009').with({ type: 'household' }).build());
    const res = await call('POST', '/api/orders', { as: 'office', body: orderBody({ customerId: 'cust-type' }) });
    expect([res.status, res.body.customerType]).toEqual([201, 'household']);
    await customers.doc('cust-type').update({ type: 'restaurant' });
    expect((await stack.container.db.collection('orders').doc(res.body.id).get()).get('customerType')).toBe('household');
  });

  it('returns the stored first response for a retry with the same Idempotency-Key, and writes once', async () => {
    const before = await count('orders');
    const first = await call('POST', '/api/orders', { as: 'office', key: 'retry-1', body: orderBody() });
    const again = await call('POST', '/api/orders', { as: 'office', key: 'retry-1', body: orderBody() });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await count('orders')).toBe(before + 1);
  });

  it('refuses the same key with another body with 422 before validating it', async () => {
    await call('POST', '/api/orders', { as: 'office', key: 'retry-2', body: orderBody() });
    const before = await count('orders');
    const res = await call('POST', '/api/orders', { as: 'office', key: 'retry-2', body: { items: 'garbage' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await count('orders')).toBe(before);
  });

  it('answers field-level 400s in the caller language for invalid orders', async () => {
    const zh = await call('POST', '/api/orders', { as: 'office', body: orderBody({ items: [{ size: 7, quantity: 0 }] }) });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields.map((f: Json) => f.path)).toEqual(expect.arrayContaining(['body.items.0.size', 'body.items.0.quantity']));
    const past = await call('POST', '/api/orders', { as: 'office', lang: 'en', body: orderBody({ requestedDate: '2020-01-01' }) });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'ORDER.REQUESTED_DATE_IN_PAST', message: 'The requested date cannot be in the past' });
  });

  it('lets a customer order only for themself and read only their own orders', async () => {
    const own = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined }) });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ customerId: 'cust-a', source: 'portal' });
    const forOther = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: 'cust-b' }) });
    expect(forOther.status).toBe(403);
    const bOrder = await call('POST', '/api/orders', { as: 'office', body: orderBody({ customerId: 'cust-b' }) });
    expect(bOrder.body.paymentMethod).toBe('monthly');
    expect((await call('GET', `/api/orders/${bOrder.body.id}`, { as: 'customerA' })).status).toBe(404);
    expect((await call('GET', `/api/orders/${own.body.id}`, { as: 'customerA' })).status).toBe(200);
    const list = await call('GET', '/api/orders', { as: 'customerA' });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((o: Json) => o.customerId === 'cust-a')).toBe(true);
  });

  it('refuses a customer choosing credit their terms do not give, on a new order and on a change', async () => {
    const credit = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined, paymentMethod: 'monthly' }) });
    expect([credit.status, credit.body.error.code, credit.body.error.message]).toEqual([400, 'ORDER.PAYMENT_METHOD_NOT_OFFERED', '付款方式只能選現金或您的約定付款方式；如需月結或轉帳，請洽客服']);
    const own = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined, paymentMethod: 'cash' }) });
    expect(own.body.paymentMethod).toBe('cash');
    const change = await call('PATCH', `/api/orders/${own.body.id}`, { as: 'customerA', body: { paymentMethod: 'transfer' } });
    expect([change.status, change.body.error.code]).toEqual([400, 'ORDER.PAYMENT_METHOD_NOT_OFFERED']);
    expect((await call('GET', `/api/orders/${own.body.id}`, { as: 'customerA' })).body.paymentMethod).toBe('cash');
    expect((await call('PATCH', `/api/orders/${own.body.id}`, { as: 'office', body: { paymentMethod: 'transfer' } })).body.paymentMethod).toBe('transfer');
  });

  it('hides unrouted orders from drivers and refuses them customer data', async () => {
    const o = await call('POST', '/api/orders', { as: 'office', body: orderBody() });
    expect((await call('GET', `/api/orders/${o.body.id}`, { as: 'driver1' })).status).toBe(404);
    expect((await call('GET', '/api/customers', { as: 'driver1' })).status).toBe(403);
    expect((await call('POST', '/api/orders', { as: 'driver1', body: orderBody() })).status).toBe(403);
    expect((await call('GET', '/api/orders', { as: 'driver1' })).body.items).toEqual([]);
  });

  it('follows the state machine: confirm, cancel with reason, then 409 for an illegal transition', async () => {
    const o = await call('POST', '/api/orders', { as: 'office', body: orderBody() });
    const confirmed = await call('POST', `/api/orders/${o.body.id}/confirm`, { as: 'office' });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 2 });
    const noReason = await call('POST', `/api/orders/${o.body.id}/cancel`, { as: 'office', body: {} });
    expect(noReason.status).toBe(400);
    const cancelled = await call('POST', `/api/orders/${o.body.id}/cancel`, { as: 'office', body: { reason: '客戶取消' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '客戶取消' });
    expect(cancelled.body.timeline.map((t: Json) => t.to)).toEqual(['pending', 'confirmed', 'cancelled']);
    const illegal = await call('POST', `/api/orders/${o.body.id}/confirm`, { as: 'office' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe('ORDER.INVALID_TRANSITION');
    // Two clerks cancelling at once: the second is told it is done, not that cancelled "cannot become" cancelled.
    const twice = await call('POST', `/api/orders/${o.body.id}/cancel`, { as: 'admin', lang: 'zh-TW', body: { reason: '客戶來電取消' } });
    expect([twice.status, twice.body.error.code, twice.body.error.message]).toEqual([409, 'ORDER.ALREADY_IN_STATUS', '這張訂單已經是「已取消」了，可能有人剛處理過']);
    const types = (await stack.container.db.collection('outbox').where('event.subject', '==', `orders/${o.body.id}`).get()).docs
      .map((d) => d.data().event)
      .sort((a, b) => a.sequence - b.sequence)
      .map((e) => `${e.sequence}:${e.type}:${e.data.to}`);
    expect(types).toEqual(['1000:order.created:pending', '2000:order.status_changed:confirmed', '3000:order.status_changed:cancelled']);
  });

  it('takes back by default, when the caller names no empties, one empty per full up to the customer’s cylinders there', async () => {
    const db = stack.container.db;
    const stocked = aCustomer().withId('cust-stocked').withCode('C00010').with({ cylindersOnSite: [{ size: 20, count: 1, depositPaid: 1200 }] }).build();
    await db.collection('customers').doc(stocked.id).set(stocked);
    const { emptiesToCollect: _named, ...unnamed } = orderBody({ customerId: stocked.id, items: [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }] });
    const res = await call('POST', '/api/orders', { as: 'office', body: unnamed });
    expect([res.status, res.body.emptiesToCollect]).toEqual([201, [{ size: 20, quantity: 1 }]]);
    const none = await call('POST', '/api/orders', { as: 'office', body: { ...unnamed, emptiesToCollect: [] } });
    expect(none.body.emptiesToCollect).toEqual([]);
  });

  it('confirms many orders at once, each on its own and answered for itself, the same key answering again (全部確認)', async () => {
    const placed = await Promise.all([0, 1, 2, 3].map(() => call('POST', '/api/orders', { as: 'office', body: orderBody() })));
    const [a, b, c, d] = placed.map((r) => r.body.id as string) as [string, string, string, string];
    await call('POST', `/api/orders/${b}/cancel`, { as: 'office', body: { reason: '客戶取消' } });
    await call('POST', `/api/orders/${c}/confirm`, { as: 'office' });
    const ids = [a, b, c, d, 'ord-nobody'];
    const res = await call('POST', '/api/orders/confirm', { as: 'office', key: 'confirm-all-1', body: { ids } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      results: [
        { id: a, outcome: 'confirmed' },
        { id: b, outcome: 'refused', code: 'ORDER.INVALID_TRANSITION', message: '這張訂單目前是「已取消」，無法改為「已確認」' },
        { id: c, outcome: 'already_confirmed' },
        { id: d, outcome: 'confirmed' },
        { id: 'ord-nobody', outcome: 'refused', code: 'ORDER.NOT_FOUND', message: '找不到訂單' },
      ],
      confirmed: 2,
      alreadyConfirmed: 1,
      refused: 2,
    });
    const orders = stack.container.db.collection('orders');
    for (const [id, status, version] of [[a, 'confirmed', 2], [b, 'cancelled', 2], [c, 'confirmed', 2], [d, 'confirmed', 2]] as const) {
      expect((await orders.doc(id).get()).data()).toMatchObject({ status, version });
    }
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', `orders/${a}`).get();
    expect(events.docs.map((e) => e.data().event.type).sort()).toEqual(['order.created', 'order.status_changed']);

    // The page closed before the answer came: the same key answers the first answer, a new one finds them confirmed.
    expect((await call('POST', '/api/orders/confirm', { as: 'office', key: 'confirm-all-1', body: { ids } })).body).toEqual(res.body);
    const again = await call('POST', '/api/orders/confirm', { as: 'admin', lang: 'en', body: { ids: [a, b] } });
    expect(again.body).toMatchObject({
      results: [
        { id: a, outcome: 'already_confirmed' },
        { id: b, outcome: 'refused', code: 'ORDER.INVALID_TRANSITION', message: 'This order is “Cancelled” and cannot become “Confirmed”' },
      ],
      confirmed: 0,
      alreadyConfirmed: 1,
    });
    expect((await orders.doc(a).get()).get('version')).toBe(2);
  });

  it('lets only the office and the admin confirm many, refuses a list with an id twice, none, or too many, and writes nothing then', async () => {
    const o = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined }) });
    for (const who of ['customerA', 'driver1', 'turnkey'] as const) {
      const res = await call('POST', '/api/orders/confirm', { as: who, body: { ids: [o.body.id] } });
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, 'AUTH.FORBIDDEN']);
    }
    for (const ids of [[o.body.id, o.body.id], [], Array.from({ length: 301 }, (_, i) => `ord-${i}`)]) {
      const res = await call('POST', '/api/orders/confirm', { as: 'office', body: { ids } });
      expect(res.status).toBe(400);
    }
    const twice = await call('POST', '/api/orders/confirm', { as: 'office', body: { ids: [o.body.id, o.body.id] } });
    expect(twice.body.error.fields).toEqual([expect.objectContaining({ path: 'body.ids', message: '同一張訂單列了兩次' })]);
    expect((await call('GET', `/api/orders/${o.body.id}`, { as: 'office' })).body.status).toBe('pending');
  });

  it('reschedules a failed order for the day the customer asks, in one step, re-priced and checked like a new date', async () => {
    const o = await call('POST', '/api/orders', { as: 'office', body: orderBody() });
    const failed = { ...o.body, status: 'failed', failureReason: '客戶不在家', requestedDate: taipeiDate(new Date()) };
    await stack.container.db.collection('orders').doc(o.body.id).set(failed);
    const dayAfter = addDays(tomorrow, 1);
    const past = await call('POST', `/api/orders/${o.body.id}/reschedule`, { as: 'office', body: { requestedDate: '2020-01-01' } });
    expect([past.status, past.body.error.code]).toEqual([400, 'ORDER.REQUESTED_DATE_IN_PAST']);
    expect((await stack.container.db.collection('orders').doc(o.body.id).get()).get('status')).toBe('failed');
    const moved = await call('POST', `/api/orders/${o.body.id}/reschedule`, { as: 'office', body: { requestedDate: dayAfter, note: '客戶改約後天' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'pending', requestedDate: dayAfter, total: o.body.total });
    expect(moved.body.timeline.at(-1)).toMatchObject({ from: 'failed', to: 'pending', note: '客戶改約後天' });
    // A second clerk whose 重新安排 still showed it failed is told it is done, in their language, and the day stays.
    for (const [lang, message] of [['zh-TW', '這張訂單已經是「待確認」了，可能有人剛處理過'], ['en', 'This order is already “Pending”; someone may have just done it']] as const) {
      const again = await call('POST', `/api/orders/${o.body.id}/reschedule`, { as: 'admin', lang, body: { requestedDate: tomorrow } });
      expect([again.status, again.body.error.code, again.body.error.message]).toEqual([409, 'ORDER.ALREADY_IN_STATUS', message]);
    }
    expect((await stack.container.db.collection('orders').doc(o.body.id).get()).get('requestedDate')).toBe(dayAfter);
    expect((await call('POST', `/api/orders/${o.body.id}/reschedule`, { as: 'customerA', body: { requestedDate: dayAfter } })).status).toBe(403);
  });

  it('refuses to reschedule a failed order of a customer deactivated since, and leaves it failed', async () => {
    await stack.container.db.collection('customers').doc('cust-closed').set(aCustomer().withId('cust-closed').withCode('C00031').build());
    const o = await call('POST', '/api/orders', { as: 'office', body: orderBody({ customerId: 'cust-closed' }) });
    await stack.container.db.collection('orders').doc(o.body.id).update({ status: 'failed', failureReason: 'no_one_home' });
    const off = await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', key: 'closed-1' });
    expect(off.status).toBe(200);
    for (const body of [{}, { requestedDate: addDays(tomorrow, 1) }]) {
      const res = await call('POST', `/api/orders/${o.body.id}/reschedule`, { as: 'office', body });
      expect([res.status, res.body.error.code, res.body.error.message]).toEqual([409, 'CUSTOMER.INACTIVE', '客戶已停用，無法下單']);
    }
    expect((await stack.container.db.collection('orders').doc(o.body.id).get()).get('status')).toBe('failed');
  });

  it('gives events a valid sequence even for an order stored without a version (imported data)', async () => {
    const created = await call('POST', '/api/orders', { as: 'office', body: orderBody() });
    const { version: _v, ...unversioned } = created.body;
    await stack.container.db.collection('orders').doc(created.body.id).set(unversioned);
    const confirmed = await call('POST', `/api/orders/${created.body.id}/confirm`, { as: 'office' });
    expect(confirmed.body.version).toBe(1);
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', `orders/${created.body.id}`).get();
    expect(events.docs.map((d) => d.data().event.sequence).sort()).toEqual([1000, 1000]);
  });

  it('lets a customer cancel their own pending order but not a confirmed one', async () => {
    const o = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined }) });
    await call('POST', `/api/orders/${o.body.id}/confirm`, { as: 'office' });
    // Often the office confirmed it just before the customer's tap: the status is named, not a permission they lack.
    const refused = await call('POST', `/api/orders/${o.body.id}/cancel`, { as: 'customerA', lang: 'zh-TW', body: { reason: '不要了' } });
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([
      409,
      'ORDER.NOT_PENDING',
      '這張訂單目前是「已確認」，已無法在線上修改或取消；如需變更，請致電門市',
    ]);
    const changed = await call('PATCH', `/api/orders/${o.body.id}`, { as: 'customerA', body: { items: [{ size: 20, quantity: 3 }] } });
    expect([changed.status, changed.body.error.code]).toEqual([409, 'ORDER.NOT_PENDING']);
    const p = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined }) });
    expect((await call('POST', `/api/orders/${p.body.id}/cancel`, { as: 'customerA', body: { reason: '不要了' } })).status).toBe(200);
  });

  it('re-prices on PATCH and refuses fields the status freezes', async () => {
    const o = await call('POST', '/api/orders', { as: 'office', body: orderBody() });
    const patched = await call('PATCH', `/api/orders/${o.body.id}`, { as: 'office', body: { items: [{ size: 50, quantity: 1 }] } });
    expect(patched.body).toMatchObject({ total: 1950, version: 2 });
    const cancelled = await call('POST', `/api/orders/${o.body.id}/cancel`, { as: 'office', body: { reason: 'x' } });
    expect(cancelled.status).toBe(200);
    const frozen = await call('PATCH', `/api/orders/${o.body.id}`, { as: 'office', body: { notes: 'late' } });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe('ORDER.FIELD_NOT_EDITABLE');
  });

  it('refuses in zh-TW a change made on what another clerk changed since, keeping theirs; a retry of a change that went through is answered unwritten', async () => {
    const o = await call('POST', '/api/orders', { as: 'office', body: orderBody() });
    const seen = o.body.version;
    const first = await call('PATCH', `/api/orders/${o.body.id}`, { as: 'office', body: { items: [{ size: 20, quantity: 5 }], version: seen } });
    expect([first.status, first.body.version]).toEqual([200, seen + 1]);
    const second = await call('PATCH', `/api/orders/${o.body.id}`, { as: 'admin', lang: 'zh-TW', body: { items: [{ size: 20, quantity: 3 }], version: seen } });
    expect([second.status, second.body.error]).toEqual([
      409,
      { code: 'ORDER.CHANGED', message: '這張訂單在您開啟後已有人修改（目前是「待確認」），請看過最新內容再儲存', details: { id: o.body.id, version: seen + 1, status: 'pending' } },
    ]);
    const retried = await call('PATCH', `/api/orders/${o.body.id}`, { as: 'office', body: { items: [{ size: 20, quantity: 5 }], version: seen } });
    expect([retried.status, retried.body.version, retried.body.total]).toEqual([200, seen + 1, 4100]);
    const stored = (await stack.container.db.collection('orders').doc(o.body.id).get()).data();
    expect([stored?.['version'], stored?.['items']]).toEqual([seen + 1, [{ size: 20, quantity: 5, unitPrice: 820, subtotal: 4100 }]]);
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', `orders/${o.body.id}`).get();
    const bySequence = events.docs.map((d) => d.data().event).sort((a, b) => a.sequence - b.sequence);
    expect(bySequence.map((e) => [e.type, e.data.fields])).toEqual([
      ['order.created', undefined],
      ['order.updated', ['items']],
    ]);

    await call('POST', `/api/orders/${o.body.id}/cancel`, { as: 'admin', body: { reason: '客戶不要了' } });
    const late = await call('PATCH', `/api/orders/${o.body.id}`, { as: 'office', lang: 'zh-TW', body: { requestedDate: addDays(tomorrow, 1), version: seen + 1 } });
    expect([late.status, late.body.error.message]).toEqual([409, '這張訂單目前是「已取消」，已不能修改這些項目']);
  });

  it('pages through a filtered list with a cursor', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof call>> = await call(
        'GET',
        `/api/orders?date=${tomorrow}&customerId=cust-a&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { as: 'office' },
      );
      expect(res.status).toBe(200);
      for (const o of res.body.items as Json[]) {
        expect(seen.has(o.id)).toBe(false);
        seen.add(o.id);
      }
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const all = await stack.container.db.collection('orders').where('customerId', '==', 'cust-a').where('requestedDate', '==', tomorrow).get();
    expect(seen.size).toBe(all.size);
    expect(pages).toBeGreaterThan(1);
  });

  it('never answers 5xx and never writes for any malformed order body (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            customerId: fc.oneof(fc.constant('cust-a'), fc.constant('nope'), fc.string()),
            items: fc.oneof(fc.array(fc.record({ size: fc.integer(), quantity: fc.integer() })), fc.anything()),
            requestedDate: fc.oneof(fc.constant('2020-01-01'), fc.string(), fc.constant('2026-02-30')),
          }),
        ),
        async (body) => {
          const before = await count('orders');
          const res = await call('POST', '/api/orders', { as: 'office', body });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(await count('orders')).toBe(before);
        },
      ),
      { numRuns: 40, seed: 20261128 },
    );
  });
});

describe('the same-day cut-off on the emulators', () => {
  const today = taipeiDate(new Date());
  const md = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
  // A cut-off at midnight has always passed, whatever time the suite runs.
  const depot = { id: 'depot-cutoff', name: '幸福氣 中和站', address: '新北市中和區中山路二段168號', location: { lat: 24.9978, lng: 121.4935 }, sameDayCutoff: '00:00', phone: '(02)2248-1234' };
  const depots = () => stack.container.db.collection('depots');
  beforeAll(() => depots().doc(depot.id).set(depot));
  afterAll(() => depots().doc(depot.id).delete());

  it('refuses a customer ordering for today after the cut-off with 422, the cut-off and the earliest day, but takes the office’s order and tomorrow’s', async () => {
    const before = await count('orders');
    const portal = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined, requestedDate: today }) });
    expect(portal.status).toBe(422);
    const message = `今日訂單已於 00:00 截止，最快可選 ${md(tomorrow)} 送達；急需請來電`;
    expect(portal.body.error).toMatchObject({
      code: 'ORDER.SAME_DAY_CLOSED',
      message,
      fields: [{ path: 'body.requestedDate', message }],
      details: { cutoff: '00:00', earliestDate: tomorrow },
    });
    const en = await call('POST', '/api/orders', { as: 'customerA', lang: 'en', body: orderBody({ customerId: undefined, requestedDate: today }) });
    expect(en.body.error.message).toBe(`Orders for today close at 00:00; the earliest day you can choose is ${md(tomorrow)}. If it's urgent, please call us`);
    expect(await count('orders')).toBe(before);
    expect((await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined }) })).status).toBe(201);
    for (const who of ['office', 'admin'] as const) {
      const res = await call('POST', '/api/orders', { as: who, body: orderBody({ requestedDate: today }) });
      expect([res.status, res.body.requestedDate]).toEqual([201, today]);
    }
  });

  it('refuses a customer moving their order to today after the cut-off, leaving it as it was, and lets the office move it', async () => {
    const own = await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined }) });
    const moved = await call('PATCH', `/api/orders/${own.body.id}`, { as: 'customerA', body: { requestedDate: today } });
    expect(moved.status).toBe(422);
    expect(moved.body.error.code).toBe('ORDER.SAME_DAY_CLOSED');
    expect((await stack.container.db.collection('orders').doc(own.body.id).get()).data()).toMatchObject({ requestedDate: tomorrow, version: 1 });
    const byOffice = await call('PATCH', `/api/orders/${own.body.id}`, { as: 'office', body: { requestedDate: today } });
    expect([byOffice.status, byOffice.body.requestedDate]).toEqual([200, today]);
    // Now for today: its cylinders are as fixed for the customer as its day, the office still changes them.
    const more = await call('PATCH', `/api/orders/${own.body.id}`, { as: 'customerA', body: { items: [{ size: 20, quantity: 5 }] } });
    expect([more.status, more.body.error?.code, more.body.error?.fields?.[0]?.path]).toEqual([422, 'ORDER.SAME_DAY_CLOSED', 'body.items']);
    expect((await stack.container.db.collection('orders').doc(own.body.id).get()).get('items')).toEqual(byOffice.body.items);
    const byOfficeItems = await call('PATCH', `/api/orders/${own.body.id}`, { as: 'office', body: { items: [{ size: 20, quantity: 5 }] } });
    expect([byOfficeItems.status, byOfficeItems.body.items[0].quantity]).toEqual([200, 5]);
  });

  it('places the orders the system makes (recurring, suggested) for today after the cut-off', async () => {
    for (const [source, uid] of [['recurring', 'system:scheduler'], ['forecast', 'system:forecast']] as const) {
      const { order } = await placeOrder(stack.container, {
        id: `ord-system-${source}`,
        customerId: 'cust-a',
        input: createOrderInputSchema.parse(orderBody({ requestedDate: today })),
        by: { uid, role: 'system' },
        source,
      });
      expect(order).toMatchObject({ requestedDate: today, source });
    }
  });

  it('tells the portal and the office the cut-off, whether it has passed and the phone to call, for the customer’s depot', async () => {
    expect((await call('GET', '/api/orders/same-day', { as: 'customerA' })).body).toEqual({ cutoff: '00:00', closed: true, phone: '(02)2248-1234' });
    expect((await call('GET', '/api/orders/same-day?customerId=cust-a', { as: 'office' })).body).toEqual({ cutoff: '00:00', closed: true, phone: '(02)2248-1234' });
    expect((await call('GET', '/api/orders/same-day?customerId=cust-b', { as: 'customerA' })).status).toBe(403);
    expect((await call('GET', '/api/orders/same-day', { as: 'office' })).body.error.code).toBe('ORDER.CUSTOMER_REQUIRED');
    expect((await call('GET', '/api/orders/same-day', { as: 'driver1' })).status).toBe(403);
    await depots().doc(depot.id).update({ sameDayCutoff: FieldValue.delete(), phone: FieldValue.delete() });
    try {
      expect((await call('GET', '/api/orders/same-day', { as: 'customerA' })).body).toEqual({ cutoff: null, closed: false, phone: null });
      expect((await call('POST', '/api/orders', { as: 'customerA', body: orderBody({ customerId: undefined, requestedDate: today }) })).status).toBe(201);
    } finally {
      await depots().doc(depot.id).set(depot);
    }
  });
});
