/**
 * 銷貨退回或折讓證明單 (allowance, MOF message G0401; cancelled by G0501): when an invoiced sale is reduced after the
 * invoice can no longer be voided — a cylinder returned, a price corrected, a short delivery found later — the seller
 * issues an allowance against the issued invoice instead. It names the invoice lines it reduces (or simply an amount),
 * splits its total into sales and tax the way the invoice did, and never takes more than is left of the invoice, or of a
 * line, after the earlier live allowances. The VAT return (401) subtracts a period's allowances from its sales.
 */
import type { Actor } from '../events';
import { taipeiDate } from '../clock';
import { conflict, DomainError, invalid } from '../errors';
import { instantSchema, moneySchema, z } from '../schema';
import { actorSchema } from '../users/user';
import { INVOICE_KINDS, INVOICE_PROVIDERS, invoiceBuyerSchema, invoiceLineSchema, invoiceNumberSchema, type Invoice, type InvoiceProvider } from './invoice';
import { invoicePeriodSchema, periodOfInstant, rocPeriodLabel, voidDeadline, withinVoidDeadline } from './period';
import { b2bAmountsFromTotal, b2cAmounts, invoiceAmountsSchema, type InvoiceAmounts } from './tax';

export const ALLOWANCE_STATUSES = ['issued', 'void'] as const;
export type AllowanceStatus = (typeof ALLOWANCE_STATUSES)[number];

/** 品名 of an allowance given as an amount rather than lines: the MOF format still wants one line. */
export const AMOUNT_ALLOWANCE_DESCRIPTION = '銷貨折讓';

const reasonSchema = z.string().trim().min(1).max(200);

/** One line of an allowance; `invoiceLine` is the index of the invoice line it reduces (none for an amount allowance). */
export const allowanceLineSchema = invoiceLineSchema.extend({ invoiceLine: z.number().int().min(0).optional() });
export type AllowanceLine = z.infer<typeof allowanceLineSchema>;

/**
 * What the office asks for: lines (which invoice line, how many, and at what unit price — the invoice's when left out;
 * a lower one for a price correction), or just a tax-included amount. One of the two.
 */
export const allowanceInputSchema = z
  .object({
    reason: reasonSchema,
    lines: z
      .array(z.object({ invoiceLine: z.number().int().min(0).max(998), quantity: z.number().int().min(1).max(100_000), unitPrice: moneySchema.min(1).max(10_000_000).optional() }))
      .min(1)
      .max(50)
      .optional(),
    amount: z.number().int().min(1).max(100_000_000).optional(),
  })
  .refine((i) => (i.lines === undefined) !== (i.amount === undefined), { message: 'INVOICE.ALLOWANCE_LINES_OR_AMOUNT', path: ['lines'] })
  .openapi('AllowanceInput', { example: { reason: '退回一支未使用的 20 公斤鋼瓶', lines: [{ invoiceLine: 0, quantity: 1 }] } });
export type AllowanceInput = z.infer<typeof allowanceInputSchema>;

export const cancelAllowanceInputSchema = z.object({ reason: reasonSchema }).openapi('CancelAllowanceInput', { example: { reason: '折讓金額開錯，重新開立' } });
export type CancelAllowanceInput = z.infer<typeof cancelAllowanceInputSchema>;

const allowanceFields = {
  /** Ours, from the request's Idempotency-Key, so a retried request names the same allowance. */
  id: z.string().min(1),
  invoiceId: z.string().min(1),
  invoiceNumber: invoiceNumberSchema,
  /** The invoice's issue instant: its Taipei day is the 原發票日期 the allowance cites. */
  invoiceIssuedAt: instantSchema,
  kind: z.enum(INVOICE_KINDS),
  customer: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  buyer: invoiceBuyerSchema,
  lines: z.array(allowanceLineSchema).min(1),
  amounts: invoiceAmountsSchema,
  reason: reasonSchema,
  issuedBy: actorSchema,
};

