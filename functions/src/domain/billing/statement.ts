import { addDays, taipeiInstant } from '../calendar';
import { taipeiDate } from '../clock';
import { sizeQuantityListSchema, sumBySize } from '../cylinders';
import { PAYMENT_TERMS, type Customer } from '../customers';
import { DomainError } from '../errors';
import type { Allowance } from '../invoicing/allowance';
import { INVOICE_STATUSES } from '../invoicing/invoice-status';
import { isCollectionOnly, pricedLineSchema, type Order } from '../orders/order';
import { calendarDateSchema, instantSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import { depositHeldSchema, depositSchema, depositsHeld, depositsHeldBefore, type Deposit } from './deposit';
import { billedAt } from './late-booking';
import { paymentSchema, paymentsTotal, type Payment } from './payment';
import { refundSchema, refundsTotal, type Refund } from './refund';

/** `YYYY-MM`, a calendar month in Taipei. */
export const statementMonthSchema = z
  .string('STATEMENT.MONTH_INVALID')
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'STATEMENT.MONTH_INVALID')
  .openapi({ description: 'Calendar month in Taipei, YYYY-MM', example: '2026-11' });

/** An invoice as a statement names it: the valid one of its sale (a void one's last reissue), void only when never reissued. */
const statementInvoiceSchema = z.object({ number: z.string(), status: z.enum(INVOICE_STATUSES) }).openapi('StatementInvoice');
export type StatementInvoice = z.infer<typeof statementInvoiceSchema>;

const statementLineSchema = z.object({
  /** The Taipei calendar date the charge counts on: the delivery's, or for one booked late (補登) the first open day. */
  date: calendarDateSchema,
  deliveredAt: instantSchema,
  /** 補登: the Taipei day it was delivered, when that was in the closed books by the time the driver's phone synced. */
  deliveredOn: calendarDateSchema.optional(),
  orderId: z.string(),
  items: z.array(pricedLineSchema),
  total: moneySchema,
  paymentMethod: z.enum(PAYMENT_TERMS),
  /** Cash the driver took at the door, already paid. */
  cashCollected: moneySchema,
  /** The invoice it was billed on: the month's (月結) when that lists it, else its own; absent while not invoiced. */
  invoice: statementInvoiceSchema.optional(),
});
export type StatementLine = z.infer<typeof statementLineSchema>;

const statementPaymentSchema = paymentSchema.pick({ id: true, amount: true, method: true, receivedOn: true, reference: true, note: true });
export type StatementPayment = z.infer<typeof statementPaymentSchema>;

/** An allowance (折讓) issued in the month: a credit against an issued invoice, the one correction of a delivered order. */
const statementAllowanceSchema = z.object({
  /** The Taipei calendar date it was issued. */
  date: calendarDateSchema,
  issuedAt: instantSchema,
  id: z.string(),
  /** 折讓單號. */
  number: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  reason: z.string(),
  /** Tax included: what it takes off the customer's account. */
  amount: moneySchema,
});
export type StatementAllowance = z.infer<typeof statementAllowanceSchema>;

/** A refund (退款) paid in the month: credit the office paid back, which raises the balance towards zero. */
const statementRefundSchema = refundSchema.pick({ id: true, amount: true, method: true, paidOn: true, reason: true, allowanceId: true });
export type StatementRefund = z.infer<typeof statementRefundSchema>;

const statementDepositSchema = depositSchema.pick({ id: true, kind: true, size: true, count: true, amount: true, method: true, receivedOn: true, collectedOn: true, note: true });

/** Deposits (押金) are money held for the customer, not charges: a section of their own, outside every balance. */
const statementDepositsSchema = z.object({
  /** Deposits collected and refunded in the month, by the day. */
  records: z.array(statementDepositSchema),
  collected: moneySchema,
  refunded: moneySchema,
  /** The deposit held per size at the end of the month (so far, for the running month), sizes holding none left out. */
  heldAtEnd: z.array(depositHeldSchema),
  heldAtEndTotal: moneySchema,
});

