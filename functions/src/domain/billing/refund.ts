/**
 * Refunds (退款): money the office pays back to a customer whose account is in credit — above all after an allowance
 * (折讓) on a sale already paid at the door or by transfer, which leaves the customer owed. A refund raises the balance
 * back towards zero, so it is never more than the credit owed back. Money records are never deleted: a wrong entry is
 * voided with the reason, and a voided refund counts nowhere.
 */
import { DomainError } from '../errors';
import { calendarDateSchema, docIdSchema, instantSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';
import type { Actor } from '../events';

export const REFUND_METHODS = ['cash', 'transfer'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

/** `paid` counts in balances; `voided` is kept for the record only. */
export const REFUND_STATUSES = ['paid', 'voided'] as const;

export const recordRefundInputSchema = z
  .object({
    /** Whole NT$, more than zero. */
    amount: moneySchema.min(1, 'REFUND.AMOUNT_NOT_POSITIVE'),
    method: z.enum(REFUND_METHODS),
    /** The Taipei calendar day the money went out; not after today. */
    paidOn: calendarDateSchema,
    reason: z.string().trim().min(1).max(200),
    /** The allowance (折讓) that left the credit, when there is one. */
    allowanceId: docIdSchema.optional(),
  })
  .openapi('RecordRefundInput', { example: { amount: 880, method: 'transfer', paidOn: '2026-12-05', reason: '退回 20 公斤鋼瓶折讓款', allowanceId: 'alw-inv-ord-1-1' } });
export type RecordRefundInput = z.infer<typeof recordRefundInputSchema>;

export const voidRefundInputSchema = z.object({ reason: z.string().trim().min(1).max(200) }).openapi('VoidRefundInput', { example: { reason: '金額登記錯誤，重新登記' } });
export type VoidRefundInput = z.infer<typeof voidRefundInputSchema>;

/** `refunds/{id}`: one refund as the office recorded it. */
export const refundSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    amount: moneySchema,
    method: z.enum(REFUND_METHODS),
    paidOn: calendarDateSchema,
    reason: z.string(),
    allowanceId: z.string().optional(),
    status: z.enum(REFUND_STATUSES),
    by: actorSchema,
    at: instantSchema,
    voidedAt: instantSchema.optional(),
    voidedBy: actorSchema.optional(),
    voidReason: z.string().optional(),
  })
  .openapi('Refund');
export type Refund = z.infer<typeof refundSchema>;

export interface RecordRefundContext {
  readonly id: string;
  readonly customerId: string;
  /** Today in Taipei: money cannot go out tomorrow. */
  readonly today: string;
  /** The customer's balance now, refunds already paid counted; a credit is negative. */
  readonly balance: number;
  /** The allowance named, as stored (null when there is none by that id). */
  readonly allowance?: { readonly customerId: string; readonly status: string } | null;
  readonly by: Actor;
  readonly now: Date;
}

/** What the office owes the customer back: the credit on the account, nothing when they owe. */
export const creditOwed = (balance: number): number => Math.max(0, -balance);

/**
 * @throws `REFUND.FUTURE_DATE` (precondition, path `paidOn`) for a day after today in Taipei;
 * `REFUND.ALLOWANCE_INVALID` (precondition, path `allowanceId`) for an allowance not of this customer or cancelled;
 * `REFUND.EXCEEDS_CREDIT` (precondition, path `amount`) for more than the credit owed back.
 */
export function recordRefund(input: RecordRefundInput, ctx: RecordRefundContext): Refund {
  if (input.paidOn > ctx.today) {
    throw new DomainError('REFUND.FUTURE_DATE', 'precondition', `Refund paid on ${input.paidOn}, after ${ctx.today}`, { path: 'paidOn' });
  }
  if (input.allowanceId !== undefined && (ctx.allowance?.customerId !== ctx.customerId || ctx.allowance.status !== 'issued')) {
    throw new DomainError('REFUND.ALLOWANCE_INVALID', 'precondition', `Allowance ${input.allowanceId} is not a live allowance of ${ctx.customerId}`, { path: 'allowanceId' });
  }
  const credit = creditOwed(ctx.balance);
  if (input.amount > credit) {
    throw new DomainError('REFUND.EXCEEDS_CREDIT', 'precondition', `Refund of ${input.amount}, ${credit} owed back`, { path: 'amount', amount: input.amount, credit });
  }
  return {
    id: ctx.id,
    customerId: ctx.customerId,
    amount: input.amount,
    method: input.method,
    paidOn: input.paidOn,
    reason: input.reason,
    ...(input.allowanceId ? { allowanceId: input.allowanceId } : {}),
    status: 'paid',
    by: ctx.by,
    at: ctx.now.toISOString(),
  };
}

/** Voids a refund; one already voided is returned as it is, so a repeated void answers the same. */
export function voidRefund(refund: Refund, input: VoidRefundInput, ctx: { readonly by: Actor; readonly now: Date }): Refund {
  if (refund.status === 'voided') return refund;
  return { ...refund, status: 'voided', voidedAt: ctx.now.toISOString(), voidedBy: ctx.by, voidReason: input.reason };
}

/** The sum of the refunds that count (voided ones do not). */
export const refundsTotal = (refunds: readonly Pick<Refund, 'amount' | 'status'>[]): number => refunds.reduce((sum, r) => sum + (r.status === 'paid' ? r.amount : 0), 0);

export const refundMessages: MessageCatalogue = {
  'REFUND.NOT_FOUND': { 'zh-TW': '找不到這筆退款', en: 'Refund not found' },
  'REFUND.FUTURE_DATE': { 'zh-TW': '退款日期不可晚於今天', en: 'The day a refund was paid cannot be after today' },
  'REFUND.AMOUNT_NOT_POSITIVE': { 'zh-TW': '退款金額須大於 0 元', en: 'The amount must be more than NT$0' },
  'REFUND.EXCEEDS_CREDIT': {
    'zh-TW': '退款 {amount:money} 超過應退還客戶的 {credit:money}',
    en: 'A refund of {amount:money} is more than the {credit:money} owed back to the customer',
  },
  'REFUND.ALLOWANCE_INVALID': { 'zh-TW': '這張折讓不是此客戶有效的折讓', en: 'That allowance is not a live allowance of this customer' },
};
