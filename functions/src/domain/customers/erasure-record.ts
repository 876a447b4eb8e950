/**
 * What an erased customer's record keeps of the erasure (個資法 §11: 刪除個資): kept apart from `erasure.ts` because the
 * customer's own schema names it, and `erasure.ts` builds on that schema.
 */
import { actorSchema } from '../users/user';
import { calendarDateSchema, instantSchema, z } from '../schema';

export const customerErasureSchema = z.object({
  at: instantSchema,
  by: actorSchema,
  /** Why, as the admin wrote it: the customer's request (by letter, in the shop, by phone) and its day. */
  reason: z.string(),
  /** Until when what is kept must stay: the latest of `retention`'s days (the record itself, as the books name it). */
  retainUntil: calendarDateSchema,
  /**
   * Until when each kind kept must stay (`RETENTION_YEARS`, 商業會計法 §38): the vouchers (invoices and allowances, sales,
   * payments, refunds, deposits) and the books naming the customer's account. Absent on an erasure recorded before.
   */
  retention: z.object({ vouchers: calendarDateSchema, books: calendarDateSchema }).optional(),
  /**
   * When every copy elsewhere (orders, routes, invoices, inspections, messages, the audit log's bodies) was scrubbed too;
   * absent while that is still to finish, which a repeat of the erasure completes.
   */
  completedAt: instantSchema.optional(),
});
export type CustomerErasure = z.infer<typeof customerErasureSchema>;

/** An erased customer's address: their city and district only, kept for the statistics by district. */
export const erasedAddressSchema = z.object({ city: z.string(), district: z.string(), road: z.literal(''), number: z.literal(''), full: z.string() });
export type ErasedAddress = z.infer<typeof erasedAddressSchema>;
