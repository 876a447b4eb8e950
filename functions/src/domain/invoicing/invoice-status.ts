/** Apart from invoice.ts, which reads the billing month helpers: a statement names an invoice's status without a cycle back. */
export const INVOICE_STATUSES = ['issued', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
