import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { INVOICE_BOOKS } from '../adapters/invoicing/local-invoice-book';
import { previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { EventEnvelope } from '../domain/events';
import { b2bAmountsFromTotal, b2cAmounts, periodDocId, periodOfInstant, type Invoice } from '../domain/invoicing';
import type { Order, OrderStatus } from '../domain/orders';
import { aCustomer, anIssuedInvoice } from '../domain/test-support';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { pushEvent, statusChangedEvent } from './test-support/push-event';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const period = periodOfInstant(new Date());
const bookRef = () => stack.container.db.collection(INVOICE_BOOKS).doc(periodDocId(period));
const lastMonth = previousMonth(taipeiMonth(new Date()));

// customerA / customerB of the api client are cust-a / cust-b.
const cashA = aCustomer().withId('cust-a').withCode('C00101').with({ name: '王小姐', paymentTerms: 'cash', invoice: { carrier: '/ABC1234' } }).build();
const transferB = aCustomer().withId('cust-b').withCode('C00102').with({ name: '陳記', paymentTerms: 'transfer' }).build();
const monthlyM = aCustomer().withId('cust-m').withCode('C00103').with({ name: '林記麵館', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } }).build();
const monthlyQuiet = aCustomer().withId('cust-q').withCode('C00104').with({ name: '安靜小吃', paymentTerms: 'monthly' }).build();

function order(id: string, customer: typeof cashA, status: OrderStatus, quantity = 1, deliveredAt = new Date().toISOString()): Order {
  const built = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }], paymentMethod: customer.paymentTerms }).inStatus(status).build();
  return status === 'delivered' ? { ...built, delivery: { at: deliveredAt, delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: 0 } } : built;
}

const statusEvent = (o: Order, to: OrderStatus): EventEnvelope => statusChangedEvent(o, to);

const push = (event: EventEnvelope): Promise<number> => pushEvent(stack, 'issueInvoices', 'order-events', event);

const invoice = async (id: string) => (await stack.container.db.collection('invoices').doc(id).get()).data() as Invoice | undefined;
const seed = async (path: string, data: object) => stack.container.db.doc(path).set(data);

beforeAll(async () => {
  stack = await startTestStack({ suite: 'invoices', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'issueInvoices' || (s.consumer === 'systemAlerts' && s.topic === 'system-alerts')) });
  call = apiClient(stack.url, stack.container);
  for (const c of [cashA, transferB, monthlyM, monthlyQuiet]) await seed(`customers/${c.id}`, c);
  await bookRef().set({ period, prefix: 'AB', from: 1000, to: 1999, next: 1000 });
}, 120_000);
afterAll(() => stack.close());

describe('e-invoices per delivered order (issueInvoices on order-events)', () => {
  it('issues one invoice for a delivered order even when the event arrives twice', async () => {
    const o = order('ord-inv-1', cashA, 'delivered', 2);
    await seed(`orders/${o.id}`, { ...o, version: 5 });
    const event = statusEvent(o, 'delivered');
    expect(await push(event)).toBeLessThan(300);
    expect(await push(event)).toBeLessThan(300);
    expect(await push(statusEvent(o, 'delivered'))).toBeLessThan(300);
    const stored = await invoice('inv-ord-inv-1');
    expect(stored).toMatchObject({
      kind: 'B2C',
      number: 'AB00001000',
      period,
      status: 'issued',
      provider: 'local-book',
      buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' },
      amounts: b2cAmounts(o.total),
      source: { orderId: o.id },
    });
    expect(stored?.randomNumber).toMatch(/^\d{4}$/);
    expect((await bookRef().get()).get('next')).toBe(1001);
    const issued = await stack.container.db.collection('invoices').where('source.orderId', '==', o.id).get();
    expect(issued.size).toBe(1);
    const markers = await stack.container.db.collection('processedEvents').where('consumer', '==', 'issueInvoices').where('eventId', '==', event.id).get();
    expect(markers.size).toBe(1);
  });

  it('gives cancelled and failed orders, and monthly customers’ deliveries, no invoice', async () => {
    const cancelled = order('ord-inv-x', transferB, 'cancelled');
    const failed = order('ord-inv-f', transferB, 'failed');
    const monthly = order('ord-inv-m', monthlyM, 'delivered');
    for (const o of [cancelled, failed, monthly]) await seed(`orders/${o.id}`, o);
    expect(await push(statusEvent(cancelled, 'cancelled'))).toBeLessThan(300);
    expect(await push(statusEvent(failed, 'failed'))).toBeLessThan(300);
    expect(await push(statusEvent(monthly, 'delivered'))).toBeLessThan(300);
    for (const id of ['inv-ord-inv-x', 'inv-ord-inv-f', 'inv-ord-inv-m']) expect(await invoice(id)).toBeUndefined();
  });
});

