import { NOTIFICATIONS_COLLECTION } from '../adapters/notify/inbox-sender';
import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import { b2cAmounts, periodOfInstant } from '../domain/invoicing';
import type { Order } from '../domain/orders';
import { aCustomer, anIssuedInvoice, anOrder } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';

/**
 * An allowance (折讓) is a credit on the customer's account, the only correction of a delivered order: a monthly
 * customer returns an unused 20 kg cylinder of a month already invoiced and overdue, the office issues the allowance,
 * and the statement, the balance, the receivables line (at once, without the nightly run) and the 催款 job all count
 * it; cancelled (作廢折讓), it counts nowhere again.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const now = new Date();
const today = taipeiDate(now);
const thisMonth = taipeiMonth(now);
const twoMonthsAgo = previousMonth(previousMonth(thisMonth));

const restaurant = aCustomer().withId('cust-alw').withCode('C00301').with({ name: '林記麵館', paymentTerms: 'monthly' }).build();

function delivered(id: string, at: string, quantity: number): Order {
  const order = anOrder().withId(id).forCustomer(restaurant).with({ items: [{ size: 20, quantity }], paymentMethod: 'monthly' }).inStatus('delivered').build();
  return { ...order, delivery: { at, delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: 0 } };
}
// One cylinder two months ago, overdue since the 15th of last month; two this month, not yet due.
const old = delivered('ord-alw-old', `${twoMonthsAgo}-10T04:00:00.000Z`, 1);
const recent = delivered('ord-alw-now', new Date(now.getTime() - 60_000).toISOString(), 2);
const unitPrice = old.items[0]?.unitPrice ?? 0;

// The old month's invoice on account, issued on its last evening (22:30 in Taipei).
const invoiceIssuedAt = `${monthBounds(twoMonthsAgo).lastDay}T14:30:00.000Z`;
const invoice = anIssuedInvoice(`inv-${restaurant.id}-${twoMonthsAgo}`, restaurant, 'AB20000001', {
  lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice, amount: unitPrice }],
  amounts: b2cAmounts(unitPrice),
  issuedAt: invoiceIssuedAt,
  period: periodOfInstant(new Date(invoiceIssuedAt)),
});

beforeAll(async () => {
  stack = await startTestStack({ suite: 'allowance-credits', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc(restaurant.id).set(restaurant);
  await seedPortalAccounts(db, [restaurant.id]);
  for (const o of [old, recent]) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  await db.collection('invoices').doc(invoice.id).set(invoice);
  expect((await call('POST', '/api/jobs/receivables', { as: 'admin', body: { customerIds: [restaurant.id] } })).status).toBe(200);
}, 120_000);
afterAll(() => stack.close());

const statement = async (month: string) => (await call('GET', `/api/statements/${restaurant.id}?month=${month}`, { as: 'office' })).body as Json;
const balance = async () => (await call('GET', `/api/customers/${restaurant.id}/balance`, { as: 'office' })).body as Json;
const ledgerLine = async () => ((await call('GET', '/api/receivables', { as: 'office' })).body.items as Json[]).find((r) => r.customerId === restaurant.id);
const remindersSent = async () => (await stack.container.db.collection(NOTIFICATIONS_COLLECTION).where('customerId', '==', restaurant.id).get()).docs.map((d) => d.get('text') as string);
const runReminders = async () => (await call('POST', '/api/jobs/payment-reminders', { as: 'admin', body: {} })).body as Json;

describe('an allowance (折讓) as a credit on the account', () => {
  let allowanceId: string;

  it('is listed on the statement of the month it was issued and lowers its closing balance; the month it corrects stays as billed', async () => {
    const before = await statement(thisMonth);
    expect(before.totals).toMatchObject({ openingBalance: unitPrice, charges: 2 * unitPrice, allowances: 0, closingBalance: 3 * unitPrice });
    expect(await ledgerLine()).toMatchObject({ balance: 3 * unitPrice, oldestUnpaidMonth: twoMonthsAgo });

    const issued = await call('POST', `/api/invoices/${invoice.id}/allowances`, {
      as: 'office',
      body: { reason: '退回一支未使用的 20 公斤鋼瓶', lines: [{ invoiceLine: 0, quantity: 1 }] },
      key: 'alw-credit-1',
    });
    expect(issued.status).toBe(201);
    allowanceId = issued.body.id;

    const after = await statement(thisMonth);
    expect(after.allowances).toEqual([
      { date: today, issuedAt: issued.body.issuedAt, id: allowanceId, number: issued.body.number, invoiceId: invoice.id, invoiceNumber: 'AB20000001', reason: '退回一支未使用的 20 公斤鋼瓶', amount: unitPrice },
    ]);
    expect(after.totals).toMatchObject({ openingBalance: unitPrice, charges: 2 * unitPrice, amountDue: 2 * unitPrice, allowances: unitPrice, closingBalance: 2 * unitPrice });
    const corrected = await statement(twoMonthsAgo);
    expect(corrected.allowances).toEqual([]);
    expect(corrected.totals).toMatchObject({ charges: unitPrice, allowances: 0, closingBalance: unitPrice });
  });

  it('settles the oldest charges first: the balance, the receivables line (at once) and the 催款 job see nothing past due', async () => {
    // The allowance settled the old month: what is left is this month's two, not yet due.
    expect(await balance()).toEqual({ balance: 2 * unitPrice, overdue: 0, owedMonths: [{ month: thisMonth, owed: 2 * unitPrice }] });
    expect(await ledgerLine()).toMatchObject({
      balance: 2 * unitPrice,
      aging: { notDue: 2 * unitPrice, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 },
      oldestUnpaidMonth: thisMonth,
    });
    expect(await runReminders()).toMatchObject({ reminded: 0, pending: 0, errors: [] });
    expect(await remindersSent()).toEqual([]);
  });

  it('counts nowhere once cancelled (作廢折讓): the statement, the balance, the line and the reminders are back', async () => {
    const cancelled = await call('POST', `/api/invoices/${invoice.id}/allowances/${allowanceId}/cancel`, { as: 'office', body: { reason: '客戶取回鋼瓶' }, key: 'alw-credit-1-cancel' });
    expect(cancelled.status).toBe(200);

    const after = await statement(thisMonth);
    expect(after.allowances).toEqual([]);
    expect(after.totals).toMatchObject({ allowances: 0, closingBalance: 3 * unitPrice });
    expect(await balance()).toEqual({
      balance: 3 * unitPrice,
      overdue: unitPrice,
      oldestUnpaidMonth: twoMonthsAgo,
      owedMonths: [
        { month: twoMonthsAgo, owed: unitPrice },
        { month: thisMonth, owed: 2 * unitPrice },
      ],
    });
    expect(await ledgerLine()).toMatchObject({ balance: 3 * unitPrice, oldestUnpaidMonth: twoMonthsAgo });
    expect(await runReminders()).toMatchObject({ reminded: 1, errors: [] });
    const [text] = await remindersSent();
    expect(text).toContain(`NT$${unitPrice.toLocaleString('en')}`);
  });
});
