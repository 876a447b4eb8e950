/**
 * Payments (收款): what a customer on a monthly account or paying by transfer pays the office after
 * delivery. Money records are never deleted: a wrong entry is voided, keeping who voided it and why,
 * and a voided payment counts nowhere.
 */
import { DomainError } from '../errors';
import { buildEvent, type Actor, type OutboxEntry } from '../events';
import { calendarDateSchema, instantSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';

export const PAYMENT_CHANNELS = ['transfer', 'cash', 'cheque'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** `received` counts in balances; `voided` is kept for the record only. */
export const PAYMENT_STATUSES = ['received', 'voided'] as const;

export const recordPaymentInputSchema = z
  .object({
    /** Whole NT$, more than zero. */
    amount: moneySchema.min(1, 'PAYMENT.AMOUNT_NOT_POSITIVE'),
    method: z.enum(PAYMENT_CHANNELS),
    /** The Taipei calendar day the money arrived; not after today. */
    receivedOn: calendarDateSchema,
    /** E.g. the last five digits of the paying account, or the cheque number. */
    reference: z.string().trim().max(40).optional(),
    note: z.string().trim().max(200).default(''),
  })
  .openapi('RecordPaymentInput', { example: { amount: 12800, method: 'transfer', receivedOn: '2026-12-05', reference: '54321', note: '11 月貨款' } });
export type RecordPaymentInput = z.infer<typeof recordPaymentInputSchema>;

export const voidPaymentInputSchema = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .openapi('VoidPaymentInput', { example: { reason: '金額登記錯誤，重新登記' } });
export type VoidPaymentInput = z.infer<typeof voidPaymentInputSchema>;

/** `payments/{id}`: one payment as the office recorded it. */
export const paymentSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    amount: moneySchema,
    method: z.enum(PAYMENT_CHANNELS),
    receivedOn: calendarDateSchema,
    reference: z.string().optional(),
    /** The reference's last five digits, when it has five: what a bank line prints of the paying account, looked up by `paymentsByReference`. */
    referenceTail: z.string().optional(),
    note: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    by: actorSchema,
    at: instantSchema,
    voidedAt: instantSchema.optional(),
    voidedBy: actorSchema.optional(),
    voidReason: z.string().optional(),
  })
  .openapi('Payment');
export type Payment = z.infer<typeof paymentSchema>;

export interface RecordPaymentContext {
  readonly id: string;
  readonly customerId: string;
  /** Today in Taipei: money cannot arrive tomorrow. */
  readonly today: string;
  readonly by: Actor;
  readonly now: Date;
}

/** @throws `PAYMENT.FUTURE_DATE` (precondition, path `receivedOn`) for a day after today in Taipei. */
export function recordPayment(input: RecordPaymentInput, ctx: RecordPaymentContext): Payment {
  if (input.receivedOn > ctx.today) {
    throw new DomainError('PAYMENT.FUTURE_DATE', 'precondition', `Payment received on ${input.receivedOn}, after ${ctx.today}`, { path: 'receivedOn' });
  }
  return {
    id: ctx.id,
    customerId: ctx.customerId,
    amount: input.amount,
    method: input.method,
    receivedOn: input.receivedOn,
    ...(input.reference ? { reference: input.reference, ...tailOf(input.reference) } : {}),
    note: input.note,
    status: 'received',
    by: ctx.by,
    at: ctx.now.toISOString(),
  };
}

/** How many digits of the paying account a bank statement prints (末五碼), and the fewest a search by reference takes. */
export const REFERENCE_TAIL_DIGITS = 5;

const digitsOf = (reference: string): string => reference.replace(/\D/g, '');

/** What `referenceTail` keeps of a reference: its last five digits, none when it has fewer (a payment's, or the backfill's of one stored before). */
export function referenceTailOf(reference: string | undefined): string | undefined {
  const digits = digitsOf(reference ?? '');
  return digits.length >= REFERENCE_TAIL_DIGITS ? digits.slice(-REFERENCE_TAIL_DIGITS) : undefined;
}
const tailOf = (reference: string): { referenceTail?: string } => {
  const tail = referenceTailOf(reference);
  return tail ? { referenceTail: tail } : {};
};

/**
 * One page of `POST /api/payments/reference-tails`: the payments after `after` (a document id, the last page's
 * `nextCursor`), `limit` of them, so each call stays far within the function's timeout however many there are.
 */
