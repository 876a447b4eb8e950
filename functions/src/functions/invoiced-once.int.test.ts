import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { INVOICE_BOOKS } from '../adapters/invoicing/local-invoice-book';
import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import type { Customer } from '../domain/customers';
import { periodDocId, periodOfInstant, type Invoice, type InvoiceDraft } from '../domain/invoicing';
import type { Order, PaymentMethod } from '../domain/orders';
import { aCustomer, anOrder } from '../domain/test-support';
import { anIssuedInvoice } from '../domain/test-support/invoice-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { pushEvent, statusChangedEvent } from './test-support/push-event';
import { apiClient } from './test-support/api-client';

/**
 * Every delivered sale is invoiced exactly once, through the `issueInvoices` consumer and the evening
 * `monthly-invoices` run together: when a customer's terms change mid-month, when the consumer's event dead-letters,
 * and when a delivery commits while the run is issuing its month's invoice.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const period = periodOfInstant(new Date());
const bookRef = () => stack.container.db.collection(INVOICE_BOOKS).doc(periodDocId(period));
const lastMonth = previousMonth(taipeiMonth(new Date()));

const customer = (id: string, code: string, paymentTerms: Customer['paymentTerms']): Customer =>
  aCustomer().withId(id).withCode(code).with({ paymentTerms, invoice: { taxId: '22099131' } }).build();

function delivered(id: string, of: Customer, paymentMethod: PaymentMethod, at: string): Order {
  const built = anOrder().withId(id).forCustomer(of).with({ items: [{ size: 20, quantity: 1 }], paymentMethod }).inStatus('delivered').build();
  return { ...built, delivery: { at, delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 0 } };
}

const seed = async (path: string, data: object) => stack.container.db.doc(path).set(data);
const invoice = async (id: string) => (await stack.container.db.collection('invoices').doc(id).get()).data() as Invoice | undefined;
const invoicesOf = async (customerId: string) => (await stack.container.db.collection('invoices').where('customer.id', '==', customerId).get()).docs.map((d) => d.id).sort();

/** What the Pub/Sub emulator POSTs to the consumer when the driver's delivery commits: its HTTP status. */
const pushDelivered = (o: Order): Promise<number> => pushEvent(stack, 'issueInvoices', 'order-events', statusChangedEvent(o));

/** A delivery: the order committed, then its event pushed to the consumer. */
async function deliver(o: Order): Promise<number> {
  await seed(`orders/${o.id}`, o);
  return pushDelivered(o);
}

const runMonth = (month = lastMonth) => call('POST', '/api/jobs/monthly-invoices', { as: 'admin', body: { month } });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'invoiced-once', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'issueInvoices') });
  call = apiClient(stack.url, stack.container);
  await bookRef().set({ period, prefix: 'AB', from: 1000, to: 1999, next: 1000 });
}, 120_000);
afterAll(() => stack.close());

describe('a customer whose terms change mid-month', () => {
  it('from cash to monthly: the cash sale before keeps its own invoice, the month’s invoice bills only the sales on account', async () => {
    const c = customer('cust-to-monthly', 'C00201', 'cash');
    await seed(`customers/${c.id}`, c);
    const before = delivered('ord-tm-5th', c, 'cash', `${lastMonth}-05T03:00:00.000Z`);
    expect(await deliver(before)).toBeLessThan(300);
    expect(await invoice('inv-ord-tm-5th')).toMatchObject({ source: { orderId: before.id } });

    await seed(`customers/${c.id}`, { ...c, paymentTerms: 'monthly' });
    const after = delivered('ord-tm-12th', c, 'monthly', `${lastMonth}-12T03:00:00.000Z`);
    expect(await deliver(after)).toBeLessThan(300);
    expect(await invoice('inv-ord-tm-12th')).toBeUndefined();

    expect((await runMonth()).status).toBe(200);
    expect(await invoice(`inv-cust-to-monthly-${lastMonth}`)).toMatchObject({ source: { orderIds: [after.id] }, amounts: { totalAmount: after.total } });
    expect(await invoicesOf(c.id)).toEqual([`inv-cust-to-monthly-${lastMonth}`, 'inv-ord-tm-5th']);
  });

  it('from monthly to cash: the sales on account before are on the month’s invoice, none on its own', async () => {
    const c = customer('cust-to-cash', 'C00202', 'monthly');
    await seed(`customers/${c.id}`, c);
    const before = delivered('ord-tc-3rd', c, 'monthly', `${lastMonth}-03T03:00:00.000Z`);
    expect(await deliver(before)).toBeLessThan(300);

    await seed(`customers/${c.id}`, { ...c, paymentTerms: 'cash' });
    // The first event redelivered after the change still leaves the order to its month.
    expect(await pushDelivered(before)).toBeLessThan(300);
    const after = delivered('ord-tc-15th', c, 'cash', `${lastMonth}-15T03:00:00.000Z`);
    expect(await deliver(after)).toBeLessThan(300);

    const res = await runMonth();
    expect(res.status).toBe(200);
    expect(await invoice(`inv-cust-to-cash-${lastMonth}`)).toMatchObject({ source: { orderIds: [before.id] }, amounts: { totalAmount: before.total } });
    expect(await invoicesOf(c.id)).toEqual([`inv-cust-to-cash-${lastMonth}`, 'inv-ord-tc-15th']);
  });
});