export const statementSchema = z
  .object({
    month: statementMonthSchema,
    /** First and last calendar day of the month. */
    period: z.object({ from: calendarDateSchema, to: calendarDateSchema }),
    /** False for the month still running: more deliveries may come. */
    closed: z.boolean(),
    customer: z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      contactName: z.string().optional(),
      address: z.string(),
      phones: z.array(z.string()),
      paymentTerms: z.enum(PAYMENT_TERMS),
      taxId: z.string().optional(),
      companyTitle: z.string().optional(),
    }),
    lines: z.array(statementLineSchema),
    /** The customer's invoice of the month (月結, issued on the 1st after it), once issued. */
    monthInvoice: statementInvoiceSchema.optional(),
    /** Payments received in the month (voided ones left out), by the day received. */
    payments: z.array(statementPaymentSchema),
    /** Allowances (折讓) issued in the month that still stand (cancelled ones left out), by the time issued. */
    allowances: z.array(statementAllowanceSchema),
    /** Refunds (退款) paid in the month (voided ones left out), by the day paid. */
    refunds: z.array(statementRefundSchema),
    deposits: statementDepositsSchema,
    totals: z.object({
      /** What was still owed when the month began: all charges before it, less cash collected, payments received and allowances issued before it, plus refunds paid before it. */
      openingBalance: z.number().int(),
      charges: moneySchema,
      cashCollected: moneySchema,
      /** Charges less cash collected; negative when the customer paid more at the door than was charged. */
      amountDue: z.number().int(),
      /** The month's payments. */
      payments: moneySchema,
      /** The month's allowances. */
      allowances: moneySchema,
      /** The month's refunds. */
      refunds: moneySchema,
      /** openingBalance + amountDue − payments − allowances + refunds: what is owed at the end of the month (so far, for the running month); negative is a credit. */
      closingBalance: z.number().int(),
      /** Full cylinders delivered, by size, as the drivers recorded them. */
      cylinders: sizeQuantityListSchema,
      /** Empties taken back, by size, those of collection-only orders (回收空瓶, no line of their own) included. */
      emptiesCollected: sizeQuantityListSchema,
    }),
  })
  .openapi('Statement');
export type Statement = z.infer<typeof statementSchema>;

/** The Taipei month (`YYYY-MM`) an instant falls in. */
export const taipeiMonth = (instant: Date): string => taipeiDate(instant).slice(0, 7);

/** The month before a `YYYY-MM` month. */
export function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7);
}

/** The month after a `YYYY-MM` month. */
export function nextMonth(month: string): string {
  return addDays(`${month}-28`, 4).slice(0, 7);
}

/** First and last calendar day of a month, and the UTC instants bounding it in Taipei (`from` inclusive, `until` exclusive). */
export function monthBounds(month: string): { firstDay: string; lastDay: string; from: string; until: string } {
  const firstDay = `${month}-01`;
  const following = `${nextMonth(month)}-01`;
  return { firstDay, lastDay: addDays(following, -1), from: taipeiInstant(firstDay, '00:00'), until: taipeiInstant(following, '00:00') };
}

/**
 * @throws `STATEMENT.MONTH_IN_FUTURE` (precondition) for a month that has not begun in Taipei.
 * The running month is allowed, as a statement not yet closed.
 */
export function assertStatementMonth(month: string, now: Date): void {
  const current = taipeiMonth(now);
  if (month > current) {
    throw new DomainError('STATEMENT.MONTH_IN_FUTURE', 'precondition', `${month} has not begun (now ${current})`, { month });
  }
}

/**
 * Sums over a customer's account up to some point: what was charged, taken at the door, paid since (voided payments left
 * out), credited by allowances (cancelled ones left out) and paid back as refunds (voided ones left out). An allowance
 * lowers what is owed as a payment does: a delivered order is never edited, so it is the only correction of what one
 * charged; a refund hands a credit back, so it raises the balance as a charge does.
 */
