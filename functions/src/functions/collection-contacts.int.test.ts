import { previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Order } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

/**
 * 催款聯絡紀錄 on the emulators (audit 20 F9): the accountant phones an overdue customer and records what was said and the
 * day promised; the ledger shows the latest contact and flags a promised day passed without a payment; office and admin
 * only, audited, once per Idempotency-Key.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const now = new Date();
const today = taipeiDate(now);
const lastMonth = previousMonth(taipeiMonth(now));
const owing = aCustomer().withId('cust-o').withCode('C00161').with({ name: '林記麵館', paymentTerms: 'monthly' }).build();
const promised = aCustomer().withId('cust-p').withCode('C00162').with({ name: '王家小吃', paymentTerms: 'monthly' }).build();
// A branch (分店) 王家小吃 pays for: chased, and its contacts recorded, on 王家小吃's line.
const branch = { ...aCustomer().withId('cust-pb').withCode('C00163').with({ name: '王家小吃 板橋店', paymentTerms: 'monthly' }).build(), payerId: promised.id, payerSince: now.toISOString() };

function delivered(id: string, customer: typeof owing): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity: 3 }], paymentMethod: 'monthly' }).inStatus('delivered').build();
  return { ...order, delivery: { at: `${lastMonth}-10T04:00:00.000Z`, delivered: [{ size: 20, quantity: 3 }], emptiesCollected: [], cashCollected: 0 } };
}

beforeAll(async () => {
  stack = await startTestStack({ suite: 'collection-contacts', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [owing, promised, branch]) await db.collection('customers').doc(c.id).set(c);
  for (const o of [delivered('ord-o', owing), delivered('ord-p', promised)]) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  // A call ten days ago whose promised day went by three days ago: recorded then, so seeded as it was stored.
  await db.collection('collectionContacts').doc('coc-old').set({
    id: 'coc-old',
    customerId: promised.id,
    method: 'phone',
    note: '老闆說週五匯款',
    promisedOn: addDays(today, -3),
    at: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
    by: { uid: 'u-office', role: 'office' },
  });
  expect((await call('POST', '/api/jobs/receivables', { as: 'admin', body: {} })).status).toBe(200);
});
afterAll(() => stack.close());

const lineOf = async (customerId: string) => ((await call('GET', '/api/receivables', { as: 'office' })).body.items as Json[]).find((r) => r.customerId === customerId);
const record = (customerId: string, body: Json, key: string, as: 'office' | 'admin' | 'driver1' | 'customerA' = 'office') =>
  call('POST', `/api/receivables/${customerId}/contacts`, { as, body, key });

describe('催款 contacts (催款聯絡紀錄) on the emulators', () => {
  it('records the call and the day promised once per Idempotency-Key, audited, and the ledger shows it as the latest contact', async () => {
    const body = { method: 'phone', note: '老闆娘說月底週轉，會匯款', promisedOn: addDays(today, 9) };
    const first = await record(owing.id, body, 'contact-o-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: owing.id, ...body, by: { uid: 'u-office', role: 'office' } });
    expect((await record(owing.id, body, 'contact-o-1')).body).toEqual(first.body);
    expect((await stack.container.db.collection('collectionContacts').where('customerId', '==', owing.id).get()).size).toBe(1);

    expect((await lineOf(owing.id))?.lastContact).toEqual({ ...first.body, promiseBroken: false });
    const audit = await stack.container.db.collection('auditLog').where('function', '==', 'receivables').where('route', '==', '/:customerId/contacts').get();
    expect(audit.docs.map((d) => d.get('entityIds'))).toEqual([expect.arrayContaining([owing.id])]);

    const history = await call('GET', `/api/receivables/${owing.id}/contacts`, { as: 'admin' });
    expect(history.body.items).toEqual([expect.objectContaining({ id: first.body.id, note: body.note })]);
  });

  it('lists a customer’s contacts for the drawer’s history, newest first, by name, each saying whether its promise was broken', async () => {
    await stack.container.db.collection('users').doc('u-office').set({ uid: 'u-office', username: 'office', displayName: '陳會計', role: 'office', disabled: false });
    // An earlier visit of the same customer, with no promise: listed after the call, never broken.
    await stack.container.db.collection('collectionContacts').doc('coc-older').set({
      id: 'coc-older',
      customerId: promised.id,
      method: 'visit',
      note: '店裡沒人',
      at: new Date(now.getTime() - 20 * 86_400_000).toISOString(),
      by: { uid: 'u-office', role: 'office' },
    });
    const read = await call('GET', `/api/receivables/${promised.id}/contacts`, { as: 'office' });
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([
      expect.objectContaining({ id: 'coc-old', method: 'phone', note: '老闆說週五匯款', promisedOn: addDays(today, -3), byName: '陳會計', promiseBroken: true }),
      expect.objectContaining({ id: 'coc-older', method: 'visit', note: '店裡沒人', byName: '陳會計', promiseBroken: false }),
    ]);
  });

  it('gives a branch’s drawer its head office’s contacts, named as the head office’s, judged against the head office’s line', async () => {
    const own = await call('GET', `/api/receivables/${promised.id}/contacts`, { as: 'office' });
    expect(own.body).toEqual({ items: expect.arrayContaining([expect.objectContaining({ id: 'coc-old', promiseBroken: true })]) });
    const read = await call('GET', `/api/receivables/${branch.id}/contacts`, { as: 'admin' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ items: [], headOffice: { id: promised.id, code: 'C00162', name: '王家小吃', items: own.body.items } });
  });

  it('flags a promised day gone by without a payment, and stops flagging it once a payment arrives', async () => {
    expect((await lineOf(promised.id))?.lastContact).toMatchObject({ id: 'coc-old', promiseBroken: true });
    const paid = await call('POST', `/api/customers/${promised.id}/payments`, { as: 'office', body: { amount: 500, method: 'transfer', receivedOn: today } });
    expect(paid.status).toBe(201);
    expect((await lineOf(promised.id))?.lastContact).toMatchObject({ id: 'coc-old', promiseBroken: false });
    const read = await call('GET', `/api/receivables/${promised.id}/contacts`, { as: 'admin' });
    expect(read.body.items.map((c: Json) => [c.id, c.promiseBroken])).toEqual([['coc-old', false], ['coc-older', false]]);
  });

  it('refuses a contact on a branch whose head office pays for it, naming the head office in the caller’s language, and records nothing', async () => {
    const zh = await record(branch.id, { method: 'phone', note: '店長說總公司會匯' }, 'contact-branch');
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'COLLECTION_CONTACT.AT_PAYER', message: '此分店的帳款由總公司 C00162 王家小吃 支付，請在總公司的帳款記錄催款聯絡' });
    const en = await call('POST', `/api/receivables/${branch.id}/contacts`, { as: 'office', body: { method: 'visit', note: '店長不在' }, key: 'contact-branch-en', lang: 'en' });
    expect(en.status).toBe(422);
    expect(en.body.error.message).toBe("This branch's account is paid by its head office C00162 王家小吃; record the call or visit on the head office's account");
    expect((await stack.container.db.collection('collectionContacts').where('customerId', '==', branch.id).get()).size).toBe(0);
  });

  it('refuses a promise for a day already gone and a contact with nothing said, in the caller’s language', async () => {
    const past = await record(owing.id, { method: 'phone', note: '說已匯', promisedOn: addDays(today, -1) }, 'contact-past');
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'COLLECTION_CONTACT.PROMISE_PAST', message: '承諾付款日不能早於今天' });
    const empty = await call('POST', `/api/receivables/${owing.id}/contacts`, { as: 'office', body: { method: 'visit', note: '  ' }, key: 'contact-empty', lang: 'en' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([expect.objectContaining({ path: 'body.note', message: 'Write down what was said' })]);
    expect((await record('cust-none', { method: 'phone', note: '空號' }, 'contact-none')).status).toBe(404);
  });

  it('lets office and admin record and read contacts, and refuses drivers and customers', async () => {
    expect((await record(owing.id, { method: 'visit', note: '店裡沒人' }, 'contact-admin', 'admin')).status).toBe(201);
    for (const who of ['driver1', 'customerA'] as const) {
      expect((await record(owing.id, { method: 'phone', note: '試試' }, `contact-${who}`, who)).status).toBe(403);
      expect((await call('GET', `/api/receivables/${owing.id}/contacts`, { as: who })).status).toBe(403);
    }
    // The customer’s own account may read their record (GET /api/customers/:id), never what the office noted about their debt.
    const own = await call('GET', `/api/receivables/${owing.id}/contacts`, { as: { uid: 'u-cust-o', role: 'customer', customerId: owing.id } });
    expect(own.status).toBe(403);
    const branchOwn = await call('GET', `/api/receivables/${branch.id}/contacts`, { as: { uid: 'u-cust-pb', role: 'customer', customerId: branch.id } });
    expect(branchOwn.status).toBe(403);
    for (const who of ['driver1', 'customerA'] as const) expect((await call('GET', `/api/receivables/${branch.id}/contacts`, { as: who })).status).toBe(403);
    expect((await call('GET', `/api/receivables/${owing.id}/contacts`, { as: 'turnkey' })).status).toBe(403);
  });
});
