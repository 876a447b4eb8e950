import { calendarDateSchema, z } from '../schema';
import { batchOrderIdsSchema, batchResultSchema, countOutcome } from './batch';
import { reasonSchema } from './order';

/**
 * 延後: the office moves the orders it picked to a later day, saying why (a shortage at the filling plant moves half a
 * day's orders, where a closure would stop every delivery). As many orders as 全部確認 takes, for the same reason.
 */
export const rescheduleManyInputSchema = z
  .object({
    orderIds: batchOrderIdsSchema,
    requestedDate: calendarDateSchema,
    /** A code of notifications' RESCHEDULE_REASONS (`plant_shortage` …) or words typed: what each customer is told. */
    reason: reasonSchema,
  })
  .openapi('RescheduleOrdersRequest', {
    example: { orderIds: ['ord-20261202-0311-1', 'ord-20261202-0312-1'], requestedDate: '2026-12-05', reason: 'plant_shortage' },
  });
export type RescheduleManyInput = z.infer<typeof rescheduleManyInputSchema>;

export const RESCHEDULE_OUTCOMES = ['moved', 'already_moved', 'refused'] as const;
export type RescheduleOutcome = (typeof RESCHEDULE_OUTCOMES)[number];

export const rescheduleResultSchema = batchResultSchema(RESCHEDULE_OUTCOMES);
export type RescheduleResult = z.infer<typeof rescheduleResultSchema>;

export const rescheduleManyAnswerSchema = z
  .object({
    /** One per id asked, in the order asked. */
    results: z.array(rescheduleResultSchema),
    moved: z.number().int().min(0),
    alreadyMoved: z.number().int().min(0),
    refused: z.number().int().min(0),
  })
  .openapi('RescheduleOrdersAnswer', {
    example: {
      results: [
        { id: 'ord-20261202-0311-1', outcome: 'moved' },
        { id: 'ord-20261202-0312-1', outcome: 'refused', code: 'ORDER.FIELD_NOT_EDITABLE', message: '這張訂單目前是「配送中」，已不能修改這些項目' },
      ],
      moved: 1,
      alreadyMoved: 0,
      refused: 1,
    },
  });
export type RescheduleManyAnswer = z.infer<typeof rescheduleManyAnswerSchema>;

/** The answer: each result as it came, and how many of each outcome. */
export function rescheduleManyAnswer(results: readonly RescheduleResult[]): RescheduleManyAnswer {
  const count = (outcome: RescheduleOutcome) => countOutcome(results, outcome);
  return { results: [...results], moved: count('moved'), alreadyMoved: count('already_moved'), refused: count('refused') };
}
