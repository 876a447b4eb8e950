import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestorePriceStore } from '../adapters/firestore/price-store';
import { taipeiDate } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { currentPrices, postPriceInputSchema, priceChangedEvent, priceEntryId, priceEntrySchema, upcomingChanges, type PriceEntry } from '../domain/pricing';
import { calendarDateSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';
import { repriceOpenOrders } from './use-cases/reprice-orders';

const sizePrice = z.object({ size: z.number(), unitPrice: z.number() });

export const pricesFunction: HttpFunctionDef = {
  name: 'prices',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: 'Prices in force on a date (default today, Taipei), the changes after it and, for staff, every entry',
        description:
          '`upcoming`: entries after the date that move a price, with the price in force the day before (what the portal announces). For staff, each entry says how many customers were told of it (`notified`, 調價通知).',
        response: z.object({
          date: z.string(),
          current: z.array(sizePrice),
          upcoming: z.array(sizePrice.extend({ effectiveFrom: z.string(), previousPrice: z.number() })),
          entries: z.array(priceEntrySchema.extend({ notified: z.number().int() })).optional(),
        }),
      },
      query: z.object({ date: calendarDateSchema.optional() }),
      async handle({ query, principal }) {
        const c = await container();
        const store = firestorePriceStore(c.db);
        const list = await store.list();
        const date = query.date ?? taipeiDate(c.clock.now());
        const upcoming = upcomingChanges(list, date).map(({ size, unitPrice, effectiveFrom, previousPrice }) => ({ size, unitPrice, effectiveFrom, previousPrice }));
        const body = { date, current: currentPrices(list, date), upcoming };
        if (principal.role === 'customer') return { body };
        const entries = [...list].sort((a, b) => a.size - b.size || a.effectiveFrom.localeCompare(b.effectiveFrom));
        const told = await store.toldCounts(entries.map((e) => e.id));
        return { body: { ...body, entries: entries.map((e) => ({ ...e, notified: told.get(e.id) ?? 0 })) } };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin'],
      docs: {
        summary: 'Set the price of a size from a date on (same size and date replaces), re-pricing the open orders it covers',
        description:
          'The pending and confirmed orders with a line of the size, requested from the date up to the next entry of the size, take the new price (each with its `order.updated` event); `repricedOrders` says how many changed. Orders on a route keep their price. With `notifyCustomers`, the entry is written with a `price.changed` event, from which the notifyPriceChange consumer tells every active customer who buys the size (LINE / SMS, in their language) once per entry; posting the entry again with another price sends a correction, with the same price nothing. Only for a day after today, else 422 (PRICE.NOTICE_TOO_LATE).',
        response: priceEntrySchema.extend({
          repricedOrders: z.number().int().min(0).openapi({ description: 'Open orders (pending, confirmed) whose price this entry changed' }),
        }),
        successStatus: 201,
      },
      body: postPriceInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const now = c.clock.now();
        const { notifyCustomers, ...input } = body;
        if (notifyCustomers && input.effectiveFrom <= taipeiDate(now)) {
          throw new DomainError('PRICE.NOTICE_TOO_LATE', 'precondition', 'Customers are told only of a price from a day after today', { effectiveFrom: input.effectiveFrom });
        }
        const entry: PriceEntry = { ...input, id: priceEntryId(input.size, input.effectiveFrom), createdAt: now.toISOString(), createdBy: principal.uid };
        // The notices go out from notifyPriceChange on the event written with the entry.
        const announce = notifyCustomers ? { events: [priceChangedEvent(entry, idFromRequest('pricechg', requestId), actorOf(principal))], publisher: c.publisher, now } : undefined;
        await firestorePriceStore(c.db).save(entry, announce);
        // After the save: orders placed from then on read the new entry themselves.
        const repricedOrders = await repriceOpenOrders(c, entry, actorOf(principal));
        return { status: 201, body: { ...entry, repricedOrders } };
      },
    }),
  ],
};

http('prices', createHttpHandler(pricesFunction, async () => (await container()).http));