describe('monthly invoices (POST /api/jobs/monthly-invoices)', () => {
  it('issues one B2B invoice per monthly customer for last month, none for a month without deliveries, nothing twice on a rerun', async () => {
    const day = `${lastMonth}-10`;
    const a = order('ord-mon-1', monthlyM, 'delivered', 2, `${day}T03:00:00.000Z`);
    const b = order('ord-mon-2', monthlyM, 'delivered', 1, `${addDays(day, 5)}T03:00:00.000Z`);
    for (const o of [a, b]) await seed(`orders/${o.id}`, o);
    const first = await call('POST', '/api/jobs/monthly-invoices', { as: 'admin', body: { month: lastMonth } });
    expect(first.status).toBe(200);
    // The quiet monthly customer delivered nothing on account: not looked at.
    expect(first.body).toMatchObject({ month: lastMonth, customers: 1, issued: 1, existing: 0, nothingToInvoice: 0, failed: [] });
    const stored = await invoice(`inv-cust-m-${lastMonth}`);
    expect(stored).toMatchObject({
      kind: 'B2B',
      buyer: { type: 'business', taxId: '22099131', title: '林記麵館有限公司' },
      lines: [{ description: '液化石油氣 20公斤', quantity: 3 }],
      amounts: b2bAmountsFromTotal(a.total + b.total),
      source: { customerId: 'cust-m', month: lastMonth, orderIds: ['ord-mon-1', 'ord-mon-2'] },
    });
    const again = await call('POST', '/api/jobs/monthly-invoices', { as: 'admin', body: { month: lastMonth } });
    expect(again.body).toMatchObject({ issued: 0, existing: 1, nothingToInvoice: 0 });
    expect((await stack.container.db.collection('invoices').where('customer.id', '==', 'cust-m').get()).size).toBe(1);
    expect(await invoice(`inv-cust-q-${lastMonth}`)).toBeUndefined();
  });

  it('invoices on its own a delivery made after the month’s invoice went out', async () => {
    const late = order('ord-mon-late', monthlyM, 'delivered', 1, `${lastMonth}-20T13:30:00.000Z`);
    await seed(`orders/${late.id}`, late);
    expect(await push(statusEvent(late, 'delivered'))).toBeLessThan(300);
    expect(await invoice('inv-ord-mon-late')).toMatchObject({ kind: 'B2B', source: { orderId: late.id }, amounts: b2bAmountsFromTotal(late.total) });
    expect((await invoice(`inv-cust-m-${lastMonth}`))?.source).toMatchObject({ orderIds: ['ord-mon-1', 'ord-mon-2'] });
  });

  it('refuses a month that has not reached its last day', async () => {
    const nextMonth = addDays(`${taipeiMonth(new Date())}-28`, 7).slice(0, 7);
    const res = await call('POST', '/api/jobs/monthly-invoices', { as: 'admin', body: { month: nextMonth } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVOICE.MONTH_NOT_ENDED');
  });
});

describe('reading, voiding and exporting (/api/invoices)', () => {

  beforeAll(async () => {
    await seed('invoices/inv-ord-b1', anIssuedInvoice('inv-ord-b1', transferB, 'AB00009001'));
    await seed('invoices/inv-ord-old', anIssuedInvoice('inv-ord-old', transferB, 'ZZ00000001', { period: '2025-01/02', issuedAt: '2025-02-10T02:00:00.000Z', voidableUntil: '2025-03-13' }));
  });

  it('lets a customer read their own invoices only; another’s is not found; drivers none', async () => {
    const mine = await call('GET', '/api/invoices', { as: 'customerA' });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: Json) => i.customer.id)).toEqual(expect.arrayContaining(['cust-a']));
    expect(mine.body.items.every((i: Json) => i.customer.id === 'cust-a')).toBe(true);
    expect((await call('GET', '/api/invoices?customerId=cust-b', { as: 'customerA' })).status).toBe(404);
    expect((await call('GET', '/api/invoices/inv-ord-b1', { as: 'customerA' })).body.error.code).toBe('INVOICE.NOT_FOUND');
    expect((await call('GET', '/api/invoices/inv-ord-b1', { as: 'customerB' })).body.number).toBe('AB00009001');
    expect((await call('GET', '/api/invoices', { as: 'driver1' })).status).toBe(403);
  });

  it('lists a customer’s invoices of a period for the office, newest first, a page at a time', async () => {
    const first = await call('GET', `/api/invoices?customerId=cust-b&period=${encodeURIComponent(period)}&limit=1`, { as: 'office' });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBeNull();
    const all = await call('GET', '/api/invoices?customerId=cust-b', { as: 'office' });
    expect(all.body.items.map((i: Json) => i.id)).toEqual(['inv-ord-b1', 'inv-ord-old']);
    const paged = await call('GET', '/api/invoices?customerId=cust-b&limit=1', { as: 'office' });
    expect(paged.body.nextCursor).toBe('inv-ord-b1');
    const next = await call('GET', `/api/invoices?customerId=cust-b&limit=1&cursor=${paged.body.nextCursor}`, { as: 'office' });
    expect(next.body.items.map((i: Json) => i.id)).toEqual(['inv-ord-old']);
  });

  it('adds up a period without reading it: the issued ones summed, the void ones counted, whatever the page and status', async () => {
    const at = (minute: number) => `${new Date().toISOString().slice(0, 14)}${String(minute).padStart(2, '0')}:00.000Z`;
    await seed('invoices/inv-ord-q1', anIssuedInvoice('inv-ord-q1', monthlyQuiet, 'AB00009101', { issuedAt: at(1) }));
    await seed('invoices/inv-ord-q2', anIssuedInvoice('inv-ord-q2', monthlyQuiet, 'AB00009102', { issuedAt: at(2), amounts: b2cAmounts(1700) }));
    await seed('invoices/inv-ord-q3', anIssuedInvoice('inv-ord-q3', monthlyQuiet, 'AB00009103', { issuedAt: at(3), status: 'void', voidReason: '開錯' }));
    await seed('invoices/inv-ord-q-old', anIssuedInvoice('inv-ord-q-old', monthlyQuiet, 'ZZ00000002', { period: '2025-01/02', issuedAt: '2025-02-11T02:00:00.000Z' }));
    const ofPeriod = `period=${encodeURIComponent(period)}`;

    const page = await call('GET', `/api/invoices?customerId=cust-q&${ofPeriod}&limit=1`, { as: 'office' });
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: Json) => i.id)).toEqual(['inv-ord-q3']);
    const [one, two] = [b2cAmounts(850), b2cAmounts(1700)];
    expect(page.body.totals).toEqual({
      byMonth: expect.any(Array), // pinned below, in its own period
      count: 2,
      salesAmount: one.salesAmount + two.salesAmount,
      taxAmount: one.taxAmount + two.taxAmount,
      totalAmount: one.totalAmount + two.totalAmount,
      voidCount: 1,
      allowances: { count: 0, salesAmount: 0, taxAmount: 0, totalAmount: 0 },
    });
    const voided = await call('GET', `/api/invoices?customerId=cust-q&${ofPeriod}&status=void`, { as: 'office' });
    expect(voided.body.items.map((i: Json) => i.id)).toEqual(['inv-ord-q3']);
    expect(voided.body.nextCursor).toBeNull();
    expect(voided.body.totals).toEqual(page.body.totals);

    // Every customer's: the same sums as the period's invoices read one by one.
    const stored = (await stack.container.db.collection('invoices').where('period', '==', period).get()).docs.map((d) => d.data() as Invoice);
    const kept = stored.filter((i) => i.status === 'issued');
    const whole = await call('GET', `/api/invoices?${ofPeriod}&limit=1`, { as: 'admin' });
    expect(whole.body.totals).toEqual({
      byMonth: expect.any(Array), // pinned below, in its own period
      count: kept.length,
      salesAmount: kept.reduce((sum, i) => sum + i.amounts.salesAmount, 0),
      taxAmount: kept.reduce((sum, i) => sum + i.amounts.taxAmount, 0),
      totalAmount: kept.reduce((sum, i) => sum + i.amounts.totalAmount, 0),
      voidCount: stored.length - kept.length,
      allowances: { count: 0, salesAmount: 0, taxAmount: 0, totalAmount: 0 },
    });
    expect((await call('GET', '/api/invoices?customerId=cust-q', { as: 'office' })).body.totals).toBeUndefined();
  });

  it('says what each listed invoice bills from the invoice alone: an order by its delivery day, customer and cylinders, a month by its month', async () => {
    const summaries = async (customerId: string) =>
      new Map<string, Json>((await call('GET', `/api/invoices?customerId=${customerId}`, { as: 'office' })).body.items.map((i: Json) => [i.id, i.sourceSummary]));
    const delivered = (await stack.container.db.doc('orders/ord-inv-1').get()).data() as Order;
    expect((await summaries('cust-a')).get('inv-ord-inv-1')).toEqual({
      type: 'order',
      orderId: 'ord-inv-1',
      deliveredOn: taipeiDate(new Date(delivered.delivery?.at ?? '')),
      customerName: '王小姐',
      items: [{ size: 20, quantity: 2 }],
    });
    expect((await summaries('cust-m')).get(`inv-cust-m-${lastMonth}`)).toEqual({ type: 'month', customerId: 'cust-m', month: lastMonth, customerName: '林記麵館', orderCount: 2 });
    // Issued before the day was kept, and its order never stored here: named all the same, without a day.
    expect((await summaries('cust-b')).get('inv-ord-b1')).toEqual({ type: 'order', orderId: 'ord-b1', deliveredOn: null, customerName: '陳記', items: [{ size: 20, quantity: 1 }] });
  });

  it('filters by status a page at a time, nextCursor null on the last page', async () => {
    const first = await call('GET', `/api/invoices?customerId=cust-q&status=issued&limit=2`, { as: 'office' });
    expect(first.body.items.map((i: Json) => i.id)).toEqual(['inv-ord-q2', 'inv-ord-q1']);
    expect(first.body.nextCursor).toBe('inv-ord-q1');
    const last = await call('GET', `/api/invoices?customerId=cust-q&status=issued&limit=2&cursor=${first.body.nextCursor}`, { as: 'office' });
    expect(last.body.items.map((i: Json) => i.id)).toEqual(['inv-ord-q-old']);
    expect(last.body.nextCursor).toBeNull();
    const bad = await call('GET', '/api/invoices?status=cancelled', { as: 'office', lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'query.status' });
  });

  it('finds an invoice by its number, as a caller quotes it, in any period; a customer only their own', async () => {
    for (const typed of ['ZZ00000001', 'zz-0000 0001']) {
      const found = await call('GET', `/api/invoices?number=${encodeURIComponent(typed)}`, { as: 'office' });
      expect(found.status).toBe(200);
      expect(found.body).toEqual({ items: [expect.objectContaining({ id: 'inv-ord-old', number: 'ZZ00000001', period: '2025-01/02' })], nextCursor: null });
    }
    expect((await call('GET', `/api/invoices?number=ZZ00000001&period=${encodeURIComponent(period)}`, { as: 'office' })).body.items).toEqual([]);
    expect((await call('GET', '/api/invoices?number=ZZ00000001&status=void', { as: 'office' })).body.items).toEqual([]);
    expect((await call('GET', '/api/invoices?number=ZZ00000001', { as: 'customerB' })).body.items.map((i: Json) => i.id)).toEqual(['inv-ord-old']);
    expect((await call('GET', '/api/invoices?number=ZZ00000001', { as: 'customerA' })).body.items).toEqual([]);
    expect((await call('GET', '/api/invoices?number=ZZ00000001', { as: 'driver1' })).status).toBe(403);
    const bad = await call('GET', '/api/invoices?number=ZZ0001', { as: 'office' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'query.number', message: '發票號碼格式錯誤（兩個英文字母加 8 位數字）' });
  });

  it('gives a customer the totals of their own invoices only', async () => {
    const mine = await call('GET', `/api/invoices?period=${encodeURIComponent(period)}`, { as: 'customerA' });
    const own = (await stack.container.db.collection('invoices').where('customer.id', '==', 'cust-a').where('period', '==', period).get()).docs.map((d) => d.data() as Invoice);
    expect(own.length).toBeGreaterThan(0);
    expect(mine.body.totals).toMatchObject({ count: own.filter((i) => i.status === 'issued').length, totalAmount: own.filter((i) => i.status === 'issued').reduce((sum, i) => sum + i.amounts.totalAmount, 0) });
  });

  it('voids once with the reason, answers a retry with the same key alike, 409 after, and 422 past the deadline', async () => {
    const voided = await call('POST', '/api/invoices/inv-ord-b1/void', { as: 'office', body: { reason: '統一編號開錯' }, key: 'void-b1' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', voidReason: '統一編號開錯', voidedBy: { uid: 'u-office', role: 'office' } });
    const retried = await call('POST', '/api/invoices/inv-ord-b1/void', { as: 'office', body: { reason: '統一編號開錯' }, key: 'void-b1' });
    expect(retried.body).toEqual(voided.body);
    const twice = await call('POST', '/api/invoices/inv-ord-b1/void', { as: 'office', body: { reason: '再作廢' }, key: 'void-b1-again', lang: 'en' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'INVOICE.ALREADY_VOID', message: 'This invoice is already void' });
    const late = await call('POST', '/api/invoices/inv-ord-old/void', { as: 'admin', body: { reason: '開錯' }, key: 'void-old' });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'INVOICE.VOID_DEADLINE_PASSED', message: '已超過作廢期限（3/13），請改開折讓單' });
    expect((await invoice('inv-ord-old'))?.status).toBe('issued');
    expect((await call('POST', '/api/invoices/inv-ord-nope/void', { as: 'office', body: { reason: 'x' }, key: 'void-nope' })).status).toBe(404);
    expect((await call('POST', '/api/invoices/inv-ord-a1/void', { as: 'customerA', body: { reason: 'x' }, key: 'void-cust' })).status).toBe(403);
  });

  it('exports a period as CSV for the accountant, in the caller’s language', async () => {
    const zh = await call('GET', `/api/invoices/export?period=${encodeURIComponent(period)}`, { as: 'office' });
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(zh.headers.get('content-disposition')).toBe(`attachment; filename="invoices-${periodDocId(period)}.csv"`);
    const rows = String(zh.body.raw).split('\r\n');
    // fetch's text() drops the byte order mark; the unit test pins it.
    expect(rows[0]).toMatch(/^發票號碼,隨機碼,開立日期/);
    expect(rows.some((r) => r.startsWith('AB00009001,') && r.includes(',作廢,'))).toBe(true);
    const en = await call('GET', `/api/invoices/export?period=${encodeURIComponent(period)}`, { as: 'office', lang: 'en' });
    expect(String(en.body.raw)).toMatch(/^Invoice number,/);
    const bad = await call('GET', '/api/invoices/export?period=2026-12', { as: 'office' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'query.period', message: '期別格式錯誤，例如 2026-11/12' });
  });
});

