/**
 * The invoice number each line of a statement was billed on, for the statement page and the bookkeeper's CSV: an order
 * is on the customer's invoice of the month (月結) when that lists it, else on its own; a void invoice gives way to its
 * reissue, which bills the same sale. A line not invoiced yet has none. A line booked late (補登, `deliveredOn`) is on
 * the statement month's invoice, or on its door month's where a run from before sales were invoiced in the month they
 * are billed in listed it (`doorMonthInvoiceIdOf`).
 */
import { listsOrder, monthlyInvoiceId, orderInvoiceId, type Invoice } from '../invoicing/invoice';
import type { Statement, StatementInvoice, StatementLine } from './statement';

/** What a statement needs of an invoice it names. */
export type BilledInvoice = Pick<Invoice, 'number' | 'status' | 'source' | 'reissuedAs'>;

/** More reissues of one sale than any real one has: a chain longer than this is cut rather than followed for ever. */
export const MAX_REISSUES = 20;

/** For a line booked late, its door month's invoice (`doorMonthInvoiceIdOf`, from the line's door day); null for any other. */
const doorMonthInvoiceId = (customerId: string, line: Pick<StatementLine, 'deliveredOn'>): string | null =>
  line.deliveredOn ? monthlyInvoiceId(customerId, line.deliveredOn.slice(0, 7)) : null;

/** The invoices a statement's lines may be billed on: the month's, each order's own, and the door months' of lines booked late. */
export const statementInvoiceIds = (customerId: string, month: string, lines: readonly Pick<StatementLine, 'orderId' | 'deliveredOn'>[]): string[] => [
  monthlyInvoiceId(customerId, month),
  ...lines.map((l) => orderInvoiceId(l.orderId)),
  ...new Set(lines.flatMap((l) => doorMonthInvoiceId(customerId, l) ?? [])),
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
    const doorMonthly = known.get(doorMonthInvoiceId(statement.customer.id, l) ?? '');
    const own = [monthly, doorMonthly].find((i) => i !== undefined && listsOrder(i, l.orderId)) ?? known.get(orderInvoiceId(l.orderId));
    return own ? { ...l, invoice: valid(own, known) } : l;
  });
  return { ...statement, lines, ...(monthly ? { monthInvoice: valid(monthly, known) } : {}) };
}
