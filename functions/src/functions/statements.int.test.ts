import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import type { Order } from '../domain/orders';
import { anIssuedInvoice } from '../domain/test-support/invoice-mother';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const thisMonth = taipeiMonth(new Date());
const lastMonth = previousMonth(thisMonth);
/** The month whose boundaries the seeded deliveries straddle. */
const month = previousMonth(lastMonth);
const { from, until } = monthBounds(month);
const shift = (instant: string, minutes: number): string => new Date(Date.parse(instant) + minutes * 60_000).toISOString();
const nextMonth = taipeiMonth(new Date(`${addDays(`${thisMonth}-28`, 5)}T04:00:00Z`));

const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館', paymentTerms: 'monthly', phones: ['02-2941-5566'] }).build();
const customerB = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃' }).build();
/** On account, with nothing delivered nor owed: no statement in the month's batch. */
const customerC = aCustomer().withId('cust-c').withCode('C00003').with({ name: '陳記商行', paymentTerms: 'monthly' }).build();

function delivered(id: string, customer = customerA, at: string, items: { size: number; quantity: number }[], cashCollected: number): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items }).inStatus('delivered').build();
  return { ...order, delivery: { at, delivered: order.items.map(({ size, quantity }) => ({ size, quantity })), emptiesCollected: [{ size: 20, quantity: 1 }], cashCollected } };
}

const seeded: Order[] = [
  // 00:30 on the 1st in Taipei, still the month before in UTC.
  delivered('ord-first', customerA, shift(from, 30), [{ size: 20, quantity: 2 }], 0),
  delivered('ord-mid', customerA, shift(from, 14 * 24 * 60), [{ size: 20, quantity: 1 }, { size: 16, quantity: 1 }], 500),
  // 23:59 on the last day in Taipei.
  delivered('ord-last', customerA, shift(until, -1), [{ size: 50, quantity: 1 }], 0),
  // Midnight in Taipei: the next month's first delivery.
  delivered('ord-next', customerA, until, [{ size: 20, quantity: 1 }], 850),
  delivered('ord-other', customerB, shift(from, 60 * 24 * 3), [{ size: 20, quantity: 1 }], 0),
  { ...anOrder().withId('ord-failed').forCustomer(customerA).inStatus('failed').build(), updatedAt: shift(from, 600) },
  { ...anOrder().withId('ord-cancelled').forCustomer(customerA).inStatus('cancelled').build(), updatedAt: shift(from, 600) },
];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'statements', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customerA, customerB, customerC]) await db.collection('customers').doc(c.id).set(c);
  // The cash customer who left the month's delivery unpaid is on the receivables ledger, as the nightly run puts them.
  await db.collection('receivables').doc('cust-b').set({ customerId: 'cust-b', balance: 1 });
  for (const o of seeded) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  // The month's invoice lists two orders; the last has its own, voided and reissued.
  const invoices = [
    anIssuedInvoice(`inv-cust-a-${month}`, customerA, 'LF00000824', { source: { customerId: 'cust-a', month, orderIds: ['ord-first', 'ord-mid'] } }),
    anIssuedInvoice('inv-ord-last', customerA, 'LF00000280', { status: 'void', reissuedAs: 'inv-ord-last-r1' }),
    anIssuedInvoice('inv-ord-last-r1', customerA, 'LF00000301', { source: { orderId: 'ord-last' }, reissueOf: 'inv-ord-last' }),
    anIssuedInvoice('inv-ord-other', customerB, 'LF00000502', { source: { orderId: 'ord-other' } }),
  ];
  for (const i of invoices) await db.collection('invoices').doc(i.id).set(i);
});
afterAll(() => stack.close());

const total = (id: string): number => (seeded.find((o) => o.id === id) as Order).total;

