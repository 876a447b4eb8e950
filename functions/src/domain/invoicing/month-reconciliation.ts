/**
 * A Taipei month's invoices against its sales, as the accountant reconciles them (audit 20 F6): the periods are
 * bi-monthly, but the books close monthly, and the month's 月報 revenue should tie to the invoices dated in the month.
 * Where it does not, every dollar of the difference is named: a sale of the month whose invoice is void and not
 * reissued, one not invoiced yet (月結 waits for the month's run), one whose valid invoice is dated in another month (a
 * void reissued later, a run caught up the next month), and invoices dated in the month that bill other months' sales.
 * Allowances (折讓) issued in the month are shown apart: they lower the invoiced sales, never the delivered orders the
 * 月報 counts.
 */
import { billedMonth, doorMonthInvoiceIdOf, listsOrder, monthInvoiceIdOf, orderInvoiceId, type Invoice } from './invoice';
import { taipeiDate } from '../clock';
import { isCollectionOnly, type DeliveryRecord, type Order } from '../orders/order';
import { statementMonthSchema } from '../billing/statement';
import { MAX_REISSUES } from '../billing/statement-invoices';
import { calendarDateSchema, moneySchema, z } from '../schema';
import { invoiceAmountsSchema } from './tax';

/** What the reconciliation reads of an order: the 月報's fields for its revenue and month. */
export type ReconciledOrder = Pick<Order, 'id' | 'customerId' | 'items' | 'total'> & { readonly delivery: Pick<DeliveryRecord, 'at' | 'bookedOn'> };

/** What it reads of an invoice that may bill one of them, and of those it leads to by `reissuedAs`. */
export type ChainedInvoice = Pick<Invoice, 'number' | 'status' | 'source' | 'reissuedAs' | 'issuedAt'>;

/** An invoice dated in the month and still valid. */
export type MonthInvoice = Pick<Invoice, 'id' | 'number' | 'amounts'>;

const countSchema = z.number().int().nonnegative();
// An invoice dated in the month could in principle bill less than the month's sales on it: signed, so nothing is hidden.
const namedSchema = z.object({ number: z.string(), amount: z.number().int() });

/** A month's invoices added up: the valid ones dated in it summed, the voided ones and the allowances apart. */
export const monthInvoiceTotalsSchema = invoiceAmountsSchema
  .extend({
    month: statementMonthSchema,
    count: countSchema,
    /** Invoices dated in the month and voided since, whether reissued or not: in none of the sums above. */
    voided: z.object({ count: countSchema, totalAmount: moneySchema }),
    /** Live allowances (折讓) issued in the month: the return subtracts them from the sales. */
    allowances: invoiceAmountsSchema.extend({ count: countSchema }),
  })
  .openapi('InvoiceMonthTotals');
export type MonthInvoiceTotals = z.infer<typeof monthInvoiceTotalsSchema>;

export const monthReconciliationSchema = z
  .object({
    month: statementMonthSchema,
    /** The 月報's revenue: the orders billed in the month (delivered, or booked late into it), what they charged. */
    revenue: moneySchema,
    deliveries: countSchema,
    /** The valid invoices dated in the month. */
    invoiced: z.object({ count: countSchema, totalAmount: moneySchema }),
    /** The month's sales whose chain of invoices ends in a void one: no valid invoice. */
    voidNotReissued: z.object({ amount: moneySchema, invoices: z.array(namedSchema) }),
    /** The month's sales on no invoice yet: on account, until the month's run (月結); or their own still missing. */
    notInvoiced: z.object({ amount: moneySchema, count: countSchema }),
    /** The month's sales whose valid invoice is dated in another month, as the law dates an invoice the day it is issued. */
    invoicedInOtherMonths: z.object({ amount: moneySchema, invoices: z.array(namedSchema.extend({ issuedOn: calendarDateSchema })) }),
    /** What invoices dated in the month bill beyond the month's sales: a reissue of an earlier sale, an earlier month's run. */
    forOtherMonths: z.object({ amount: z.number().int(), invoices: z.array(namedSchema) }),
    /** Live allowances issued in the month, apart: the 月報 counts the delivered orders, which an allowance does not change. */
    allowances: z.object({ count: countSchema, totalAmount: moneySchema }),
  })
  .openapi('InvoiceMonthReconciliation', {
    description: 'revenue = invoiced − forOtherMonths + invoicedInOtherMonths + voidNotReissued + notInvoiced, to the dollar',
  });