describe('when the invoice book runs out', () => {
  it('raises an alert, issues nothing and leaves the book as it was; adding numbers lets the redelivery through', async () => {
    await bookRef().set({ period, prefix: 'AB', from: 1000, to: 1999, next: 2000 });
    const o = order('ord-inv-out', cashA, 'delivered');
    await seed(`orders/${o.id}`, o);
    const event = statusEvent(o, 'delivered');
    expect(await push(event)).toBeGreaterThanOrEqual(500);
    expect(await invoice('inv-ord-inv-out')).toBeUndefined();
    expect((await bookRef().collection('issued').doc('inv-ord-inv-out').get()).exists).toBe(false);
    expect((await bookRef().get()).get('next')).toBe(2000);
    let alert: Json | undefined;
    for (let i = 0; i < 50 && !alert; i++) {
      const found = await stack.container.db.collection('alerts').where('kind', '==', 'system.invoice_book_exhausted').get();
      alert = found.docs[0]?.data();
      if (!alert) await new Promise((r) => setTimeout(r, 200));
    }
    expect(alert).toMatchObject({ severity: 'critical', data: { code: 'INVOICE.BOOK_EXHAUSTED', period, invoiceId: 'inv-ord-inv-out' } });
    await bookRef().update({ to: 2499 });
    expect(await push(event)).toBeLessThan(300);
    expect(await invoice('inv-ord-inv-out')).toMatchObject({ number: 'AB00002000' });
  }, 30_000);
});