/** The CSV as bytes, since `Response.text()` drops a byte order mark. */
async function csv(path: string, opts: { as?: keyof typeof PRINCIPALS; lang?: string } = {}) {
  const token = (await stack.container.localIssuer!.issue(PRINCIPALS[opts.as ?? 'office'], 600)).token;
  const res = await fetch(`${stack.url}${path}`, {
    headers: { authorization: `Bearer ${token}`, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

describe('statements API on the emulators', () => {
  it('bills the orders delivered in the Taipei month, by delivery time, with the month’s sums', async () => {
    const res = await call('GET', `/api/statements/cust-a?month=${month}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: Json) => l.orderId)).toEqual(['ord-first', 'ord-mid', 'ord-last']);
    expect(res.body.lines[0]).toMatchObject({ date: `${month}-01`, total: total('ord-first'), paymentMethod: 'monthly', cashCollected: 0 });
    expect(res.body.lines[2].date).toBe(monthBounds(month).lastDay);
    const charges = total('ord-first') + total('ord-mid') + total('ord-last');
    expect(res.body.totals).toEqual({
      openingBalance: 0,
      charges,
      cashCollected: 500,
      amountDue: charges - 500,
      payments: 0,
      allowances: 0,
      refunds: 0,
      closingBalance: charges - 500,
      cylinders: [
        { size: 16, quantity: 1 },
        { size: 20, quantity: 3 },
        { size: 50, quantity: 1 },
      ],
      emptiesCollected: [{ size: 20, quantity: 3 }],
    });
    expect(res.body.customer).toMatchObject({ id: 'cust-a', code: 'C00001', name: '林記麵館', phones: ['(02)2941-5566'], paymentTerms: 'monthly' });
    expect(res.body.closed).toBe(true);
  });

  it('gives last month by default, where the midnight delivery went', async () => {
    const res = await call('GET', '/api/statements/cust-a', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.month).toBe(lastMonth);
    expect(res.body.lines.map((l: Json) => l.orderId)).toEqual(['ord-next']);
    expect(res.body.totals.amountDue).toBe(total('ord-next') - 850);
    const before = total('ord-first') + total('ord-mid') + total('ord-last') - 500;
    expect(res.body.totals).toMatchObject({ openingBalance: before, closingBalance: before + total('ord-next') - 850 });
  });

  it('names the invoice each order was billed on and the month’s invoice, to the office, admin and the customer', async () => {
    for (const as of ['office', 'admin', 'customerA'] as const) {
      const res = await call('GET', `/api/statements/cust-a?month=${month}`, { as });
      expect(res.status).toBe(200);
      // The month's for the orders it lists, the reissue of a void one.
      expect(res.body.lines.map((l: Json) => [l.orderId, l.invoice])).toEqual([
        ['ord-first', { number: 'LF00000824', status: 'issued' }],
        ['ord-mid', { number: 'LF00000824', status: 'issued' }],
        ['ord-last', { number: 'LF00000301', status: 'issued' }],
      ]);
      expect(res.body.monthInvoice).toEqual({ number: 'LF00000824', status: 'issued' });
    }
    const cash = await call('GET', `/api/statements/cust-b?month=${month}`, { as: 'office' });
    expect(cash.body.lines.map((l: Json) => l.invoice)).toEqual([{ number: 'LF00000502', status: 'issued' }]);
    expect(cash.body.monthInvoice).toBeUndefined();
  });

  it('lets a customer read their own statement and answers another customer’s as not found, their invoices with it', async () => {
    const own = await call('GET', `/api/statements/cust-a?month=${month}`, { as: 'customerA' });
    expect(own.status).toBe(200);
    expect(own.body.lines).toHaveLength(3);
    const other = await call('GET', `/api/statements/cust-b?month=${month}`, { as: 'customerA' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    expect(JSON.stringify(other.body)).not.toContain('LF00000502');
    expect((await csv(`/api/statements/cust-b/csv?month=${month}`, { as: 'customerA' })).status).toBe(404);
  });

  it('refuses drivers', async () => {
    for (const path of [`/api/statements/cust-a?month=${month}`, `/api/statements/cust-a/csv?month=${month}`]) {
      const res = await call('GET', path, { as: 'driver1' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    }
  });

  it('answers an unknown customer with 404', async () => {
    const res = await call('GET', `/api/statements/cust-nobody?month=${month}`, { as: 'office' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('CUSTOMER.NOT_FOUND');
  });

  it('refuses a malformed month with 400 in the caller’s language', async () => {
    const zh = await call('GET', '/api/statements/cust-a?month=2026-13', { as: 'office' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([{ path: 'query.month', message: '月份格式須為 YYYY-MM（例如 2026-11）' }]);
    const en = await call('GET', '/api/statements/cust-a/csv?month=nov', { as: 'office', lang: 'en' });
    expect(en.status).toBe(400);
    expect(en.body.error.fields).toEqual([{ path: 'query.month', message: 'The month must be YYYY-MM (e.g. 2026-11)' }]);
  });

  it('refuses a month not yet begun with 422 and shows the running month as not closed', async () => {
    const future = await call('GET', `/api/statements/cust-a?month=${nextMonth}`, { as: 'office', lang: 'en' });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'STATEMENT.MONTH_IN_FUTURE', message: `${nextMonth} has not begun: there is no statement for it yet` });
    const running = await call('GET', `/api/statements/cust-a?month=${thisMonth}`, { as: 'office' });
    expect(running.status).toBe(200);
    expect(running.body.closed).toBe(false);
  });

  it('downloads the statement as CSV with a BOM, zh-TW headers by default and one row per item', async () => {
    const res = await csv(`/api/statements/cust-a/csv?month=${month}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="statement-C00001-${month}.csv"`);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = res.text.slice(1).split('\r\n');
    expect(rows[0]).toBe('幸福氣 月結對帳單');
    expect(rows).toContain(`月份,${month}`);
    expect(rows).toContain('客戶,林記麵館');
    const header = rows.indexOf('送達日期,訂單編號,規格,數量,單價,小計,訂單金額,付款方式,現場收現,發票號碼');
    // Each order's invoice on its first row: the month's for those it lists, the reissue of a void one.
    expect(rows.slice(header + 1, header + 5).map((r) => [...r.split(',').slice(0, 3), r.split(',').at(-1)].join(','))).toEqual([
      `${month}-01,ord-first,20 公斤,LF00000824`,
      `${addDays(`${month}-01`, 14)},ord-mid,20 公斤,LF00000824`,
      `${addDays(`${month}-01`, 14)},ord-mid,16 公斤,`,
      `${monthBounds(month).lastDay},ord-last,50 公斤,LF00000301`,
    ]);
    expect(rows).toContain(`本期應付,${total('ord-first') + total('ord-mid') + total('ord-last') - 500}`);
  });

  it('writes the CSV headers in English for an English caller', async () => {
    const res = await csv(`/api/statements/cust-a/csv?month=${month}`, { as: 'customerA', lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.text.startsWith('\uFEFFLucky Gas monthly statement\r\n')).toBe(true);
    expect(res.text).toContain('\r\nDelivered on,Order,Size,Quantity,Unit price,Subtotal,Order total,Payment,Cash collected,Invoice number\r\n');
  });

  it('lists the month’s deposits apart, with the deposit held at month end, and keeps them out of the amount due and balances', async () => {
    const path = `/api/statements/cust-b?month=${month}`;
    const before = await call('GET', path, { as: 'office' });
    expect(before.body.deposits).toEqual({ records: [], collected: 0, refunded: 0, heldAtEnd: [], heldAtEndTotal: 0 });
    const record = (key: string, body: Json) => call('POST', '/api/customers/cust-b/deposits', { as: 'office', key, body });
    expect((await record('st-dep-1', { kind: 'collect', size: 20, count: 2, method: 'cash', receivedOn: `${month}-10` })).status).toBe(201);
    expect((await record('st-dep-2', { kind: 'refund', size: 20, count: 1, method: 'transfer', receivedOn: `${month}-20`, note: '退一支' })).status).toBe(201);
    expect((await record('st-dep-3', { kind: 'collect', size: 50, count: 1, method: 'cash', receivedOn: `${lastMonth}-05` })).status).toBe(201);

    const after = await call('GET', path, { as: 'customerB' });
    expect(after.status).toBe(200);
    expect(after.body.deposits).toMatchObject({ collected: 2400, refunded: 1200, heldAtEnd: [{ size: 20, amount: 1200 }], heldAtEndTotal: 1200 });
    expect(after.body.deposits.records.map((d: Json) => [d.kind, d.amount, d.receivedOn])).toEqual([
      ['collect', 2400, `${month}-10`],
      ['refund', 1200, `${month}-20`],
    ]);
    expect(after.body.totals).toEqual(before.body.totals);
    const next = await call('GET', `/api/statements/cust-b?month=${lastMonth}`, { as: 'office' });
    expect(next.body.deposits).toMatchObject({ collected: 2500, heldAtEndTotal: 3700 });
    expect(next.body.totals.openingBalance).toBe(before.body.totals.closingBalance);

    const rows = (await csv(`/api/statements/cust-b/csv?month=${month}`)).text.slice(1).split('\r\n');
    expect(rows).toContain(`${month}-20,退押金,20 公斤,1,-1200,轉帳,退一支`);
    expect(rows).toContain('期末押金,1200,20 公斤 1200');
  });
});

describe("a month's statements as a batch (月結對帳單批次)", () => {
  const codes = (body: Json) => body.items.map((s: Json) => s.customer.code);

  it('gives the office every customer with money on the account in the month, and leaves out one with none', async () => {
    const res = await call('GET', `/api/statements?month=${month}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(codes(res.body)).toEqual(['C00001', 'C00002']);
    expect(res.body).toMatchObject({ month, scanned: 3 });
    expect(res.body.next).toBeUndefined();
    const single = await call('GET', `/api/statements/cust-a?month=${month}`, { as: 'office' });
    expect(res.body.items[0]).toEqual(single.body);
  });

  it('pages through the customers in code order, so no call works out more than its limit', async () => {
    const first = await call('GET', `/api/statements?month=${month}&limit=2`, { as: 'admin' });
    expect(first.body).toMatchObject({ scanned: 2, next: 'C00002' });
    expect(codes(first.body)).toEqual(['C00001', 'C00002']);
    const last = await call('GET', `/api/statements?month=${month}&limit=2&after=C00002`, { as: 'admin' });
    expect(last.body).toMatchObject({ items: [], scanned: 1 });
    expect(last.body.next).toBeUndefined();
  });

  it('refuses drivers and customers, a month not yet begun, and a missing month', async () => {
    for (const as of ['driver1', 'customerA'] as const) {
      const res = await call('GET', `/api/statements?month=${month}`, { as });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    }
    const future = await call('GET', `/api/statements?month=${nextMonth}`, { as: 'office' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('STATEMENT.MONTH_IN_FUTURE');
    const missing = await call('GET', '/api/statements', { as: 'office' });
    expect(missing.status).toBe(400);
  });
});
