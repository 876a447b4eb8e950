import { dueDateOf, monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Order } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const today = taipeiDate(new Date());
const lastMonth = previousMonth(taipeiMonth(new Date()));
const earlier = previousMonth(lastMonth);
const longAgo = previousMonth(earlier);
const day = (month: string, n: number): string => addDays(`${month}-01`, n - 1);
const noonOf = (date: string): string => `${date}T04:00:00.000Z`;

const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館', paymentTerms: 'monthly' }).build();
const customerB = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃', paymentTerms: 'transfer' }).build();

function delivered(id: string, customerId: string, date: string, quantity: number, cashCollected: number): Order {
  const customer = customerId === customerA.id ? customerA : customerB;
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }] }).inStatus('delivered').build();
  return { ...order, delivery: { at: noonOf(date), delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected } };
}

const seeded: Order[] = [
  delivered('ord-long-ago', 'cust-a', day(longAgo, 10), 3, 0),
  delivered('ord-earlier', 'cust-a', day(earlier, 5), 2, 200),
  delivered('ord-last', 'cust-a', day(lastMonth, 20), 4, 0),
  delivered('ord-b', 'cust-b', day(earlier, 5), 1, 0),
];
const total = (id: string): number => (seeded.find((o) => o.id === id) as Order).total;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'payments', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customerA, customerB]) await db.collection('customers').doc(c.id).set(c);
  for (const o of seeded) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
});
afterAll(() => stack.close());

const pay = (body: Json, opts: { key?: string; as?: 'office' | 'admin'; lang?: string; customer?: string } = {}) =>
  call('POST', `/api/customers/${opts.customer ?? 'cust-a'}/payments`, { as: opts.as ?? 'office', body, ...(opts.key ? { key: opts.key } : {}), ...(opts.lang ? { lang: opts.lang } : {}) });