/** An allowance before the issuer numbered it. */
export const allowanceDraftSchema = z.object(allowanceFields);
export type AllowanceDraft = z.infer<typeof allowanceDraftSchema>;

/** `invoiceAllowances/{id}`: an issued allowance, never edited except to cancel (作廢) it. */
export const allowanceSchema = z
  .object({
    ...allowanceFields,
    /** 折讓單號: ours (`AL` + Taipei yyyyMMdd + 4 digits) from the local book, ECPay's IA_Allow_No from ECPay. */
    number: z.string().min(1).max(20),
    issuedAt: instantSchema,
    /** The Taipei period of `issuedAt`: the VAT return it reduces. */
    period: invoicePeriodSchema,
    periodLabel: z.string(),
    status: z.enum(ALLOWANCE_STATUSES),
    /** The last Taipei day it may be cancelled: the same rule as voiding an invoice, on the allowance's own period. */
    cancellableUntil: z.iso.date(),
    cancelledAt: instantSchema.optional(),
    cancelReason: z.string().optional(),
    cancelledBy: actorSchema.optional(),
    provider: z.enum(INVOICE_PROVIDERS),
    providerRef: z.string(),
  })
  .openapi('Allowance', {
    example: {
      id: 'alw-3f2a9c1b7d4e',
      invoiceId: 'inv-ord-20261128-0001',
      invoiceNumber: 'AB12345678',
      invoiceIssuedAt: '2026-11-28T06:12:00.000Z',
      kind: 'B2B',
      customer: { id: 'cust-0001', code: 'C0001', name: '林記麵館' },
      buyer: { type: 'business', taxId: '22099131', title: '林記麵館' },
      lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 880, amount: 880, invoiceLine: 0 }],
      amounts: { salesAmount: 838, taxAmount: 42, totalAmount: 880 },
      reason: '退回一支未使用的 20 公斤鋼瓶',
      issuedBy: { uid: 'u-office', role: 'office' },
      number: 'AL202701200001',
      issuedAt: '2027-01-20T03:00:00.000Z',
      period: '2027-01/02',
      periodLabel: '116年01-02月',
      status: 'issued',
      cancellableUntil: '2027-03-13',
      provider: 'local-book',
      providerRef: 'allowanceBooks/20270120#AL202701200001',
    },
  });
export type Allowance = z.infer<typeof allowanceSchema>;

/** What an issuer answers for an allowance draft. */
export interface IssuedAllowanceNumber {
  readonly number: string;
  readonly issuedAt: Date;
  readonly providerRef: string;
}

/** 折讓單號 of the local book: `AL`, the Taipei day `yyyyMMdd`, and the day's sequence in 4 digits. */
export const allowanceNumberOf = (taipeiDay: string, sequence: number): string => `AL${taipeiDay.replace(/-/g, '')}${String(sequence).padStart(4, '0')}`;
/** The local book numbers at most this many allowances a day (4 digits). */
export const MAX_ALLOWANCES_A_DAY = 9999;

const live = (allowances: readonly Allowance[]): Allowance[] => allowances.filter((a) => a.status === 'issued');
const sumAmounts = (amounts: readonly InvoiceAmounts[]): InvoiceAmounts =>
  amounts.reduce((s, a) => ({ salesAmount: s.salesAmount + a.salesAmount, taxAmount: s.taxAmount + a.taxAmount, totalAmount: s.totalAmount + a.totalAmount }), {
    salesAmount: 0,
    taxAmount: 0,
    totalAmount: 0,
  });

/** The sum of an invoice's live allowances: what the invoice stores as `allowedTotal`. */
export const allowedTotal = (allowances: readonly Allowance[]): number => live(allowances).reduce((s, a) => s + a.amounts.totalAmount, 0);

/** What is left of an invoice (tax included) after its live allowances. */
export const remainingOf = (invoice: Pick<Invoice, 'amounts'>, allowances: readonly Allowance[]): number => invoice.amounts.totalAmount - allowedTotal(allowances);