describe('reissuing a void invoice (POST /api/invoices/:id/reissue)', () => {
  const cashR = aCustomer().withId('cust-r').withCode('C00105').with({ name: '重開小吃', paymentTerms: 'cash', invoice: { carrier: '/WRONG12' } }).build();
  const o = order('ord-inv-re', cashR, 'delivered', 2);

  beforeAll(async () => {
    await seed(`customers/${cashR.id}`, cashR);
    await seed(`orders/${o.id}`, o);
    expect(await push(statusEvent(o, 'delivered'))).toBeLessThan(300);
  });

  it('issues the order’s invoice again to the carrier fixed in the customer, numbered today, and marks the void one; nothing twice', async () => {
    const first = await invoice('inv-ord-inv-re');
    expect(first).toMatchObject({ status: 'issued', buyer: { carrierCode: '/WRONG12' } });
    const early = await call('POST', '/api/invoices/inv-ord-inv-re/reissue', { as: 'office', key: 'reissue-early', lang: 'en' });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'INVOICE.NOT_VOID', message: 'Only a void invoice can be reissued; void it first' });

    expect((await call('POST', '/api/invoices/inv-ord-inv-re/void', { as: 'office', body: { reason: '載具號碼錯誤' }, key: 'void-re' })).status).toBe(200);
    expect((await call('PATCH', '/api/customers/cust-r', { as: 'office', body: { invoice: { carrier: '/FIXED34' } } })).status).toBe(200);
    const preview = await call('GET', '/api/invoices/inv-ord-inv-re/reissue', { as: 'office' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: 'inv-ord-inv-re-r1', buyer: { type: 'carrier', carrierCode: '/FIXED34' }, reissueOf: 'inv-ord-inv-re' });
    expect(await invoice('inv-ord-inv-re-r1')).toBeUndefined();

    const reissued = await call('POST', '/api/invoices/inv-ord-inv-re/reissue', { as: 'admin', key: 'reissue-re' });
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({
      id: 'inv-ord-inv-re-r1',
      reissueOf: 'inv-ord-inv-re',
      status: 'issued',
      period,
      kind: 'B2C',
      buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/FIXED34' },
      lines: first?.lines,
      amounts: first?.amounts,
      source: { orderId: o.id },
    });
    expect(reissued.body.number).toMatch(/^AB\d{8}$/);
    expect(reissued.body.number).not.toBe(first?.number);
    expect(await invoice('inv-ord-inv-re')).toMatchObject({ status: 'void', voidReason: '載具號碼錯誤', reissuedAs: 'inv-ord-inv-re-r1', reissuedNumber: reissued.body.number });
    expect(await invoice('inv-ord-inv-re-r1')).toEqual(reissued.body);

    const replayed = await call('POST', '/api/invoices/inv-ord-inv-re/reissue', { as: 'admin', key: 'reissue-re' });
    expect(replayed.body).toEqual(reissued.body);
    const twice = await call('POST', '/api/invoices/inv-ord-inv-re/reissue', { as: 'office', key: 'reissue-re-again' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'INVOICE.ALREADY_REISSUED', message: `這張發票已重新開立（${reissued.body.number}）` });
    expect((await call('GET', '/api/invoices/inv-ord-inv-re/reissue', { as: 'office' })).status).toBe(409);
    expect((await stack.container.db.collection('invoices').where('source.orderId', '==', o.id).get()).size).toBe(2);
  });

  it('reissues a voided reissue as -r2', async () => {
    expect((await call('POST', '/api/invoices/inv-ord-inv-re-r1/void', { as: 'office', body: { reason: '又開錯' }, key: 'void-re-r1' })).status).toBe(200);
    const again = await call('POST', '/api/invoices/inv-ord-inv-re-r1/reissue', { as: 'office', key: 'reissue-re-r1' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: 'inv-ord-inv-re-r2', reissueOf: 'inv-ord-inv-re-r1', source: { orderId: o.id } });
    expect(await invoice('inv-ord-inv-re-r1')).toMatchObject({ reissuedAs: 'inv-ord-inv-re-r2' });
  });

  it('marks nothing when the issuer cannot issue, and lets a retry through once it can', async () => {
    const late = order('ord-inv-re2', cashR, 'delivered');
    await seed(`orders/${late.id}`, late);
    expect(await push(statusEvent(late, 'delivered'))).toBeLessThan(300);
    expect((await call('POST', '/api/invoices/inv-ord-inv-re2/void', { as: 'office', body: { reason: '開錯' }, key: 'void-re2' })).status).toBe(200);
    const book = (await bookRef().get()).data() as { next: number; to: number };
    await bookRef().update({ to: book.next - 1 });
    const failed = await call('POST', '/api/invoices/inv-ord-inv-re2/reissue', { as: 'office', key: 'reissue-re2' });
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('INVOICE.BOOK_EXHAUSTED');
    expect((await invoice('inv-ord-inv-re2'))?.reissuedAs).toBeUndefined();
    expect(await invoice('inv-ord-inv-re2-r1')).toBeUndefined();
    await bookRef().update({ to: book.to });
    const retried = await call('POST', '/api/invoices/inv-ord-inv-re2/reissue', { as: 'office', key: 'reissue-re2' });
    expect(retried.status).toBe(201);
    expect(await invoice('inv-ord-inv-re2')).toMatchObject({ reissuedAs: 'inv-ord-inv-re2-r1', reissuedNumber: retried.body.number });
  });

  it('refuses customers and drivers, and answers 404 for an unknown invoice', async () => {
    expect((await call('POST', '/api/invoices/inv-ord-inv-re2/reissue', { as: 'customerA', key: 'reissue-cust' })).status).toBe(403);
    expect((await call('GET', '/api/invoices/inv-ord-inv-re2/reissue', { as: 'customerA' })).status).toBe(403);
    expect((await call('POST', '/api/invoices/inv-ord-inv-re2/reissue', { as: 'driver1', key: 'reissue-drv' })).status).toBe(403);
    expect((await call('POST', '/api/invoices/inv-ord-nope/reissue', { as: 'office', key: 'reissue-nope' })).status).toBe(404);
  });
});

