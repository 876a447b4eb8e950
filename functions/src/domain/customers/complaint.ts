import type { Actor } from '../events';
import { actorSchema } from '../users/user';
import { instantSchema, z } from '../schema';

/** What customers complain about; each raises churn risk the same way, the category is for the office. */
export const COMPLAINT_CATEGORIES = ['late_delivery', 'gas_quality', 'safety', 'driver_conduct', 'billing', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const createComplaintInputSchema = z
  .object({
    category: z.enum(COMPLAINT_CATEGORIES),
    note: z.string().trim().min(1).max(500),
    /** The order it is about, when there is one. */
    orderId: z.string().trim().min(1).max(128).optional(),
  })
  .openapi('CreateComplaintInput', { example: { category: 'late_delivery', note: '約好上午送達，下午三點才到', orderId: 'ord-20261128-0001' } });
export type CreateComplaintInput = z.infer<typeof createComplaintInputSchema>;

/** `complaints/{id}`: one complaint a customer made, as the office recorded it. Never edited. */
export const complaintSchema = createComplaintInputSchema
  .extend({
    id: z.string().min(1),
    customerId: z.string().min(1),
    at: instantSchema,
    by: actorSchema,
  })
  .openapi('Complaint');
export type Complaint = z.infer<typeof complaintSchema>;

export function recordComplaint(input: CreateComplaintInput, ctx: { readonly id: string; readonly customerId: string; readonly by: Actor; readonly now: Date }): Complaint {
  return { ...input, id: ctx.id, customerId: ctx.customerId, at: ctx.now.toISOString(), by: ctx.by };
}
