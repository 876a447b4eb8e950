import type { Actor } from '../events';
import type { Order } from '../orders/order';
import { actorSchema } from '../users/user';
import { instantSchema, z } from '../schema';

/**
 * What came of the office's call to a customer at churn risk. `will_order` is a promise, not an order: the risk
 * clears only once an order is placed and scored, so a promise broken brings the customer back on the list. `moved`
 * (搬家) and `price` (價格) were once "other" with a note; calls stored so keep reading as they were.
 */
export const CHURN_CALL_OUTCOMES = ['reached', 'no_answer', 'competitor', 'price', 'moved', 'closed_business', 'will_order', 'other'] as const;
export type ChurnCallOutcome = (typeof CHURN_CALL_OUTCOMES)[number];

export const CHURN_CALL_NOTE_MAX = 500;

export const recordChurnCallInputSchema = z
  .object({
    outcome: z.enum(CHURN_CALL_OUTCOMES),
    note: z.string().trim().max(CHURN_CALL_NOTE_MAX).optional(),
  })
  // "Other" says nothing by itself: the next clerk needs the words.
  .refine((input) => input.outcome !== 'other' || (input.note ?? '') !== '', { message: 'CHURN_CALL.NOTE_REQUIRED', path: ['note'] })
  .openapi('RecordChurnCallInput', { example: { outcome: 'competitor', note: '改用天然氣，價格問題' } });
export type RecordChurnCallInput = z.infer<typeof recordChurnCallInputSchema>;

/** `churnCalls/{id}`: one call to a customer at churn risk, as the clerk recorded it; never edited. */
export const churnCallSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    outcome: z.enum(CHURN_CALL_OUTCOMES),
    note: z.string().optional(),
    at: instantSchema,
    by: actorSchema,
  })
  .openapi('ChurnCall');
export type ChurnCall = z.infer<typeof churnCallSchema>;

export function recordChurnCall(input: RecordChurnCallInput, ctx: { readonly id: string; readonly customerId: string; readonly by: Actor; readonly now: Date }): ChurnCall {
  // An empty note is no note: stored absent, not as ''.
  const note = input.note === undefined || input.note === '' ? {} : { note: input.note };
  return { id: ctx.id, customerId: ctx.customerId, outcome: input.outcome, ...note, at: ctx.now.toISOString(), by: ctx.by };
}

/** Each customer's latest call. */
export function lastCallByCustomer<T extends Pick<ChurnCall, 'customerId' | 'at'>>(calls: readonly T[]): Map<string, T> {
  const last = new Map<string, T>();
  for (const call of calls) {
    const seen = last.get(call.customerId);
    if (!seen || call.at > seen.at) last.set(call.customerId, call);
  }
  return last;
}

/**
 * Whether the customer buys elsewhere as far as the office knows: the latest call to them (`lastCallByCustomer`) says they
 * moved to a competitor, and they have not ordered since. A suggestion the nightly job placed is not their order; a later
 * call with another outcome (they will order after all) replaces the word.
 */
export function buysElsewhere(lastCall: Pick<ChurnCall, 'outcome' | 'at'>, orders: readonly Pick<Order, 'source' | 'createdAt'>[]): boolean {
  return lastCall.outcome === 'competitor' && !orders.some((order) => order.source !== 'forecast' && order.createdAt >= lastCall.at);
}

/** Who is to call a customer at churn risk: a member of the office or an admin, set from the churn list. */
export const assignChurnCallInputSchema = z
  .object({ uid: z.string().min(1).nullable().describe('The office or admin account to call them; null takes the assignment off') })
  .openapi('AssignChurnCallInput', { example: { uid: 'u-office' } });

/** `churnAssignments/{customerId}`: the customer's assignment as it stands (the audit log keeps the earlier ones). */
export const churnAssignmentSchema = z
  .object({ customerId: z.string().min(1), assignee: z.string().min(1), by: actorSchema, at: instantSchema })
  .openapi('ChurnAssignment');
export type ChurnAssignment = z.infer<typeof churnAssignmentSchema>;

/** The instant from which a call counts as "contacted in the last `days` days" (24-hour days back from now). */
export const contactedSince = (now: Date, days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();

export const churnCallMessages = {
  'CHURN_CALL.NOTE_REQUIRED': { 'zh-TW': '選「其他」時請寫下結果', en: 'Write down what came of the call when choosing "other"' },
  'CHURN_CALL.ASSIGNEE_NOT_STAFF': { 'zh-TW': '只能指派給辦公室人員或管理員', en: 'Calls can be assigned only to office staff or admins' },
} as const;
