import { bucketOf, previousMonth, taipeiMonth } from '../domain/billing';
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
const thisMonth = taipeiMonth(new Date());
const lastMonth = previousMonth(thisMonth);
const longAgo = previousMonth(previousMonth(lastMonth));
const noonOn = (month: string, day: number): string => `${addDays(`${month}-01`, day - 1)}T04:00:00.000Z`;

const monthly = aCustomer().withId('cust-m').withCode('C00001').with({ name: '林記麵館', paymentTerms: 'monthly' }).build();
const transfer = aCustomer().withId('cust-t').withCode('C00002').with({ name: '王家小吃', paymentTerms: 'transfer' }).build();
const cash = aCustomer().withId('cust-c').withCode('C00003').with({ name: '陳先生', paymentTerms: 'cash' }).build();
const cashShort = aCustomer().withId('cust-s').withCode('C00004').with({ name: '張太太', paymentTerms: 'cash' }).build();

function delivered(id: string, customer: typeof monthly, month: string, quantity: number): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }], paymentMethod: customer.paymentTerms }).inStatus('delivered').build();
  return { ...order, delivery: { at: noonOn(month, 10), delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: customer.paymentTerms === 'cash' ? order.total : 0 } };
}

const orders = [
  delivered('ord-m-old', monthly, longAgo, 3),
  delivered('ord-m-last', monthly, lastMonth, 2),
  delivered('ord-m-now', monthly, thisMonth, 1),
  delivered('ord-t-last', transfer, lastMonth, 4),
  delivered('ord-c-last', cash, lastMonth, 1),
  // The driver came back with NT$200 less than the bill: a cash customer who owes.
  ((o) => ({ ...o, delivery: { ...o.delivery, cashCollected: o.total - 200 } }))(delivered('ord-s-short', cashShort, lastMonth, 2)),
];
const owed = (id: string): number => (orders.find((o) => o.id === id) as Order).total;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'receivables', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [monthly, transfer, cash, cashShort]) await db.collection('customers').doc(c.id).set(c);
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
});
afterAll(() => stack.close());

const ledger = async () => (await call('GET', '/api/receivables', { as: 'office' })).body as { items: Json[]; totals: Json };
const lineOf = async (customerId: string) => (await ledger()).items.find((r) => r.customerId === customerId);
const noAging = { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };

describe('receivables (應收帳款) on the emulators', () => {
  it('works out each account customer’s balance by how late it is, and lists a cash customer only while they owe', async () => {
    const run = await call('POST', '/api/jobs/receivables', { as: 'admin', body: {} });
    expect(run.body).toEqual({ customers: 3, owing: 3 });
    const { items, totals } = await ledger();
    expect(items.map((r) => r.customerId).sort()).toEqual(['cust-m', 'cust-s', 'cust-t']);
    expect(items.find((r) => r.customerId === 'cust-s')).toMatchObject({ paymentTerms: 'cash', balance: 200 });
    const m = items.find((r) => r.customerId === 'cust-m');
    const expected = { ...noAging };
    for (const [id, month] of [['ord-m-old', longAgo], ['ord-m-last', lastMonth], ['ord-m-now', thisMonth]] as const) expected[bucketOf(month, today)] += owed(id);
    expect(m).toMatchObject({ customerCode: 'C00001', customerName: '林記麵館', paymentTerms: 'monthly', balance: owed('ord-m-old') + owed('ord-m-last') + owed('ord-m-now'), aging: expected, oldestUnpaidMonth: longAgo, asOf: today });
    expect(totals.balance).toBe(m?.balance + owed('ord-t-last') + 200);
    // Most overdue first.
    expect(items[0]?.customerId).toBe('cust-m');
  });

  it('settles the oldest charges first when a payment comes in, and updates the line at once', async () => {
    const paid = await call('POST', '/api/customers/cust-m/payments', { as: 'office', body: { amount: owed('ord-m-old'), method: 'transfer', receivedOn: today } });
    expect(paid.status).toBe(201);
    const m = await lineOf('cust-m');
    const expected = { ...noAging };
    expected[bucketOf(lastMonth, today)] += owed('ord-m-last');
    expected[bucketOf(thisMonth, today)] += owed('ord-m-now');
    expect(m).toMatchObject({ balance: owed('ord-m-last') + owed('ord-m-now'), aging: expected, oldestUnpaidMonth: lastMonth, lastPaymentOn: today });

    // Voiding it puts the old charges back.
    const voided = await call('POST', `/api/customers/cust-m/payments/${paid.body.id}/void`, { as: 'office', body: { reason: '重複登記' } });
    expect(voided.status).toBe(200);
    expect(await lineOf('cust-m')).toMatchObject({ balance: owed('ord-m-old') + owed('ord-m-last') + owed('ord-m-now'), oldestUnpaidMonth: longAgo });
  });

  it('gives the same ledger when the job runs again', async () => {
    const before = (await ledger()).items.map(({ computedAt: _c, ...rest }) => rest);
    expect((await call('POST', '/api/jobs/receivables', { as: 'admin', body: {} })).body).toEqual({ customers: 3, owing: 3 });
    expect((await ledger()).items.map(({ computedAt: _c, ...rest }) => rest)).toEqual(before);
  });

  it('exports the ledger as CSV for the bookkeeper: a row per customer as listed, what is owed by bucket, the credits apart; staff only', async () => {
    // 王家小吃 pays NT$500 more than it owes: a credit, owed back, not a receivable.
    const paid = await call('POST', '/api/customers/cust-t/payments', { as: 'office', body: { amount: owed('ord-t-last') + 500, method: 'transfer', receivedOn: today } });
    expect(paid.status).toBe(201);
    const { items, totals } = await ledger();
    expect(totals.credits).toBe(500);

    const zh = await call('GET', '/api/receivables/export', { as: 'office' });
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toContain('text/csv');
    expect(zh.headers.get('content-disposition')).toBe(`attachment; filename="receivables-${today}.csv"`);
    const rows = String(zh.body.raw).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows.slice(0, 4)).toEqual([
      '幸福氣 應收帳款帳齡表',
      `基準日,${today}`,
      '',
      '客戶代號,客戶名稱,電話,付款條件,結欠,未到期,逾期 1–30 天,逾期 31–60 天,逾期 61–90 天,逾期 90 天以上,最早未付月份,最近收款日',
    ]);
    const m = items.find((r) => r.customerId === 'cust-m') as Json;
    expect(rows.slice(4, 4 + items.length).map((r) => r.split(',')[0])).toEqual(items.map((r) => r.customerCode));
    expect(rows).toContain(
      ['C00001', '林記麵館', m.phone ?? '', '月結', m.balance, m.aging.notDue, m.aging.days1to30, m.aging.days31to60, m.aging.days61to90, m.aging.over90, m.oldestUnpaidMonth, m.lastPaymentOn ?? ''].join(','),
    );
    expect(rows).toContain(['應收合計', '', '', '', totals.balance, totals.aging.notDue, totals.aging.days1to30, totals.aging.days31to60, totals.aging.days61to90, totals.aging.over90].join(','));
    expect(rows).toContain('溢收合計（應退客戶）,,,,500');

    const en = await call('GET', '/api/receivables/export', { as: 'admin', lang: 'en' });
    expect(String(en.body.raw).split('\r\n')[3]).toMatch(/^Customer code,Customer,Phone,Payment terms,Balance,Not due,/);
    for (const who of ['driver1', 'customerA'] as const) expect((await call('GET', '/api/receivables/export', { as: who })).status).toBe(403);
  });

  it('exports the ledger as it stood at the end of an ended month, each balance that month’s 期末結餘, what came after left out', async () => {
    // Today's ledger counts this month's delivery and 王家小吃's overpayment of today (the test above); the end of last month neither.
    const lastDay = addDays(`${thisMonth}-01`, -1);
    const csv = await call('GET', `/api/receivables/export?month=${lastMonth}`, { as: 'office' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="receivables-${lastDay}.csv"`);
    const rows = String(csv.body.raw).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[1]).toBe(`基準日,${lastDay}`);
    const aged = (owing: readonly (readonly [number, string])[]) => {
      const aging = { ...noAging };
      for (const [amount, month] of owing) aging[bucketOf(month, lastDay)] += amount;
      return aging;
    };
    const buckets = (aging: typeof noAging) => [aging.notDue, aging.days1to30, aging.days31to60, aging.days61to90, aging.over90];
    const m = aged([[owed('ord-m-old'), longAgo], [owed('ord-m-last'), lastMonth]]);
    const t = aged([[owed('ord-t-last'), lastMonth]]);
    const short = aged([[200, lastMonth]]);
    const mBalance = owed('ord-m-old') + owed('ord-m-last');
    expect(rows).toContain(['C00001', '林記麵館', monthly.phones[0], '月結', mBalance, ...buckets(m), longAgo, ''].join(','));
    expect(rows).toContain(['C00002', '王家小吃', transfer.phones[0], '轉帳', owed('ord-t-last'), ...buckets(t), lastMonth, ''].join(','));
    expect(rows).toContain(['C00004', '張太太', cashShort.phones[0], '貨到付款', 200, ...buckets(short), lastMonth, ''].join(','));
    const total = buckets(aged([[owed('ord-m-old'), longAgo], [owed('ord-m-last') + owed('ord-t-last') + 200, lastMonth]]));
    expect(rows).toContain(['應收合計', '', '', '', mBalance + owed('ord-t-last') + 200, ...total].join(','));
    expect(rows).toContain('溢收合計（應退客戶）,,,,0');
    // The customer's own statement of that month closes on the same figure.
    expect((await call('GET', `/api/statements/cust-m?month=${lastMonth}`, { as: 'office' })).body.totals.closingBalance).toBe(mBalance);

    const notBegun = await call('GET', `/api/receivables/export?month=${addDays(`${thisMonth}-01`, 40).slice(0, 7)}`, { as: 'office' });
    expect({ status: notBegun.status, code: notBegun.body.error.code }).toEqual({ status: 422, code: 'STATEMENT.MONTH_IN_FUTURE' });
    for (const who of ['driver1', 'customerA'] as const) expect((await call('GET', `/api/receivables/export?month=${lastMonth}`, { as: who })).status).toBe(403);
  });
});
