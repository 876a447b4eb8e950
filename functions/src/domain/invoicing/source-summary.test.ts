import { CYLINDER_SIZES } from '../cylinders';
import type { Order } from '../orders/order';
import { exampleOf } from '../schema';
import { aCustomer, anIssuedInvoice, anOrder, OFFICE } from '../test-support';
import { issuedInvoice, lineDescription, lineSize, monthlyInvoiceDraft, orderInvoiceDraft, reissueDraft, voidInvoice, type InvoiceDraft } from './invoice';
import { invoiceSourceSummary, invoiceSourceSummarySchema, listedInvoice, listedInvoiceSchema } from './source-summary';

const cash = aCustomer().withId('cust-1').withCode('C00001').with({ name: '王小明', paymentTerms: 'cash' }).build();
const monthly = aCustomer().withId('cust-2').withCode('C00002').with({ name: '林家麵店', paymentTerms: 'monthly' }).build();

const deliveredAt = (order: Order, at: string): Order => ({ ...order, delivery: { at, delivered: order.items.map(({ size, quantity }) => ({ size, quantity })), emptiesCollected: [], cashCollected: 0 } });
const issue = (draft: InvoiceDraft | null, at = '2026-11-28T02:00:00Z') => {
  if (!draft) throw new Error('draft expected');
  return issuedInvoice(draft, { number: 'AB00000001', randomNumber: '0427', issuedAt: new Date(at), providerRef: 'ref' }, 'local-book');
};

describe('what an invoice bills, for the office’s list', () => {
  it('names an order by its Taipei delivery day, the customer and the cylinders by size', () => {
    // 01:30 on 28 November in Taipei is still 27 November in UTC.
    const order = deliveredAt(anOrder().withId('ord-1').forCustomer(cash).with({ items: [{ size: 20, quantity: 2 }, { size: 4, quantity: 1 }] }).inStatus('delivered').build(), '2026-11-27T17:30:00Z');
    const invoice = issue(orderInvoiceDraft(order, cash));
    expect(invoice.source).toEqual({ orderId: 'ord-1', deliveredOn: '2026-11-28' });
    expect(invoiceSourceSummary(invoice)).toEqual({
      type: 'order',
      orderId: 'ord-1',
      deliveredOn: '2026-11-28',
      customerName: '王小明',
      items: [{ size: 4, quantity: 1 }, { size: 20, quantity: 2 }],
    });
  });

  it('keeps the day on a reissue, which bills the same order', () => {
    const order = deliveredAt(anOrder().withId('ord-2').forCustomer(cash).inStatus('delivered').build(), '2026-11-20T03:00:00Z');
    const voided = voidInvoice(issue(orderInvoiceDraft(order, cash)), { reason: '載具填錯' }, { by: OFFICE, now: new Date('2026-11-29T02:00:00Z') });
    const reissued = issue(reissueDraft(voided, cash), '2026-11-29T03:00:00Z');
    expect(invoiceSourceSummary(reissued)).toEqual(invoiceSourceSummary(voided));
    expect(invoiceSourceSummary(reissued)).toMatchObject({ type: 'order', deliveredOn: '2026-11-20' });
  });

  it('still names the order and its cylinders on an invoice issued before the day was kept, without a day', () => {
    const old = anIssuedInvoice('inv-ord-old', cash, 'AB00000002', { source: { orderId: 'ord-old' }, lines: [{ description: '液化石油氣 50公斤', quantity: 3, unitPrice: 2000, amount: 6000 }] });
    expect(invoiceSourceSummary(old)).toEqual({ type: 'order', orderId: 'ord-old', deliveredOn: null, customerName: '王小明', items: [{ size: 50, quantity: 3 }] });
  });

  it('adds up a size billed at two prices as one', () => {
    const lines = [
      { description: lineDescription(20), quantity: 1, unitPrice: 850, amount: 850 },
      { description: lineDescription(20), quantity: 2, unitPrice: 880, amount: 1760 },
    ];
    expect(invoiceSourceSummary({ ...anIssuedInvoice('inv-ord-3', cash, 'AB00000003'), lines })).toMatchObject({ items: [{ size: 20, quantity: 3 }] });
  });

  it('names a monthly invoice by its month, the customer and how many deliveries it bills', () => {
    const orders = ['2026-10-03T02:00:00Z', '2026-10-17T02:00:00Z'].map((at, i) => deliveredAt(anOrder().withId(`ord-m${i}`).forCustomer(monthly).inStatus('delivered').build(), at));
    const invoice = issue(monthlyInvoiceDraft(monthly, '2026-10', orders, new Set()), '2026-10-31T14:30:00Z');
    expect(invoiceSourceSummary(invoice)).toEqual({ type: 'month', customerId: 'cust-2', month: '2026-10', customerName: '林家麵店', orderCount: 2 });
  });

  it('lists an invoice as stored, with its summary, in the shape the API documents', () => {
    const invoice = anIssuedInvoice('inv-ord-4', cash, 'AB00000004', { source: { orderId: 'ord-4', deliveredOn: '2026-11-27' } });
    const listed = listedInvoice(invoice);
    expect(listed).toEqual({ ...invoice, sourceSummary: invoiceSourceSummary(invoice) });
    expect(listedInvoiceSchema.parse(listed)).toEqual(listed);
    expect(invoiceSourceSummarySchema.safeParse(exampleOf(invoiceSourceSummarySchema)).success).toBe(true);
  });
});

describe('reading a line’s size back', () => {
  it('reads every size from the text the line was written with, and nothing from other text', () => {
    expect(CYLINDER_SIZES.map((size) => lineSize(lineDescription(size)))).toEqual([...CYLINDER_SIZES]);
    for (const text of ['液化石油氣 25公斤', '銷貨折讓', '液化石油氣 20公斤 ', '']) expect(lineSize(text)).toBeNull();
  });
});