/** What is left of one invoice line (tax included) after the live allowances that reduce it. */
export function lineRemaining(invoice: Pick<Invoice, 'lines'>, allowances: readonly Allowance[], index: number): number {
  const taken = live(allowances)
    .flatMap((a) => a.lines)
    .filter((l) => l.invoiceLine === index)
    .reduce((s, l) => s + l.amount, 0);
  return (invoice.lines[index]?.amount ?? 0) - taken;
}

/**
 * The sales / tax split of an allowance's total, as the invoice split: B2B the whole-NT$ sales whose 5 % tax makes the
 * total, B2C total ÷ 1.05. The allowance that takes all that is left takes exactly the invoice's sales and tax not yet
 * allowed, so an invoice's allowances never add up to more tax than it charged; no allowance takes more tax than is left.
 */
export function allowanceAmounts(invoice: Pick<Invoice, 'kind' | 'amounts'>, allowances: readonly Allowance[], total: number): InvoiceAmounts {
  const taken = sumAmounts(live(allowances).map((a) => a.amounts));
  const left = { salesAmount: invoice.amounts.salesAmount - taken.salesAmount, taxAmount: invoice.amounts.taxAmount - taken.taxAmount };
  if (total === invoice.amounts.totalAmount - taken.totalAmount) return { ...left, totalAmount: total };
  const split = invoice.kind === 'B2B' ? b2bAmountsFromTotal(total) : b2cAmounts(total);
  const taxAmount = Math.min(split.taxAmount, left.taxAmount);
  return { salesAmount: total - taxAmount, taxAmount, totalAmount: total };
}

/**
 * Checks lines and total fit what is left of the invoice.
 * @throws `INVOICE.ALREADY_VOID` (409); `INVOICE.ALLOWANCE_LINE_UNKNOWN` (400); `INVOICE.ALLOWANCE_LINE_EXCEEDED` (422, more
 *   cylinders or a higher unit price than the line, or more than is left of it); `INVOICE.ALLOWANCE_EXCEEDS_INVOICE` (422).
 */
export function assertAllowanceFits(invoice: Invoice, allowances: readonly Allowance[], lines: readonly AllowanceLine[]): void {
  if (invoice.status === 'void') throw conflict('INVOICE.ALREADY_VOID', `Invoice ${invoice.id} is void`, { number: invoice.number });
  const asked = new Map<number, number>();
  for (const line of lines) {
    if (line.invoiceLine === undefined) continue;
    const billed = invoice.lines[line.invoiceLine];
    if (!billed) throw invalid('INVOICE.ALLOWANCE_LINE_UNKNOWN', `Invoice ${invoice.id} has no line ${line.invoiceLine}`, { line: line.invoiceLine + 1 });
    asked.set(line.invoiceLine, (asked.get(line.invoiceLine) ?? 0) + line.amount);
    const amountLeft = lineRemaining(invoice, allowances, line.invoiceLine);
    if (line.quantity > billed.quantity || line.unitPrice > billed.unitPrice || (asked.get(line.invoiceLine) ?? 0) > amountLeft) {
      throw new DomainError('INVOICE.ALLOWANCE_LINE_EXCEEDED', 'precondition', `Allowance line exceeds invoice line ${line.invoiceLine}`, {
        line: line.invoiceLine + 1,
        quantity: billed.quantity,
        unitPrice: billed.unitPrice,
        amountLeft,
      });
    }
  }
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const remaining = remainingOf(invoice, allowances);
  if (total > remaining) {
    throw new DomainError('INVOICE.ALLOWANCE_EXCEEDS_INVOICE', 'precondition', `Allowance of ${total} exceeds the ${remaining} left of ${invoice.id}`, { remaining });
  }
}