export interface AccountSums {
  readonly charges: number;
  readonly cashCollected: number;
  readonly payments: number;
  readonly allowances: number;
  readonly refunds: number;
}

/** What the customer still owes on those sums; negative is a credit. */
export const balanceOf = (sums: AccountSums): number => sums.charges - sums.cashCollected - sums.payments - sums.allowances + sums.refunds;

/** What the account held before the month, and the payments received and allowances issued around it (the month's are picked here). */
export interface StatementAccount {
  readonly before: AccountSums;
  readonly payments: readonly Payment[];
  readonly allowances: readonly Allowance[];
  /** Refunds paid around the month (the month's are picked here). */
  readonly refunds: readonly Refund[];
  /** The customer's deposit records from the month's first day on: the month's are listed, later ones undone from what is held now. */
  readonly deposits?: readonly Deposit[];
}

/** The month's deposit section: its records, and the deposit held at its end worked back from what the customer holds now. */
function depositSection(customer: Customer, deposits: readonly Deposit[], firstDay: string, lastDay: string): Statement['deposits'] {
  const own = deposits.filter((d) => d.customerId === customer.id && d.receivedOn >= firstDay);
  const inMonth = own.filter((d) => d.receivedOn <= lastDay).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const heldAtEnd = depositsHeldBefore(depositsHeld(customer.cylindersOnSite), own.filter((d) => d.receivedOn > lastDay));
  const sumOf = (kind: Deposit['kind']) => inMonth.filter((d) => d.kind === kind).reduce((sum, d) => sum + d.amount, 0);
  return {
    records: inMonth.map((d) => ({
      id: d.id,
      kind: d.kind,
      size: d.size,
      count: d.count,
      amount: d.amount,
      method: d.method,
      receivedOn: d.receivedOn,
      ...(d.collectedOn ? { collectedOn: d.collectedOn } : {}),
      ...(d.note ? { note: d.note } : {}),
    })),
    collected: sumOf('collect'),
    refunded: sumOf('refund'),
    heldAtEnd,
    heldAtEndTotal: heldAtEnd.reduce((sum, h) => sum + h.amount, 0),
  };
}

const deliveredIn = (order: Order, customerId: string, from: string, until: string): order is Order & { delivery: NonNullable<Order['delivery']> } =>
  order.customerId === customerId && order.status === 'delivered' && order.delivery !== undefined && billedAt(order.delivery) >= from && billedAt(order.delivery) < until;

/**
 * A customer's monthly statement (月結對帳單): one line per order delivered in the Taipei month, by
 * delivery time (one booked late, 補登, on its booked day instead: `billedAt`); failed and cancelled orders are not billed. Charges are the orders' server-side
 * prices; cash the driver collected at the door is deducted from the amount due. The balance carries over:
 * the opening balance is what `account.before` leaves owed, the month's payments (received, by day) and allowances
 * (issued, by the Taipei day of `issuedAt`; cancelled ones count nowhere) reduce the closing balance, and its refunds (paid,
 * by day; voided ones count nowhere) raise it back, as the credit they pay out is gone. Deposits collected and refunded are listed apart, with the deposit held at the month's end:
 * they are money held for the customer and count in no balance.
 * @throws `STATEMENT.MONTH_IN_FUTURE` for a month that has not begun.
 */
