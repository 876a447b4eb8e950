/**
 * What an invoice bills, as the office's list names it — 「訂單 11/27 王小明 20 公斤 × 2」, 「月結 2026/10 林家麵店」 —
 * worked out from the invoice alone, so a page of invoices costs no read of their orders.
 */
import { sizeQuantitySchema, sumBySize } from '../cylinders';
import { calendarDateSchema, z } from '../schema';
import { invoiceMonthSchema, invoiceSchema, lineSize, type Invoice } from './invoice';

export const invoiceSourceSummarySchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('order'),
      orderId: z.string(),
      /** Null on an invoice issued before the delivery day was kept on it. */
      deliveredOn: calendarDateSchema.nullable(),
      customerName: z.string(),
      /** The cylinders billed, by size. */
      items: z.array(sizeQuantitySchema),
    }),
    z.object({
      type: z.literal('month'),
      customerId: z.string(),
      month: invoiceMonthSchema,
      customerName: z.string(),
      orderCount: z.number().int().min(1),
    }),
  ])
  .openapi('InvoiceSourceSummary', {
    description: 'The order (its delivery day, customer and cylinders) or the monthly customer’s month the invoice bills, for a list to show and open',
    example: { type: 'order', orderId: 'ord-20261128-0001', deliveredOn: '2026-11-28', customerName: '林記麵館', items: [{ size: 20, quantity: 2 }] },
  });
export type InvoiceSourceSummary = z.infer<typeof invoiceSourceSummarySchema>;

export function invoiceSourceSummary(invoice: Pick<Invoice, 'source' | 'customer' | 'lines'>): InvoiceSourceSummary {
  const { source, customer } = invoice;
  if ('orderIds' in source) {
    return { type: 'month', customerId: source.customerId, month: source.month, customerName: customer.name, orderCount: source.orderIds.length };
  }
  const items = sumBySize([invoice.lines.flatMap((l) => {
    const size = lineSize(l.description);
    return size === null ? [] : [{ size, quantity: l.quantity }];
  })]);
  return { type: 'order', orderId: source.orderId, deliveredOn: source.deliveredOn ?? null, customerName: customer.name, items };
}

/** An invoice as `GET /api/invoices` lists it: as stored, with what it bills summed up. */
export const listedInvoiceSchema = invoiceSchema.extend({ sourceSummary: invoiceSourceSummarySchema }).openapi('ListedInvoice');
export type ListedInvoice = z.infer<typeof listedInvoiceSchema>;

export const listedInvoice = (invoice: Invoice): ListedInvoice => ({ ...invoice, sourceSummary: invoiceSourceSummary(invoice) });