export const referenceTailBackfillSchema = z
  .object({
    after: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(1000).default(1000),
  })
  .openapi('ReferenceTailBackfill', { example: { after: 'pay-3f9c2a71', limit: 1000 } });

export const referenceTailBackfillResultSchema = z
  .object({
    /** Payments read in this page. */
    payments: z.number().int(),
    /** Of them, those whose `referenceTail` was missing (or not their reference's) and is now written. */
    written: z.number().int(),
    /** Pass back as `after` for the next page; `null` once every payment has been read. */
    nextCursor: z.string().nullable(),
  })
  .openapi('ReferenceTailBackfillResult');
export type ReferenceTailBackfillResult = z.infer<typeof referenceTailBackfillResultSchema>;

/** The digits sought: a bank line's 末五碼, or a whole account or cheque number. */
export const paymentReferenceQuerySchema = z.object({
  reference: z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${REFERENCE_TAIL_DIGITS},40}$`), 'PAYMENT.REFERENCE_SEARCH_DIGITS')
    .openapi({ example: '08707' }),
});

/** The tail a payment must have to match `sought`, the one indexed field a search reads. */
export const referenceTailSought = (sought: string): string => sought.slice(-REFERENCE_TAIL_DIGITS);

/**
 * Whether a payment's reference is the one sought: its digits ending with the digits sought, or the other way round, as
 * the office types one account as its last five digits one day and whole the next (the dashes and letters aside).
 */
export function referenceMatches(payment: Pick<Payment, 'reference'>, sought: string): boolean {
  const digits = digitsOf(payment.reference ?? '');
  return digits.length >= REFERENCE_TAIL_DIGITS && (digits.endsWith(sought) || sought.endsWith(digits));
}

/** Voids a payment; one already voided is returned as it is, so a repeated void answers the same. */
export function voidPayment(payment: Payment, input: VoidPaymentInput, ctx: { readonly by: Actor; readonly now: Date }): Payment {
  if (payment.status === 'voided') return payment;
  return { ...payment, status: 'voided', voidedAt: ctx.now.toISOString(), voidedBy: ctx.by, voidReason: input.reason };
}

/**
 * `payment.received` on the `notifications` topic, written with the payment in its transaction: the customer's receipt
 * (收款通知) goes out from the `notifyPayments` consumer, so the API sends nothing itself and a provider outage is
 * retried with the event's redelivery.
 */
export function paymentReceivedEvent(payment: Payment): OutboxEntry {
  return {
    topic: 'notifications',
    event: buildEvent({
      id: `${payment.id}-received`,
      type: 'payment.received',
      occurredAt: new Date(payment.at),
      actor: payment.by,
      subject: `payments/${payment.id}`,
      sequence: 1,
      data: { customerId: payment.customerId, paymentId: payment.id },
    }),
  };
}

/** The sum of the payments that count (voided ones do not). */
export const paymentsTotal = (payments: readonly Pick<Payment, 'amount' | 'status'>[]): number =>
  payments.reduce((sum, p) => sum + (p.status === 'received' ? p.amount : 0), 0);

export const paymentMessages: MessageCatalogue = {
  'PAYMENT.NOT_FOUND': { 'zh-TW': '找不到這筆收款', en: 'Payment not found' },
  'PAYMENT.FUTURE_DATE': { 'zh-TW': '收款日期不可晚於今天', en: 'The day a payment was received cannot be after today' },
  'PAYMENT.JOURNAL_TOO_LARGE': { 'zh-TW': '這個月的收款超過 {limit} 筆，無法一次列出', en: 'This month has more than {limit} payments, too many to list at once' },
  'PAYMENT.REFERENCE_SEARCH_DIGITS': {
    'zh-TW': '參考號碼請輸入 5 到 40 位數字，例如銀行對帳單上的轉帳帳號末五碼',
    en: 'Enter the reference as 5 to 40 digits, such as the last five digits of the paying account on the bank statement',
  },
  'PAYMENT.AMOUNT_NOT_POSITIVE': { 'zh-TW': '收款金額須大於 0 元', en: 'The amount must be more than NT$0' },
  'PAYMENT.CREDIT_REFUNDED': {
    'zh-TW': '這筆收款的溢收已於 {paidOn} 退款 {refunded:money} 給客戶，不能作廢；若那筆退款也登記有誤，請先作廢退款',
    en: 'The credit this payment made was paid back to the customer ({refunded:money} on {paidOn}), so it cannot be voided; if that refund was a mistake too, void it first',
  },
};
