/**
 * A price posted after orders were booked applies to them too (the 調價通知 says 「自 12/1 起…NT$840」, so an order for 12/3
 * booked at NT$860 is charged NT$840). The price post writes `price.posted` with the entry; the `repriceOrders` consumer
 * re-prices the open orders it covers and keeps count in `priceRepricing/{entryId}`. The pure parts: the event, its data
 * and what staff are told of a posting's re-pricing.
 */
import { cylinderSizeSchema } from '../cylinders';
import { buildEvent, type Actor, type OutboxEntry } from '../events';
import { calendarDateSchema, z } from '../schema';
import type { PriceEntry } from './price-list';

const pricePostedDataSchema = z.object({
  entryId: z.string().min(1),
  size: cylinderSizeSchema,
  effectiveFrom: calendarDateSchema,
  unitPrice: z.number(),
});
/** The data of `price.posted`: the entry as posted; a later posting of the entry carries its own event. */
export type PricePostedData = z.infer<typeof pricePostedDataSchema>;

/** `price.posted` on `price-events`, written with the entry in its transaction, so no posting goes without its re-pricing. */
export function pricePostedEvent(entry: Pick<PriceEntry, 'id' | 'size' | 'effectiveFrom' | 'unitPrice' | 'createdAt'>, eventId: string, actor: Actor): OutboxEntry {
  const data: PricePostedData = { entryId: entry.id, size: entry.size, effectiveFrom: entry.effectiveFrom, unitPrice: entry.unitPrice };
  return {
    topic: 'price-events',
    event: buildEvent({ id: eventId, type: 'price.posted', occurredAt: new Date(entry.createdAt), actor, subject: `priceList/${entry.id}`, sequence: 1, data }),
  };
}

/** The data of a `price.posted` event, or null for another event or a malformed one (retrying cannot mend it). */
export function pricePostedData(event: { readonly type: string; readonly data: unknown }): PricePostedData | null {
  if (event.type !== 'price.posted') return null;
  const parsed = pricePostedDataSchema.safeParse(event.data);
  return parsed.success ? parsed.data : null;
}

/**
 * `priceRepricing/{entryId}` (server-only): the event of the entry's latest posting, how many orders have taken the entry's
 * price since (counted in each order's own transaction, so a redelivery counts nothing twice), and when that posting's
 * re-pricing finished. Posting the entry again starts it afresh.
 */
export interface PriceRepricing {
  readonly entryId: string;
  readonly eventId: string;
  readonly orders: number;
  readonly doneAt?: string;
}

export const repricingSummarySchema = z
  .object({
    orders: z.number().int().min(0),
    done: z.boolean(),
  })
  .openapi({ description: 'Open orders (pending, confirmed) that took the latest posting of the entry; `done` once they all have' });
export type RepricingSummary = z.infer<typeof repricingSummarySchema>;

/** What staff read of a posting's re-pricing; none for an entry posted before re-pricing was recorded. */
export const repricingSummary = (r: PriceRepricing | undefined): RepricingSummary | undefined => (r ? { orders: r.orders, done: r.doneAt !== undefined } : undefined);
