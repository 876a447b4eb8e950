import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { loadPriceList } from '../adapters/firestore/order-store';
import { taipeiDate } from '../domain/clock';
import { currentPrices, priceEntryId, priceEntryInputSchema, priceEntrySchema, type PriceEntry } from '../domain/pricing';
import { calendarDateSchema, z } from '../domain/schema';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

export const pricesFunction: HttpFunctionDef = {
  name: 'prices',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: 'Prices in force on a date (default today, Taipei) and, for staff, every entry',
        response: z.object({
          date: z.string(),
          current: z.array(z.object({ size: z.number(), unitPrice: z.number() })),
          entries: z.array(priceEntrySchema).optional(),
        }),
      },
      query: z.object({ date: calendarDateSchema.optional() }),
      async handle({ query, principal }) {
        const c = await container();
        const list = await loadPriceList(c.db);
        const date = query.date ?? taipeiDate(c.clock.now());
        const entries = [...(list as PriceEntry[])].sort((a, b) => a.size - b.size || a.effectiveFrom.localeCompare(b.effectiveFrom));
        return {
          body: { date, current: currentPrices(list, date), ...(principal.role === 'customer' ? {} : { entries }) },
        };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin'],
      docs: { summary: 'Set the price of a size from a date on (same size and date replaces)', response: priceEntrySchema, successStatus: 201 },
      body: priceEntryInputSchema,
      async handle({ body, principal }) {
        const c = await container();
        const entry: PriceEntry = {
          ...body,
          id: priceEntryId(body.size, body.effectiveFrom),
          createdAt: c.clock.now().toISOString(),
          createdBy: principal.uid,
        };
        await c.db.collection('priceList').doc(entry.id).set(entry);
        return { status: 201, body: entry };
      },
    }),
  ],
};

http('prices', createHttpHandler(pricesFunction, async () => (await container()).http));