describe('void invoices not reissued (GET /api/invoices/unreissued)', () => {
  it('lists, whatever the period, each void invoice not reissued (a sale with no valid invoice), newest first, and none reissued or issued', async () => {
    const voided = { status: 'void' as const, voidedAt: '2026-09-26T02:15:00.000Z', voidReason: '手機條碼載具填錯' };
    await seed('invoices/inv-ord-unre-old', anIssuedInvoice('inv-ord-unre-old', cashA, 'ZZ00000091', { ...voided, period: '2025-09/10', issuedAt: '2025-09-25T02:00:00.000Z' }));
    await seed('invoices/inv-ord-unre-new', anIssuedInvoice('inv-ord-unre-new', cashA, 'AB00009091', voided));
    await seed('invoices/inv-ord-unre-done', anIssuedInvoice('inv-ord-unre-done', cashA, 'AB00009092', { ...voided, reissuedAs: 'inv-ord-unre-done-r1', reissuedNumber: 'AB00009093' }));
    await seed('invoices/inv-ord-unre-ok', anIssuedInvoice('inv-ord-unre-ok', cashA, 'AB00009094'));

    const res = await call('GET', '/api/invoices/unreissued', { as: 'office' });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: Json) => i.id as string).filter((id: string) => id.startsWith('inv-ord-unre-'));
    expect(ids).toEqual(['inv-ord-unre-new', 'inv-ord-unre-old']);
    expect(res.body.items.find((i: Json) => i.id === 'inv-ord-unre-old')).toMatchObject({ number: 'ZZ00000091', status: 'void', customer: { code: 'C00101' } });
  });
});

