import { taipeiDate } from '../clock';
import { sizeQuantityListSchema, type SizeQuantity } from '../cylinders';
import { conflict, notFound } from '../errors';
import type { Actor } from '../events';
import { actorSchema } from '../users/user';
import { calendarDateSchema, docIdSchema, instantSchema, z } from '../schema';

/** What customers complain about; each raises churn risk the same way, the category is for the office. */
export const COMPLAINT_CATEGORIES = ['late_delivery', 'gas_quality', 'safety', 'driver_conduct', 'billing', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const createComplaintInputSchema = z
  .object({
    category: z.enum(COMPLAINT_CATEGORIES),
    note: z.string().trim().min(1).max(500),
    /** The order it is about, when there is one. */
    orderId: docIdSchema.optional(),
  })
  .openapi('CreateComplaintInput', { example: { category: 'late_delivery', note: '約好上午送達，下午三點才到', orderId: 'ord-20261128-0001' } });
export type CreateComplaintInput = z.infer<typeof createComplaintInputSchema>;

export const resolveComplaintInputSchema = z
  .object({ resolution: z.string().trim().min(1).max(500) })
  .openapi('ResolveComplaintInput', { example: { resolution: '已致電道歉，下次優先配送' } });
export type ResolveComplaintInput = z.infer<typeof resolveComplaintInputSchema>;

/**
 * `complaints/{id}`: one complaint, as the office or the customer recorded it. What was said is
 * never edited; the office closes it once with what was done. Resolved or not, it counts for churn.
 */
export const complaintSchema = createComplaintInputSchema
  .extend({
    id: z.string().min(1),
    customerId: z.string().min(1),
    at: instantSchema,
    by: actorSchema,
    resolution: z.string().optional(),
    resolvedAt: instantSchema.optional(),
    resolvedBy: actorSchema.optional(),
  })
  .openapi('Complaint');
export type Complaint = z.infer<typeof complaintSchema>;

/**
 * The order a complaint names, as people know it (12/1（二） 20 公斤 × 2) rather than by its id: the day it was delivered
 * (else the day asked for), the cylinders it brought (as ordered, until delivered) and, for a collection-only one
 * (回收空瓶), the empties.
 */
export const complaintOrderSchema = z.object({ date: calendarDateSchema, items: sizeQuantityListSchema, empties: sizeQuantityListSchema }).openapi('ComplaintOrder');
export type ComplaintOrder = z.infer<typeof complaintOrderSchema>;

/** A complaint as the API answers it: with its order as people know it, while that order is on record. */
export const complaintViewSchema = complaintSchema.extend({ order: complaintOrderSchema.optional() }).openapi('ComplaintView');
export type ComplaintView = z.infer<typeof complaintViewSchema>;

interface NamedOrder {
  readonly requestedDate: string;
  readonly items: readonly SizeQuantity[];
  readonly emptiesToCollect: readonly SizeQuantity[];
  readonly delivery?: { readonly at: string; readonly emptiesCollected: readonly SizeQuantity[] } | undefined;
}

/** `complaint` with the order it names (`order`, as read; null when there is none, or no longer). */
export function complaintView(complaint: Complaint, order: NamedOrder | null): ComplaintView {
  if (!complaint.orderId || !order) return complaint;
  const line = ({ size, quantity }: SizeQuantity) => ({ size, quantity });
  return {
    ...complaint,
    order: {
      date: order.delivery ? taipeiDate(new Date(order.delivery.at)) : order.requestedDate,
      items: order.items.map(line),
      empties: (order.delivery?.emptiesCollected ?? order.emptiesToCollect).map(line),
    },
  };
}

export function recordComplaint(input: CreateComplaintInput, ctx: { readonly id: string; readonly customerId: string; readonly by: Actor; readonly now: Date }): Complaint {
  return { ...input, id: ctx.id, customerId: ctx.customerId, at: ctx.now.toISOString(), by: ctx.by };
}

/**
 * The order a complaint names (`orderId`, as read: null when there is none by that id) must be the complaining customer's
 * own: the office reads the complaint against it, so a stranger's order or a made-up id would send it to the wrong
 * delivery. Refused as every other read of an order not one's own is, so a customer trying ids learns nothing.
 * @throws `ORDER.NOT_FOUND` (404)
 */
export function assertComplaintOrder(orderId: string, order: { readonly customerId: string } | null, customerId: string): void {
  if (order?.customerId !== customerId) throw notFound('ORDER.NOT_FOUND', `Order ${orderId} not found`, { id: orderId });
}

/** @throws `COMPLAINT.ALREADY_RESOLVED` (409) when it was closed before. */
export function resolveComplaint(complaint: Complaint, input: ResolveComplaintInput, ctx: { readonly by: Actor; readonly now: Date }): Complaint {
  if (complaint.resolvedAt) {
    throw conflict('COMPLAINT.ALREADY_RESOLVED', `Complaint ${complaint.id} was resolved at ${complaint.resolvedAt}`, { resolvedAt: complaint.resolvedAt });
  }
  return { ...complaint, resolution: input.resolution, resolvedAt: ctx.now.toISOString(), resolvedBy: ctx.by };
}

export const complaintMessages = {
  'COMPLAINT.NOT_FOUND': { 'zh-TW': '找不到這筆客訴', en: 'Complaint not found' },
  'COMPLAINT.ALREADY_RESOLVED': { 'zh-TW': '這筆客訴已經結案', en: 'This complaint is already resolved' },
} as const;
