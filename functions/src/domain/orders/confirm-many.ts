import type { Actor } from '../events';
import { docIdSchema, z } from '../schema';
import type { Caller } from './permissions';
import { assertCanTransition } from './permissions';
import type { Order } from './order';
import { transition } from './transition';

/**
 * The most orders one 全部確認 request names: a busy day's pending column, well inside one function call's time (each
 * order is its own short transaction). A board with more sends them in several requests.
 */
export const MAX_CONFIRM_MANY = 300;

export const confirmManyInputSchema = z
  .object({
    ids: z
      .array(docIdSchema)
      .min(1)
      .max(MAX_CONFIRM_MANY)
      .refine((ids) => new Set(ids).size === ids.length, 'ORDER.DUPLICATE_ID'),
  })
  .openapi('ConfirmOrdersRequest', { example: { ids: ['ord-20261201-001', 'ord-20261201-002'] } });
export type ConfirmManyInput = z.infer<typeof confirmManyInputSchema>;

export const CONFIRM_OUTCOMES = ['confirmed', 'already_confirmed', 'refused'] as const;
export type ConfirmOutcome = (typeof CONFIRM_OUTCOMES)[number];

export const confirmResultSchema = z.object({
  id: z.string(),
  outcome: z.enum(CONFIRM_OUTCOMES),
  /** Refused only: the error code and its message in the caller's language, as a single confirm would answer them. */
  code: z.string().optional(),
  message: z.string().optional(),
});
export type ConfirmResult = z.infer<typeof confirmResultSchema>;

export const confirmManyAnswerSchema = z
  .object({
    /** One per id asked, in the order asked. */
    results: z.array(confirmResultSchema),
    confirmed: z.number().int().min(0),
    alreadyConfirmed: z.number().int().min(0),
    refused: z.number().int().min(0),
  })
  .openapi('ConfirmOrdersAnswer', {
    example: {
      results: [
        { id: 'ord-20261201-001', outcome: 'confirmed' },
        { id: 'ord-20261201-002', outcome: 'refused', code: 'ORDER.INVALID_TRANSITION', message: '這張訂單目前是「已取消」，無法改為「已確認」' },
      ],
      confirmed: 1,
      alreadyConfirmed: 0,
      refused: 1,
    },
  });
export type ConfirmManyAnswer = z.infer<typeof confirmManyAnswerSchema>;

/**
 * One order of a 全部確認: the confirmed order, or `null` when it is confirmed already (the same request retried, a
 * colleague quicker) so nothing is written. Anything else throws what a single confirm throws.
 */
export function confirmOne(caller: Caller, order: Order, ctx: { by: Actor; at: Date }): Order | null {
  assertCanTransition(caller, order, 'confirmed');
  // A scheduled order was confirmed and planned meanwhile: 全部確認 never takes one back off its route.
  if (order.status === 'confirmed' || order.status === 'scheduled') return null;
  return transition(order, 'confirmed', ctx);
}

/** The answer: each result as it came, and how many of each outcome. */
export function confirmManyAnswer(results: readonly ConfirmResult[]): ConfirmManyAnswer {
  const count = (outcome: ConfirmOutcome) => results.filter((r) => r.outcome === outcome).length;
  return { results: [...results], confirmed: count('confirmed'), alreadyConfirmed: count('already_confirmed'), refused: count('refused') };
}
