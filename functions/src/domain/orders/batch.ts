import { docIdSchema, z } from '../schema';

/**
 * The most orders one batch request (全部確認, 延後) names: a busy day's pending column, well inside one function call's
 * time (each order is its own short transaction). A board with more sends them in several requests.
 */
export const MAX_CONFIRM_MANY = 300;

/** The orders a batch request names: at least one, at most `MAX_CONFIRM_MANY`, none twice. */
export const batchOrderIdsSchema = z
  .array(docIdSchema)
  .min(1)
  .max(MAX_CONFIRM_MANY)
  .refine((ids) => new Set(ids).size === ids.length, 'ORDER.DUPLICATE_ID');

/** One order's result in a batch: its outcome and, refused only, the error code and message a single request would answer. */
export function batchResultSchema<const O extends readonly [string, ...string[]]>(outcomes: O) {
  return z.object({
    id: z.string(),
    outcome: z.enum(outcomes),
    code: z.string().optional(),
    message: z.string().optional(),
  });
}

/** How many of a batch's results came out `outcome`. */
export function countOutcome<O extends string>(results: readonly { readonly outcome: O }[], outcome: O): number {
  return results.filter((r) => r.outcome === outcome).length;
}