describe('customer payments on the emulators', () => {
  it('records a payment once per Idempotency-Key and answers a replay with the same payment', async () => {
    const body = { amount: 1500, method: 'transfer', receivedOn: day(earlier, 28), reference: '54321', note: '前期貨款' };
    const first = await pay(body, { key: 'pay-replay-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...body, customerId: 'cust-a', status: 'received', by: { uid: 'u-office', role: 'office' } });
    const replay = await pay(body, { key: 'pay-replay-1' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const listed = await call('GET', '/api/customers/cust-a/payments', { as: 'office' });
    expect(listed.body.items.map((p: Json) => p.id)).toEqual([first.body.id]);
  });

  it('refuses a future day with 422, a zero amount with 400 and an unknown customer with 404, in the caller’s language', async () => {
    const future = await pay({ amount: 100, method: 'cash', receivedOn: addDays(today, 1) }, { key: 'pay-future' });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'PAYMENT.FUTURE_DATE', message: '收款日期不可晚於今天' });
    const zero = await pay({ amount: 0, method: 'cash', receivedOn: today }, { key: 'pay-zero', lang: 'en' });
    expect(zero.status).toBe(400);
    expect(zero.body.error.fields).toEqual([{ path: 'body.amount', message: 'The amount must be more than NT$0' }]);
    const unknown = await pay({ amount: 100, method: 'cash', receivedOn: today }, { key: 'pay-nobody', customer: 'cust-nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    const stored = await stack.container.db.collection('payments').where('amount', 'in', [0, 100]).get();
    expect(stored.size).toBe(0);
  });

  it('voids a payment with its reason, keeps it, and answers a second void the same', async () => {
    const recorded = await pay({ amount: 9999, method: 'cheque', receivedOn: day(lastMonth, 3) }, { key: 'pay-wrong' });
    const path = `/api/customers/cust-a/payments/${recorded.body.id}/void`;
    const voided = await call('POST', path, { as: 'admin', body: { reason: '金額登記錯誤' } });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ id: recorded.body.id, amount: 9999, status: 'voided', voidReason: '金額登記錯誤', voidedBy: { uid: 'u-admin', role: 'admin' } });
    const again = await call('POST', path, { as: 'office', body: { reason: '再按一次' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(voided.body);
    expect((await stack.container.db.collection('payments').doc(recorded.body.id).get()).data()).toEqual(voided.body);
    const elsewhere = await call('POST', `/api/customers/cust-b/payments/${recorded.body.id}/void`, { as: 'office', body: { reason: 'x' } });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('PAYMENT.NOT_FOUND');
  });

  it('lets a customer read their own payments, not another’s, and refuses drivers', async () => {
    const own = await call('GET', `/api/customers/cust-a/payments?from=${day(earlier, 1)}&to=${monthBounds(earlier).lastDay}`, { as: 'customerA' });
    expect(own.status).toBe(200);
    expect(own.body.items.map((p: Json) => p.amount)).toEqual([1500]);
    const other = await call('GET', '/api/customers/cust-b/payments', { as: 'customerA' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    const driver = await call('GET', '/api/customers/cust-a/payments', { as: 'driver1' });
    expect(driver.status).toBe(403);
    const write = await call('POST', '/api/customers/cust-a/payments', { as: 'customerA', body: { amount: 1, method: 'cash', receivedOn: today } });
    expect(write.status).toBe(403);
  });

  it('carries the balance from one month’s statement to the next, with a payment in between', async () => {
    const between = await pay({ amount: 2000, method: 'cash', receivedOn: day(lastMonth, 2) }, { key: 'pay-between' });
    expect(between.status).toBe(201);
    const first = (await call('GET', `/api/statements/cust-a?month=${earlier}`, { as: 'office' })).body;
    const second = (await call('GET', `/api/statements/cust-a?month=${lastMonth}`, { as: 'customerA' })).body;
    expect(first.totals).toMatchObject({
      openingBalance: total('ord-long-ago'),
      charges: total('ord-earlier'),
      cashCollected: 200,
      amountDue: total('ord-earlier') - 200,
      payments: 1500,
      closingBalance: total('ord-long-ago') + total('ord-earlier') - 200 - 1500,
    });
    expect(first.payments).toEqual([expect.objectContaining({ amount: 1500, method: 'transfer', receivedOn: day(earlier, 28), reference: '54321' })]);
    // The voided 9 999 of the same month counts nowhere.
    expect(second.payments.map((p: Json) => p.amount)).toEqual([2000]);
    expect(second.totals.openingBalance).toBe(first.totals.closingBalance);
    expect(second.totals.closingBalance).toBe(first.totals.closingBalance + total('ord-last') - 2000);
    const balance = await call('GET', '/api/customers/cust-a/balance', { as: 'customerA' });
    // Last month's deliveries fall due on the 15th of this one; everything older is past due.
    const notDue = taipeiDate(new Date()) <= dueDateOf(lastMonth) ? total('ord-last') : 0;
    expect(balance.body).toMatchObject({ balance: second.totals.closingBalance, overdue: second.totals.closingBalance - notDue, lastPaymentOn: day(lastMonth, 2) });
    expect(balance.body.owedMonths.reduce((sum: number, m: Json) => sum + m.owed, 0)).toBe(second.totals.closingBalance);
    expect((await call('GET', '/api/customers/cust-b/balance', { as: 'office' })).body).toEqual({
      balance: total('ord-b'),
      overdue: total('ord-b'),
      oldestUnpaidMonth: earlier,
      owedMonths: [{ month: earlier, owed: total('ord-b') }],
    });
  });

  it('puts the balances and payments in the CSV', async () => {
    const token = (await stack.container.localIssuer!.issue({ uid: 'u-office', role: 'office' }, 600)).token;
    const res = await fetch(`${stack.url}/api/statements/cust-a/csv?month=${lastMonth}`, { headers: { authorization: `Bearer ${token}` } });
    const rows = (await res.text()).split('\r\n');
    expect(rows).toContain(`${day(lastMonth, 2)},2000,現金,,`);
    expect(rows.some((r) => r.startsWith('期末結餘,'))).toBe(true);
  });
});
