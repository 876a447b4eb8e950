/**
 * The invoice number each line of a statement was billed on, for the statement page and the bookkeeper's CSV: an order
 * is on the customer's invoice of the month (月結) when that lists it, else on its own; a void invoice gives way to its
 * reissue, which bills the same sale. A line not invoiced yet has none.
 */
import { monthlyInvoiceId, orderInvoiceId, type Invoice } from '../invoicing/invoice';
import type { Statement, StatementInvoice, StatementLine } from './statement';

/** What a statement needs of an invoice it names. */
export type BilledInvoice = Pick<Invoice, 'number' | 'status' | 'source' | 'reissuedAs'>;

/** More reissues of one sale than any real one has: a chain longer than this is cut rather than followed for ever. */
export const MAX_REISSUES = 20;

/** The invoices a statement's lines may be billed on: the month's and each order's own. */
export const statementInvoiceIds = (customerId: string, month: string, lines: readonly Pick<StatementLine, 'orderId'>[]): string[] => [
  monthlyInvoiceId(customerId, month),
  ...lines.map((l) => orderInvoiceId(l.orderId)),
];

/** The sale's valid invoice: `invoice` or the last of its reissues among `known`. */
function valid(invoice: BilledInvoice, known: ReadonlyMap<string, BilledInvoice>): StatementInvoice {
  let current = invoice;
  for (let i = 0; i < MAX_REISSUES && current.reissuedAs; i++) {
    const next = known.get(current.reissuedAs);
    if (!next) break;
    current = next;
  }
  return { number: current.number, status: current.status };
}

/** The statement with the invoice each line was billed on and the month's invoice, from the invoices read (`statementInvoiceIds` and their reissues). */
export function withInvoices(statement: Statement, known: ReadonlyMap<string, BilledInvoice>): Statement {
  const monthly = known.get(monthlyInvoiceId(statement.customer.id, statement.month));
  const lines = statement.lines.map((l) => {
    const own = monthly && 'orderIds' in monthly.source && monthly.source.orderIds.includes(l.orderId) ? monthly : known.get(orderInvoiceId(l.orderId));
    return own ? { ...l, invoice: valid(own, known) } : l;
  });
  return { ...statement, lines, ...(monthly ? { monthInvoice: valid(monthly, known) } : {}) };
}
