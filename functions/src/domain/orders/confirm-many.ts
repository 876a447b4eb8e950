import type { Actor } from '../events';
import { z } from '../schema';
import { batchOrderIdsSchema, batchResultSchema, countOutcome } from './batch';
import type { Caller } from './permissions';
import { assertCanTransition } from './permissions';
import type { Order } from './order';
import { transition } from './transition';

export const confirmManyInputSchema = z
  .object({
    ids: batchOrderIdsSchema,
  })
  .openapi('ConfirmOrdersRequest', { example: { ids: ['ord-20261201-001', 'ord-20261201-002'] } });
export type ConfirmManyInput = z.infer<typeof confirmManyInputSchema>;

export const CONFIRM_OUTCOMES = ['confirmed', 'already_confirmed', 'refused'] as const;
export type ConfirmOutcome = (typeof CONFIRM_OUTCOMES)[number];

export const confirmResultSchema = batchResultSchema(CONFIRM_OUTCOMES);
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
  const count = (outcome: ConfirmOutcome) => countOutcome(results, outcome);
  return { results: [...results], confirmed: count('confirmed'), alreadyConfirmed: count('already_confirmed'), refused: count('refused') };
}