export type MonthReconciliation = z.infer<typeof monthReconciliationSchema>;

/** The ids of the invoices that may bill the orders: each one's own, its month's (月結) and, booked late, its door month's. */
export const reconciledInvoiceIds = (orders: readonly ReconciledOrder[]): string[] => [
  ...new Set(
    orders.flatMap((o) => {
      return [orderInvoiceId(o.id), monthInvoiceIdOf(o), doorMonthInvoiceIdOf(o)].filter((id) => id !== null);
    }),
  ),
];

/** The orders the 月報 counts in the month: sales (not a collection of empties) billed in it. */
export const salesOfMonth = <O extends ReconciledOrder>(month: string, orders: readonly O[]): O[] => orders.filter((o) => !isCollectionOnly(o) && billedMonth(o) === month);

/** The invoice an order is billed on (a month's listing it, else its own), followed to its last reissue; null when none. */
function validInvoiceOf(order: ReconciledOrder, known: ReadonlyMap<string, ChainedInvoice>): (ChainedInvoice & { id: string }) | null {
  const listing = [monthInvoiceIdOf(order), doorMonthInvoiceIdOf(order)].find((id) => id !== null && listsOrder(known.get(id) ?? null, order.id));
  let id = listing ?? orderInvoiceId(order.id);
  let invoice = known.get(id);
  for (let i = 0; i < MAX_REISSUES && invoice?.reissuedAs && known.has(invoice.reissuedAs); i++) {
    id = invoice.reissuedAs;
    invoice = known.get(id);
  }
  return invoice ? { ...invoice, id } : null;
}

function addTo(into: Map<string, { number: string; amount: number; issuedOn: string }>, invoice: ChainedInvoice, amount: number): void {
  const named = into.get(invoice.number) ?? { number: invoice.number, amount: 0, issuedOn: taipeiDate(new Date(invoice.issuedAt)) };
  named.amount += amount;
  into.set(invoice.number, named);
}

/**
 * The month's reconciliation from its sales (`salesOfMonth`), the invoices that may bill them with their reissues
 * (`reconciledInvoiceIds`, then `reissuedAs`), the valid invoices dated in the month and the month's allowances' sum.
 */
export function reconcileMonth(
  month: string,
  orders: readonly ReconciledOrder[],
  known: ReadonlyMap<string, ChainedInvoice>,
  dated: readonly MonthInvoice[],
  allowances: MonthReconciliation['allowances'],
): MonthReconciliation {
  const sales = salesOfMonth(month, orders);
  const billedHere = new Map<string, number>();
  const voids = new Map<string, { number: string; amount: number; issuedOn: string }>();
  const elsewhere = new Map<string, { number: string; amount: number; issuedOn: string }>();
  let notInvoiced = { amount: 0, count: 0 };
  for (const order of sales) {
    const invoice = validInvoiceOf(order, known);
    if (!invoice) notInvoiced = { amount: notInvoiced.amount + order.total, count: notInvoiced.count + 1 };
    else if (invoice.status === 'void') addTo(voids, invoice, order.total);
    else if (taipeiDate(new Date(invoice.issuedAt)).slice(0, 7) !== month) addTo(elsewhere, invoice, order.total);
    else billedHere.set(invoice.id, (billedHere.get(invoice.id) ?? 0) + order.total);
  }
  const beyond = dated.flatMap((i) => {
    const amount = i.amounts.totalAmount - (billedHere.get(i.id) ?? 0);
    return amount === 0 ? [] : [{ number: i.number, amount }];
  });
  const sum = (named: readonly { amount: number }[]) => named.reduce((s, n) => s + n.amount, 0);
  return {
    month,
    revenue: sum(sales.map((o) => ({ amount: o.total }))),
    deliveries: sales.length,
    invoiced: { count: dated.length, totalAmount: sum(dated.map((i) => ({ amount: i.amounts.totalAmount }))) },
    voidNotReissued: { amount: sum([...voids.values()]), invoices: [...voids.values()].map(({ number, amount }) => ({ number, amount })) },
    notInvoiced,
    invoicedInOtherMonths: { amount: sum([...elsewhere.values()]), invoices: [...elsewhere.values()] },
    forOtherMonths: { amount: sum(beyond), invoices: beyond },
    allowances,
  };
}