describe('orders whose events dead-lettered', () => {
  it('are invoiced by the evening run once numbers are there again, 503 while they are not, nothing twice on a rerun', async () => {
    const c = customer('cust-dlq', 'C00203', 'cash');
    await seed(`customers/${c.id}`, c);
    const book = (await bookRef().get()).data() as { next: number; to: number };
    await bookRef().update({ to: book.next - 1 });
    const first = delivered('ord-dlq-1', c, 'cash', new Date(Date.now() - 120_000).toISOString());
    const second = delivered('ord-dlq-2', c, 'transfer', new Date(Date.now() - 60_000).toISOString());
    // Pub/Sub redelivers these until it gives up and dead-letters the events: nothing more reaches the consumer.
    expect(await deliver(first)).toBeGreaterThanOrEqual(500);
    expect(await deliver(second)).toBeGreaterThanOrEqual(500);

    const stillOut = await runMonth();
    expect(stillOut.status).toBe(503);
    // The oldest is tried; the other would meet the same used-up book.
    expect(stillOut.body.orders).toMatchObject({ missing: 2, issued: 0, failed: [{ orderId: first.id, code: 'INVOICE.BOOK_EXHAUSTED' }], notTried: 1 });
    expect(await invoicesOf(c.id)).toEqual([]);

    await bookRef().update({ to: book.to });
    const caughtUp = await runMonth();
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.orders).toMatchObject({ missing: 2, issued: 2, failed: [], notTried: 0 });
    expect(await invoice('inv-ord-dlq-1')).toMatchObject({ source: { orderId: first.id }, amounts: { totalAmount: first.total } });
    expect(await invoice('inv-ord-dlq-2')).toMatchObject({ source: { orderId: second.id }, amounts: { totalAmount: second.total } });

    const rerun = await runMonth();
    expect(rerun.body.orders).toMatchObject({ missing: 0, issued: 0, failed: [] });
    expect(await invoicesOf(c.id)).toEqual(['inv-ord-dlq-1', 'inv-ord-dlq-2']);
  });
});

describe('a delivery on account that commits while the run issues its month’s invoice', () => {
  it('is not left off both invoices: the same run, after the month’s, gives it its own', async () => {
    const c = customer('cust-race', 'C00204', 'monthly');
    await seed(`customers/${c.id}`, c);
    const early = delivered('ord-race-early', c, 'monthly', `${lastMonth}-08T03:00:00.000Z`);
    expect(await deliver(early)).toBeLessThan(300);
    const late = delivered('ord-race-late', c, 'monthly', `${lastMonth}-20T13:50:00.000Z`);

    const issuer = stack.container.invoiceIssuer;
    const issue = issuer.issue.bind(issuer);
    const seen: { consumer?: number; ownAtDelivery?: Invoice | undefined } = {};
    // The run has read the month's orders and asks for the month's invoice: the late delivery commits now, and its
    // consumer finds no month's invoice yet, so it leaves the order to it.
    const spy = jest.spyOn(issuer, 'issue').mockImplementation(async (draft: InvoiceDraft) => {
      if (draft.id === `inv-cust-race-${lastMonth}` && seen.consumer === undefined) {
        seen.consumer = await deliver(late);
        seen.ownAtDelivery = await invoice('inv-ord-race-late');
      }
      return issue(draft);
    });
    try {
      const res = await runMonth();
      expect(res.status).toBe(200);
      expect(res.body.orders).toMatchObject({ issued: 1, failed: [] });
    } finally {
      spy.mockRestore();
    }
    expect(seen).toEqual({ consumer: expect.any(Number), ownAtDelivery: undefined });
    expect(seen.consumer).toBeLessThan(300);
    expect(await invoice(`inv-cust-race-${lastMonth}`)).toMatchObject({ source: { orderIds: [early.id] } });
    expect(await invoice('inv-ord-race-late')).toMatchObject({ source: { orderId: late.id }, amounts: { totalAmount: late.total } });
    expect(await invoicesOf(c.id)).toEqual([`inv-cust-race-${lastMonth}`, 'inv-ord-race-late']);
  });
});

