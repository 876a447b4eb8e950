import { Timestamp } from '@google-cloud/firestore';
import { aCustomer, anIssuedInvoice, anOrder } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const mine = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館', phones: ['0960-327-259'], notes: '狗會叫，請按電鈴' }).build();
const theirs = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃' }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customer-personal-data', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [mine, theirs]) await db.collection('customers').doc(c.id).set(c);
  for (const o of [anOrder().withId('ord-a1').forCustomer(mine).build(), anOrder().withId('ord-b1').forCustomer(theirs).build()]) await db.collection('orders').doc(o.id).set(o);
  await db.collection('invoices').doc('inv-a1').set(anIssuedInvoice('inv-a1', mine, 'AB12345678'));
  await db.collection('payments').doc('pay-a1').set({ id: 'pay-a1', customerId: 'cust-a', amount: 1700, method: 'cash', receivedOn: '2026-11-20', status: 'received' });
  await db.collection('customers').doc('cust-a').collection('deposits').doc('dep-a1').set({ id: 'dep-a1', customerId: 'cust-a', amount: 1200 });
  await db.collection('notifications').doc('n-a1').set({ id: 'n-a1', customerId: 'cust-a', body: '您的訂單已送達', createdAt: '2026-11-20T03:00:00.000Z' });
  await db.collection('notificationDispatch').doc('d-a1').set({ customerId: 'cust-a', channel: 'sms', to: '0960-327-259', text: '林記麵館您好，瓦斯明天送達', status: 'sent' });
  await db.collection('serviceCalls').doc('sc-a1').set({ id: 'sc-a1', customerId: 'cust-a', kind: 'gas_smell', description: '廚房有瓦斯味', status: 'open' });
  await db.collection('notifications').doc('n-b1').set({ id: 'n-b1', customerId: 'cust-b', body: '王家的訊息', createdAt: '2026-11-20T03:00:00.000Z' });
  await db.collection('predictions').doc('cust-a').set({ customerId: 'cust-a', nextOrderDate: '2026-12-10', expiresAt: Timestamp.fromDate(new Date('2027-01-01T00:00:00Z')) });
  await db.collection('users').doc(PRINCIPALS.customerA.uid).set({
    uid: PRINCIPALS.customerA.uid, username: 'c00001', displayName: '林記麵館', role: 'customer', customerId: 'cust-a',
    passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', disabled: false, sessionsValidFrom: '2026-01-01T00:00:00.000Z', sessionsValidFromSeconds: 1767225600,
  });
});
afterAll(() => stack.close());

const copyOf = (id: string, as: 'admin' | 'office' | 'driver1' | 'customerA' | 'customerB' | 'turnkey') => call('GET', `/api/customers/${id}/personal-data`, { as });

describe("a copy of a customer's personal data (個資法 §3)", () => {
  it('holds every record naming the customer and nobody else’s, as a file named by the customer code', async () => {
    const res = await copyOf('cust-a', 'office');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="personal-data-C00001-\d{4}-\d{2}-\d{2}\.json"$/);
    const copy = res.body;
    expect(copy.customer).toMatchObject({ id: 'cust-a', name: '林記麵館', phones: ['0960-327-259'], notes: '狗會叫，請按電鈴' });
    expect((copy.records.orders as Json[]).map((o) => o.id)).toEqual(['ord-a1']);
    expect((copy.records.inboxMessages as Json[]).map((m) => m.body)).toEqual(['您的訂單已送達']);
    // What was texted to them, to which number, and the gas smell they reported.
    expect(copy.records.sentMessages).toEqual([{ id: 'd-a1', customerId: 'cust-a', channel: 'sms', to: '0960-327-259', text: '林記麵館您好，瓦斯明天送達', status: 'sent' }]);
    expect((copy.records.serviceCalls as Json[]).map((c) => c.description)).toEqual(['廚房有瓦斯味']);
    expect(copy.counts).toMatchObject({ orders: 1, invoices: 1, payments: 1, deposits: 1, inboxMessages: 1, predictions: 1, refunds: 0, complaints: 0 });
    expect(copy.records.predictions[0]).toMatchObject({ nextOrderDate: '2026-12-10', expiresAt: '2027-01-01T00:00:00.000Z' });
    expect(copy.portalAccounts).toEqual([{ username: 'c00001', displayName: '林記麵館', disabled: false }]);
  });

  it('leaves out the system’s own: password hashes, session stamps and the search index', async () => {
    const text = JSON.stringify((await copyOf('cust-a', 'admin')).body);
    for (const internal of ['passwordHash', 'scrypt$', 'sessionsValidFrom', 'searchTokens']) expect(text).not.toContain(internal);
  });

  it('is the customer’s own to take from the portal; another customer’s is not found, and drivers and the Turnkey machine are refused', async () => {
    expect((await copyOf('cust-a', 'customerA')).body.customer.id).toBe('cust-a');
    expect((await copyOf('cust-a', 'customerB')).status).toBe(404);
    expect((await copyOf('cust-a', 'driver1')).status).toBe(403);
    expect((await copyOf('cust-a', 'turnkey')).status).toBe(403);
    expect((await copyOf('cust-zzz', 'office')).status).toBe(404);
  });

  it('is recorded in the audit log: who took a copy of whose data, and when', async () => {
    await copyOf('cust-b', 'office');
    const entries = (await stack.container.db.collection('auditLog').where('entityIds', 'array-contains', 'cust-b').get()).docs.map((d) => d.data());
    expect(entries).toEqual([expect.objectContaining({ function: 'customers', method: 'GET', route: '/:id/personal-data', actor: { uid: 'u-office', role: 'office' } })]);
  });
});