describe('a month’s invoices and its sales (totals byMonth, GET /api/invoices/reconciliation)', () => {
  // A past period, May–June 2025, that no other test writes in; every date fixed, so the clock of the run plays no part.
  const may = '2025-05/06';
  const delivered = (id: string, customer: typeof cashA, at: string, quantity = 1) => order(id, customer, 'delivered', quantity, at);
  const sold = {
    kept: delivered('ord-rc-1', cashA, '2025-05-10T02:00:00.000Z'),
    reissuedInJune: delivered('ord-rc-2', cashA, '2025-05-20T02:00:00.000Z'),
    voided: delivered('ord-rc-3', cashA, '2025-05-25T02:00:00.000Z', 2),
    onMonthInvoice: delivered('ord-rc-4', monthlyM, '2025-05-12T02:00:00.000Z'),
    // 23:00 Taipei on May 31st, after the month's run at 22:30 had issued the month's invoice without it.
    afterTheRun: delivered('ord-rc-5', monthlyM, '2025-05-31T15:00:00.000Z', 3),
    april: delivered('ord-rc-0', cashA, '2025-04-30T02:00:00.000Z'),
  };
  const invoiceOf = (o: Order, number: string, issuedAt: string, more: Partial<Invoice> = {}) =>
    anIssuedInvoice(`inv-${o.id}`, cashA, number, { amounts: b2cAmounts(o.total), period: periodOfInstant(new Date(issuedAt)), issuedAt, ...more });
  const voidedAs = (reissuedAs?: string) => ({ status: 'void' as const, voidReason: '載具填錯', ...(reissuedAs ? { reissuedAs } : {}) });

  beforeAll(async () => {
    for (const o of Object.values(sold)) await seed(`orders/${o.id}`, o);
    const invoices = [
      invoiceOf(sold.kept, 'RC00000001', '2025-05-10T02:05:00.000Z'),
      invoiceOf(sold.reissuedInJune, 'RC00000002', '2025-05-20T02:05:00.000Z', voidedAs('inv-ord-rc-2-r1')),
      { ...invoiceOf(sold.reissuedInJune, 'RC00000022', '2025-06-02T02:00:00.000Z', { reissueOf: 'inv-ord-rc-2' }), id: 'inv-ord-rc-2-r1' },
      invoiceOf(sold.voided, 'RC00000003', '2025-05-25T02:05:00.000Z', voidedAs()),
      invoiceOf(sold.april, 'RC00000000', '2025-04-30T02:05:00.000Z', voidedAs('inv-ord-rc-0-r1')),
      { ...invoiceOf(sold.april, 'RC00000010', '2025-05-02T02:00:00.000Z', { reissueOf: 'inv-ord-rc-0' }), id: 'inv-ord-rc-0-r1' },
      anIssuedInvoice('inv-cust-m-2025-05', monthlyM, 'RC00000004', {
        amounts: b2bAmountsFromTotal(sold.onMonthInvoice.total),
        kind: 'B2B',
        source: { customerId: monthlyM.id, month: '2025-05', orderIds: [sold.onMonthInvoice.id] },
        period: may,
        issuedAt: '2025-05-31T14:30:00.000Z',
      }),
    ];
    for (const i of invoices) await seed(`invoices/${i.id}`, i);
    // Two allowances of NT$200 on May's kept sale, one cancelled, then dated May 15th as if issued then.
    const allow = async (key: string) => (await call('POST', '/api/invoices/inv-ord-rc-1/allowances', { as: 'office', body: { reason: '瓦斯費折讓', amount: 200 }, key })).body.id as string;
    const [live, cancelled] = [await allow('rc-alw-1'), await allow('rc-alw-2')];
    expect((await call('POST', `/api/invoices/inv-ord-rc-1/allowances/${cancelled}/cancel`, { as: 'office', body: { reason: '折讓開錯' }, key: 'rc-alw-2-cancel' })).status).toBe(200);
    for (const id of [live, cancelled]) await stack.container.db.collection('invoiceAllowances').doc(id).update({ issuedAt: '2025-05-15T02:00:00.000Z', period: may });
  });

  it('subtotals a period by the Taipei month each invoice was issued in: the valid ones summed, the voided ones and the live allowances apart', async () => {
    const res = await call('GET', `/api/invoices?period=${encodeURIComponent(may)}&limit=1`, { as: 'office' });
    expect(res.status).toBe(200);
    const valid = [b2cAmounts(sold.kept.total), b2cAmounts(sold.april.total), b2bAmountsFromTotal(sold.onMonthInvoice.total)];
    const sum = (key: 'salesAmount' | 'taxAmount' | 'totalAmount') => valid.reduce((s, a) => s + a[key], 0);
    const june = b2cAmounts(sold.reissuedInJune.total);
    expect(res.body.totals.byMonth).toEqual([
      {
        month: '2025-05',
        count: 3,
        salesAmount: sum('salesAmount'),
        taxAmount: sum('taxAmount'),
        totalAmount: sum('totalAmount'),
        voided: { count: 2, totalAmount: sold.reissuedInJune.total + sold.voided.total },
        allowances: { count: 1, ...b2cAmounts(200) },
      },
      { month: '2025-06', count: 1, ...june, voided: { count: 0, totalAmount: 0 }, allowances: { count: 0, salesAmount: 0, taxAmount: 0, totalAmount: 0 } },
    ]);
    expect(res.body.totals).toMatchObject({ count: 4, totalAmount: sum('totalAmount') + june.totalAmount, voidCount: 2 });
    const ofCustomer = await call('GET', `/api/invoices?period=${encodeURIComponent(may)}&customerId=${monthlyM.id}`, { as: 'office' });
    expect(ofCustomer.body.totals.byMonth.map((m: Json) => [m.month, m.count, m.totalAmount])).toEqual([
      ['2025-05', 1, sold.onMonthInvoice.total],
      ['2025-06', 0, 0],
    ]);
  });

  it('ties May’s 月報 revenue to May’s invoices, naming every difference: void not reissued, not invoiced yet, reissued in June, and April’s sale reissued in May', async () => {
    const res = await call('GET', '/api/invoices/reconciliation?month=2025-05', { as: 'office' });
    expect(res.status).toBe(200);
    const { kept, reissuedInJune, voided, onMonthInvoice, afterTheRun, april } = sold;
    expect(res.body).toEqual({
      month: '2025-05',
      revenue: kept.total + reissuedInJune.total + voided.total + onMonthInvoice.total + afterTheRun.total,
      deliveries: 5,
      invoiced: { count: 3, totalAmount: kept.total + onMonthInvoice.total + april.total },
      voidNotReissued: { amount: voided.total, invoices: [{ number: 'RC00000003', amount: voided.total }] },
      notInvoiced: { amount: afterTheRun.total, count: 1 },
      invoicedInOtherMonths: { amount: reissuedInJune.total, invoices: [{ number: 'RC00000022', amount: reissuedInJune.total, issuedOn: '2025-06-02' }] },
      forOtherMonths: { amount: april.total, invoices: [{ number: 'RC00000010', amount: april.total }] },
      allowances: { count: 1, totalAmount: 200 },
    });
    const r = res.body;
    expect(r.invoiced.totalAmount - r.forOtherMonths.amount + r.invoicedInOtherMonths.amount + r.voidNotReissued.amount + r.notInvoiced.amount).toBe(r.revenue);
    const report = await call('GET', '/api/reports/monthly?month=2025-05', { as: 'office' });
    expect(report.body.totals.revenue).toBe(r.revenue);
  });

  it('lets only the office and the admin reconcile, refuses a month not begun and one mistyped, in the caller’s language', async () => {
    expect((await call('GET', '/api/invoices/reconciliation?month=2025-05', { as: 'admin' })).status).toBe(200);
    for (const as of ['customerA', 'driver1'] as const) expect((await call('GET', '/api/invoices/reconciliation?month=2025-05', { as })).status).toBe(403);
    const future = await call('GET', `/api/invoices/reconciliation?month=${taipeiMonth(new Date(Date.now() + 40 * 86_400_000))}`, { as: 'office', lang: 'en' });
    expect([future.status, future.body.error.code]).toEqual([422, 'REPORT.MONTH_IN_FUTURE']);
    expect(future.body.error.message).toMatch(/has not begun/);
    const typo = await call('GET', '/api/invoices/reconciliation?month=2025-13', { as: 'office' });
    expect(typo.status).toBe(400);
  });
});