describe('a delivery on account booked late (補登): its month closed before the month’s invoices ran', () => {
  it('is on the invoice of the month it is booked in, as its statement line, and on no other: each month’s invoice bills what its statement charges', async () => {
    const c = customer('cust-booked-late', 'C00205', 'monthly');
    await seed(`customers/${c.id}`, c);
    const closedMonth = previousMonth(lastMonth);
    const doorDay = monthBounds(closedMonth).lastDay;
    const before = delivered('ord-bl-before', c, 'monthly', `${closedMonth}-10T03:00:00.000Z`);
    expect(await deliver(before)).toBeLessThan(300);
    // The month is closed before its invoices run (the admin confirming the driver's day not settled yet and its 月結 invoices not issued); then a phone's queue syncs a delivery of its last evening, booked on the first open day.
    expect((await call('PUT', '/api/books', { as: 'admin', body: { closedThrough: doorDay, confirmUnsettledDays: true, confirmInvoiceRunsDue: true } })).status).toBe(200);
    const doorDelivery = delivered('ord-bl-late', c, 'monthly', `${doorDay}T10:00:00.000Z`);
    const late: Order = { ...doorDelivery, delivery: { ...doorDelivery.delivery!, bookedOn: `${lastMonth}-01` } };
    expect(await deliver(late)).toBeLessThan(300);
    const after = delivered('ord-bl-after', c, 'monthly', `${lastMonth}-12T03:00:00.000Z`);
    expect(await deliver(after)).toBeLessThan(300);
    expect(await invoicesOf(c.id)).toEqual([]);

    expect((await runMonth(closedMonth)).status).toBe(200);
    expect((await runMonth(lastMonth)).status).toBe(200);
    // A rerun of each, and the late sale's event redelivered, issue nothing more.
    expect((await runMonth(closedMonth)).body).toMatchObject({ issued: 0, orders: { issued: 0 } });
    expect((await runMonth(lastMonth)).body).toMatchObject({ issued: 0, orders: { issued: 0 } });
    expect(await pushDelivered(late)).toBeLessThan(300);
    expect(await invoicesOf(c.id)).toEqual([`inv-cust-booked-late-${closedMonth}`, `inv-cust-booked-late-${lastMonth}`]);

    const statementOf = async (month: string) => (await call('GET', `/api/statements/${c.id}?month=${month}`, { as: 'office' })).body;
    const [closed, booked] = [await statementOf(closedMonth), await statementOf(lastMonth)];
    const closedInvoice = await invoice(`inv-cust-booked-late-${closedMonth}`);
    const bookedInvoice = await invoice(`inv-cust-booked-late-${lastMonth}`);
    expect(closedInvoice).toMatchObject({ source: { orderIds: [before.id] }, amounts: { totalAmount: closed.totals.charges } });
    expect(bookedInvoice).toMatchObject({ source: { orderIds: [late.id, after.id] }, amounts: { totalAmount: booked.totals.charges } });
    expect(booked.lines.map((l: { orderId: string; deliveredOn?: string; invoice?: object }) => [l.orderId, l.deliveredOn, l.invoice])).toEqual([
      [late.id, doorDay, { number: bookedInvoice!.number, status: 'issued' }],
      [after.id, undefined, { number: bookedInvoice!.number, status: 'issued' }],
    ]);
  });

  it('gets its own invoice from the evening run when its door day is before the catch-up’s window and its event dead-lettered, on account or in cash, once', async () => {
    const c = customer('cust-late-dlq', 'C00207', 'monthly');
    await seed(`customers/${c.id}`, c);
    const closedMonth = previousMonth(lastMonth);
    const after = delivered('ord-ld-after', c, 'monthly', `${lastMonth}-12T03:00:00.000Z`);
    expect(await deliver(after)).toBeLessThan(300);
    expect((await runMonth(lastMonth)).status).toBe(200);
    // Phones' queues synced after the month's invoice went out; their events dead-lettered (never pushed here). The first
    // two are booked into the month just invoiced, the third, with the books a month further behind, into the month before.
    const bookedLate = (id: string, paymentMethod: PaymentMethod, at: string, bookedOn: string): Order => {
      const o = delivered(id, c, paymentMethod, at);
      return { ...o, delivery: { ...o.delivery!, bookedOn } };
    };
    const onAccount = bookedLate('ord-ld-account', 'monthly', `${closedMonth}-10T03:00:00.000Z`, monthBounds(lastMonth).lastDay);
    const cash = bookedLate('ord-ld-cash', 'cash', `${closedMonth}-05T03:00:00.000Z`, `${lastMonth}-01`);
    const cashLongAgo = bookedLate('ord-ld-cash-old', 'cash', `${previousMonth(closedMonth)}-05T03:00:00.000Z`, `${closedMonth}-01`);
    for (const o of [onAccount, cash, cashLongAgo]) await seed(`orders/${o.id}`, o);

    const res = await runMonth(lastMonth);
    expect(res.status).toBe(200);
    expect(res.body.orders.failed).toEqual([]);
    for (const o of [onAccount, cash, cashLongAgo]) expect(await invoice(`inv-${o.id}`)).toMatchObject({ source: { orderId: o.id, deliveredOn: o.delivery!.at.slice(0, 10) }, amounts: { totalAmount: o.total } });
    expect(await invoice(`inv-${c.id}-${lastMonth}`)).toMatchObject({ source: { orderIds: [after.id] } });
    expect((await runMonth(lastMonth)).body.orders).toMatchObject({ issued: 0, failed: [] });
    expect(await invoicesOf(c.id)).toEqual([`inv-${c.id}-${lastMonth}`, 'inv-ord-ld-account', 'inv-ord-ld-cash', 'inv-ord-ld-cash-old']);
  });

  it('stays on its door month’s invoice where a run from before this rule listed it: on no second one, and the booked month’s statement names that one', async () => {
    const c = customer('cust-listed-late', 'C00206', 'monthly');
    await seed(`customers/${c.id}`, c);
    const closedMonth = previousMonth(lastMonth);
    const doorDay = monthBounds(closedMonth).lastDay;
    const doorDelivery = delivered('ord-ll-late', c, 'monthly', `${doorDay}T10:00:00.000Z`);
    const late: Order = { ...doorDelivery, delivery: { ...doorDelivery.delivery!, bookedOn: `${lastMonth}-01` } };
    const after = delivered('ord-ll-after', c, 'monthly', `${lastMonth}-12T03:00:00.000Z`);
    await seed(`orders/${late.id}`, late);
    await seed(`orders/${after.id}`, after);
    const doorInvoiceId = `inv-${c.id}-${closedMonth}`;
    await seed(`invoices/${doorInvoiceId}`, anIssuedInvoice(doorInvoiceId, c, 'ZZ00000001', { source: { customerId: c.id, month: closedMonth, orderIds: [late.id] } }));

    expect((await runMonth(lastMonth)).status).toBe(200);
    // Its event redelivered after the booked month's invoice went out without it.
    expect(await pushDelivered(late)).toBeLessThan(300);
    expect(await invoice(`inv-${c.id}-${lastMonth}`)).toMatchObject({ source: { orderIds: [after.id] } });
    expect(await invoicesOf(c.id)).toEqual([doorInvoiceId, `inv-${c.id}-${lastMonth}`]);
    const booked = (await call('GET', `/api/statements/${c.id}?month=${lastMonth}`, { as: 'office' })).body;
    expect(booked.lines.find((l: { orderId: string }) => l.orderId === late.id)?.invoice).toEqual({ number: 'ZZ00000001', status: 'issued' });
  });
});
