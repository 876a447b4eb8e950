import { taipeiInstant } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { aCustomer, anOrder } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

/**
 * 停用客戶待結清: deactivated customers who still hold cylinders, a deposit or a balance are listed with what is open; one
 * with nothing open and the active ones are not. The cylinder stock counts the deactivated customers' cylinders apart. A
 * balance comes from the customer's receivables line once that was worked out after the deactivation.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const now = new Date();
const gone = (id: string, code: string, name: string, deactivatedAt: string, with_: Partial<Customer> = {}): Customer => ({
  ...aCustomer().withId(id).withCode(code).with({ name, ...with_ }).build(),
  status: 'inactive',
  deactivatedAt,
});
// Two 20 kg and one 50 kg at the noodle shop, NT$2,400 of deposit for the 20 kg ones; nothing owed.
const holder = gone('cust-h', 'C00901', '林記麵館', '2026-11-20T02:00:00.000Z', {
  cylindersOnSite: [
    { size: 20, count: 2, depositPaid: 2400 },
    { size: 50, count: 1, depositPaid: 0 },
    { size: 16, count: 0, depositPaid: 0 },
  ],
});
// Cylinders back, deposit refunded, but a delivered order never paid: owes its total.
const debtor = gone('cust-d', 'C00902', '王家小吃', '2026-11-25T02:00:00.000Z');
// Paid NT$500 more than was ever delivered: a credit to pay back.
const creditor = gone('cust-c', 'C00903', '陳記便當', '2026-11-10T02:00:00.000Z');
const settled = gone('cust-s', 'C00904', '已結清商行', '2026-11-28T02:00:00.000Z');
const active = aCustomer().withId('cust-a').withCode('C00905').with({ cylindersOnSite: [{ size: 20, count: 5, depositPaid: 0 }] }).build();

const unpaid = (() => {
  const o = anOrder().withId('ord-unpaid').forCustomer({ ...debtor, status: 'active' }).with({ items: [{ size: 20, quantity: 1 }], paymentMethod: 'cash' }).inStatus('delivered').build();
  // Delivered while they were a customer, earlier today (Taipei), so the balance read this month counts it whatever the hour.
  const at = taipeiInstant(taipeiDate(now), '00:01');
  return { ...o, delivery: { at, delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 0 } };
})();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'left-open', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [holder, debtor, settled, active]) await db.collection('customers').doc(c.id).set(c);
  await db.collection('customers').doc(creditor.id).set({ ...creditor, status: 'active' });
  const paid = await call('POST', `/api/customers/${creditor.id}/payments`, { as: 'office', key: 'left-open-pay', body: { amount: 500, method: 'transfer', receivedOn: taipeiDate(now) } });
  expect(paid.status).toBe(201);
  await db.collection('customers').doc(creditor.id).set(creditor);
  await db.collection('orders').doc(unpaid.id).set({ ...unpaid, version: 1 });
});
afterAll(() => stack.close());

describe('deactivated customers with something still open', () => {
  it('lists each deactivated customer with cylinders on site, a deposit held, money owed or a credit, most recently deactivated first, and leaves out those with nothing open and the active ones', async () => {
    const res = await call('GET', '/api/customers/left-open', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { customerId: debtor.id, customerCode: 'C00902', customerName: '王家小吃', deactivatedAt: debtor.deactivatedAt, cylinders: [], deposit: 0, balance: unpaid.total },
      { customerId: holder.id, customerCode: 'C00901', customerName: '林記麵館', deactivatedAt: holder.deactivatedAt, cylinders: [{ size: 20, count: 2 }, { size: 50, count: 1 }], deposit: 2400, balance: 0 },
      { customerId: creditor.id, customerCode: 'C00903', customerName: '陳記便當', deactivatedAt: creditor.deactivatedAt, cylinders: [], deposit: 0, balance: -500 },
    ]);
    expect(unpaid.total).toBeGreaterThan(0);
    // The same figures as each customer's own balance.
    for (const row of res.body.items as Json[]) expect((await call('GET', `/api/customers/${row.customerId}/balance`, { as: 'admin' })).body.balance).toBe(row.balance);
  });

  it.each(['driver1', 'customerA'] as const)('refuses %s: only the office and admins see who left owing what', async (who) => {
    const res = await call('GET', '/api/customers/left-open', { as: who });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('counts the deactivated customers’ cylinders in the stock apart from the active customers’ (已停用客戶處), so they do not drop out of the company’s count', async () => {
    const res = await call('GET', '/api/cylinder-stock', { as: 'office' });
    expect(res.status).toBe(200);
    const counts = (rows: Json[]) => Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.size, r.count]));
    expect(counts(res.body.atCustomers)).toEqual({ 20: 5 });
    expect(counts(res.body.atInactiveCustomers)).toEqual({ 20: 2, 50: 1 });
    expect(res.body.atInactiveCustomers.find((r: Json) => r.size === 50).withoutDeposit).toBe(1);
  });

  it('takes a balance from the customer’s receivables line when it was worked out after the deactivation, and works out the others', async () => {
    const db = stack.container.db;
    const line = (customer: Customer, balance: number, computedAt: string) =>
      db.collection('receivables').doc(customer.id).set({ customerId: customer.id, customerCode: customer.code, customerName: customer.name, paymentTerms: 'monthly', balance, asOf: computedAt.slice(0, 10), computedAt });
    // No orders or payments: only the line can say they owe, and only the fresh line is to be believed.
    const fresh = gone('cust-lf', 'C00906', '周記豆花', '2026-11-26T02:00:00.000Z');
    const stale = gone('cust-ls', 'C00907', '吳家米粉', '2026-11-26T02:00:00.000Z');
    await Promise.all([...[fresh, stale].map((c) => db.collection('customers').doc(c.id).set(c)), line(fresh, 777, '2026-11-27T19:30:00.000Z'), line(stale, 999, '2026-11-25T19:30:00.000Z')]);
    const items = (await call('GET', '/api/customers/left-open', { as: 'office' })).body.items as Json[];
    expect(items.find((r) => r.customerId === fresh.id)).toMatchObject({ balance: 777 });
    expect(items.find((r) => r.customerId === stale.id)).toBeUndefined();
  });
});