export function buildStatement(customer: Customer, month: string, orders: readonly Order[], account: StatementAccount, now: Date): Statement {
  assertStatementMonth(month, now);
  const { firstDay, lastDay, from, until } = monthBounds(month);
  const delivered = orders.filter((o) => deliveredIn(o, customer.id, from, until));
  // A collection-only order (回收空瓶) charged nothing, so it is no line of the statement; the empties it took back count
  // in the month's all the same.
  const billed = delivered
    .filter((o) => !isCollectionOnly(o))
    .sort((a, b) => billedAt(a.delivery).localeCompare(billedAt(b.delivery)) || a.delivery.at.localeCompare(b.delivery.at) || a.id.localeCompare(b.id));
  const lines: StatementLine[] = billed.map((o) => ({
    date: taipeiDate(new Date(billedAt(o.delivery))),
    deliveredAt: o.delivery.at,
    ...(o.delivery.bookedOn ? { deliveredOn: taipeiDate(new Date(o.delivery.at)) } : {}),
    orderId: o.id,
    items: o.items,
    total: o.total,
    paymentMethod: o.paymentMethod,
    cashCollected: o.delivery.cashCollected,
  }));
  const charges = lines.reduce((sum, l) => sum + l.total, 0);
  const cashCollected = lines.reduce((sum, l) => sum + l.cashCollected, 0);
  const received = account.payments
    .filter((p) => p.customerId === customer.id && p.status === 'received' && p.receivedOn >= firstDay && p.receivedOn <= lastDay)
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const credited = account.allowances
    .filter((a) => a.customer.id === customer.id && a.status === 'issued' && a.issuedAt >= from && a.issuedAt < until)
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number));
  const paidBack = account.refunds
    .filter((r) => r.customerId === customer.id && r.status === 'paid' && r.paidOn >= firstDay && r.paidOn <= lastDay)
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const openingBalance = balanceOf(account.before);
  const payments = paymentsTotal(received);
  const allowances = credited.reduce((sum, a) => sum + a.amounts.totalAmount, 0);
  const refunds = refundsTotal(paidBack);
  return {
    month,
    period: { from: firstDay, to: lastDay },
    closed: month < taipeiMonth(now),
    customer: {
      id: customer.id,
      code: customer.code,
      name: customer.name,
      ...(customer.contactName ? { contactName: customer.contactName } : {}),
      address: customer.address.full,
      phones: customer.phones,
      paymentTerms: customer.paymentTerms,
      ...(customer.invoice.taxId ? { taxId: customer.invoice.taxId } : {}),
      ...(customer.invoice.companyTitle ? { companyTitle: customer.invoice.companyTitle } : {}),
    },
    lines,
    payments: received.map((p) => ({
      id: p.id,
      amount: p.amount,
      method: p.method,
      receivedOn: p.receivedOn,
      ...(p.reference ? { reference: p.reference } : {}),
      note: p.note,
    })),
    allowances: credited.map((a) => ({
      date: taipeiDate(new Date(a.issuedAt)),
      issuedAt: a.issuedAt,
      id: a.id,
      number: a.number,
      invoiceId: a.invoiceId,
      invoiceNumber: a.invoiceNumber,
      reason: a.reason,
      amount: a.amounts.totalAmount,
    })),
    refunds: paidBack.map((r) => ({
      id: r.id,
      amount: r.amount,
      method: r.method,
      paidOn: r.paidOn,
      reason: r.reason,
      ...(r.allowanceId ? { allowanceId: r.allowanceId } : {}),
    })),
    deposits: depositSection(customer, account.deposits ?? [], firstDay, lastDay),
    totals: {
      openingBalance,
      charges,
      cashCollected,
      amountDue: charges - cashCollected,
      payments,
      allowances,
      refunds,
      closingBalance: openingBalance + charges - cashCollected - payments - allowances + refunds,
      cylinders: sumBySize(billed.map((o) => o.delivery.delivered)),
      emptiesCollected: sumBySize(delivered.map((o) => o.delivery.emptiesCollected)),
    },
  };
}

export const statementMessages: MessageCatalogue = {
  'STATEMENT.MONTH_INVALID': { 'zh-TW': '月份格式須為 YYYY-MM（例如 2026-11）', en: 'The month must be YYYY-MM (e.g. 2026-11)' },
  'STATEMENT.MONTH_IN_FUTURE': { 'zh-TW': '{month} 尚未開始，無法產生對帳單', en: '{month} has not begun: there is no statement for it yet' },
};