function linesOf(invoice: Invoice, input: AllowanceInput): AllowanceLine[] {
  if (input.amount !== undefined) return [{ description: AMOUNT_ALLOWANCE_DESCRIPTION, quantity: 1, unitPrice: input.amount, amount: input.amount }];
  return (input.lines ?? []).map((l) => {
    const billed = invoice.lines[l.invoiceLine];
    const unitPrice = l.unitPrice ?? billed?.unitPrice ?? 0;
    return { description: billed?.description ?? '', quantity: l.quantity, unitPrice, amount: l.quantity * unitPrice, invoiceLine: l.invoiceLine };
  });
}

/**
 * The allowance the office asked for against an issued invoice, given its allowances so far.
 * @throws see `assertAllowanceFits`.
 */
export function allowanceDraft(invoice: Invoice, allowances: readonly Allowance[], input: AllowanceInput, ctx: { readonly id: string; readonly by: Actor }): AllowanceDraft {
  const lines = linesOf(invoice, input);
  assertAllowanceFits(invoice, allowances, lines);
  const total = lines.reduce((s, l) => s + l.amount, 0);
  return {
    id: ctx.id,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    invoiceIssuedAt: invoice.issuedAt,
    kind: invoice.kind,
    customer: { id: invoice.customer.id, code: invoice.customer.code, name: invoice.customer.name },
    buyer: invoice.buyer,
    lines,
    amounts: allowanceAmounts(invoice, allowances, total),
    reason: input.reason,
    issuedBy: ctx.by,
  };
}

/** The stored allowance once the issuer numbered it. */
export function issuedAllowance(draft: AllowanceDraft, issued: IssuedAllowanceNumber, provider: InvoiceProvider): Allowance {
  const period = periodOfInstant(issued.issuedAt);
  return {
    ...draft,
    number: issued.number,
    issuedAt: issued.issuedAt.toISOString(),
    period,
    periodLabel: rocPeriodLabel(period),
    status: 'issued',
    cancellableUntil: voidDeadline(period),
    provider,
    providerRef: issued.providerRef,
  };
}

/**
 * Checks an allowance may be cancelled (作廢折讓, G0501) now: until the 13th after its own period, as an invoice's void.
 * @throws `INVOICE.ALLOWANCE_ALREADY_VOID` (409); `INVOICE.ALLOWANCE_CANCEL_DEADLINE_PASSED` (422, `details.cancellableUntil`).
 */
export function assertCanCancelAllowance(allowance: Allowance, now: Date): void {
  if (allowance.status === 'void') throw conflict('INVOICE.ALLOWANCE_ALREADY_VOID', `Allowance ${allowance.id} is already void`, { number: allowance.number });
  if (!withinVoidDeadline(allowance.period, now)) {
    throw new DomainError('INVOICE.ALLOWANCE_CANCEL_DEADLINE_PASSED', 'precondition', `Allowance ${allowance.id} could be cancelled until ${allowance.cancellableUntil}`, {
      cancellableUntil: allowance.cancellableUntil,
    });
  }
}

export function cancelAllowance(allowance: Allowance, input: CancelAllowanceInput, ctx: { readonly by: Actor; readonly now: Date }): Allowance {
  assertCanCancelAllowance(allowance, ctx.now);
  return { ...allowance, status: 'void', cancelledAt: ctx.now.toISOString(), cancelReason: input.reason, cancelledBy: ctx.by };
}

/** A period's live allowances added up: what the 401 return subtracts from the period's sales. */
export interface AllowanceTotals extends InvoiceAmounts {
  readonly count: number;
}

export function allowanceTotals(allowances: readonly Allowance[]): AllowanceTotals {
  const issued = live(allowances);
  return { count: issued.length, ...sumAmounts(issued.map((a) => a.amounts)) };
}

/** The Taipei day (`YYYY-MM-DD`) an allowance cites as the original invoice's date. */
export const invoiceDayOf = (allowance: Pick<Allowance, 'invoiceIssuedAt'>): string => taipeiDate(new Date(allowance.invoiceIssuedAt));
