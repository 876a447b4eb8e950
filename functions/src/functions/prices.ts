import { http } from '@google-cloud/functions-framework';
import type { Firestore } from '@google-cloud/firestore';
import { container } from '../adapters/container';
import { firestorePriceStore } from '../adapters/firestore/price-store';
import { taipeiDate } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import {
  assertDiscountsCovered,
  assertPriceConfirmed,
  customerPriceList,
  customerPricesOn,
  customerSizePriceSchema,
  LARGE_PRICE_CHANGE,
  postPriceInputSchema,
  priceChangedEvent,
  priceEntryId,
  priceEntrySchema,
  pricePostedEvent,
  repricingSummary,
  repricingSummarySchema,
  revokedPriceOf,
  upcomingChanges,
  type PriceEntry,
} from '../domain/pricing';
import { calendarDateSchema, docIdSchema, z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';
import { assertMayReadCustomerOrBranch } from './use-cases/chain-access';

const sizePrice = z.object({ size: z.number(), unitPrice: z.number() });

/**
 * Whose prices a call answers: staff the customer they name, else the list's; a customer their own, or a branch they pay
 * for (分店／總公司付款: a head office's estimate of its branch's order is the branch's terms, as the order is priced), any
 * other customer being "not found".
 */
async function pricedFor(db: Firestore, principal: Principal, customerId: string | undefined): Promise<string | undefined> {
  if (principal.role === 'customer' && customerId === undefined) return principal.customerId;
  if (customerId) await assertMayReadCustomerOrBranch(db, principal, customerId);
  return customerId;
}

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
          "For a customer (their own, or with `customerId` a branch they pay for, 分店／總公司付款; any other customer is 404 CUSTOMER.NOT_FOUND), and for staff naming `customerId`, `current` and `upcoming` are the prices that customer pays (合約價: `current` then gives the list price and the term beside each): a discount follows the list's changes, a fixed contract price does not. " +
          '`upcoming`: entries after the date that move a price, with the price in force the day before (what the portal announces). For staff, each entry says how many customers were told of it (`notified`, 調價通知) and how many open orders its latest posting re-priced (`repricing`, absent for entries posted before that was recorded).',
        response: z.object({
          date: z.string(),
          current: z.array(customerSizePriceSchema),
          upcoming: z.array(sizePrice.extend({ effectiveFrom: z.string(), previousPrice: z.number() })),
          entries: z.array(priceEntrySchema.extend({ notified: z.number().int(), repricing: repricingSummarySchema.optional() })).optional(),
        }),
      },
      query: z.object({ date: calendarDateSchema.optional(), customerId: docIdSchema.optional() }),
      async handle({ query, principal }) {
        const c = await container();
        const store = firestorePriceStore(c.db);
        const customerId = await pricedFor(c.db, principal, query.customerId);
        const [list, contracts] = await Promise.all([store.list(), firestoreCustomerStore(c.db).contractPricesOf(customerId ? [customerId] : [])]);
        const terms = customerId ? contracts.get(customerId) : undefined;
        const date = query.date ?? taipeiDate(c.clock.now());
        const own = customerPriceList(list, terms).map((e) => ({ ...e, id: priceEntryId(e.size, e.effectiveFrom) }));
        const upcoming = upcomingChanges(own, date).map(({ size, unitPrice, effectiveFrom, previousPrice }) => ({ size, unitPrice, effectiveFrom, previousPrice }));
        const body = { date, current: customerPricesOn(list, terms, date), upcoming };
        if (principal.role === 'customer') return { body };
        const entries = [...list].sort((a, b) => a.size - b.size || a.effectiveFrom.localeCompare(b.effectiveFrom));
        const ids = entries.map((e) => e.id);
        const [told, repricings] = await Promise.all([store.toldCounts(ids), store.repricings(ids)]);
        const described = entries.map((e) => {
          const repricing = repricingSummary(repricings.get(e.id));
          return { ...e, notified: told.get(e.id) ?? 0, ...(repricing ? { repricing } : {}) };
        });
        return { body: { ...body, entries: described } };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin'],
      docs: {
        summary: 'Set the price of a size from a date on (same size and date replaces), re-pricing the open orders it covers',
        description:
          'The entry is written with a `price.posted` event, from which the repriceOrders consumer gives the new price to the pending and confirmed orders with a line of the size, requested from the date up to the next entry of the size (each with its `order.updated` event); `GET` answers staff how many changed (`repricing`). Orders on a route keep their price. With `notifyCustomers`, the entry is written with a `price.changed` event, from which the notifyPriceChange consumer tells every active customer who buys the size (LINE / SMS, in their language) once per entry; posting the entry again with another price sends a correction, with the same price nothing. Only for a day after today, else 422 (PRICE.NOTICE_TOO_LATE). ' +
          `A price more than ${LARGE_PRICE_CHANGE * 100}% away from the one in force the day before is refused, 422 (PRICE.LARGE_CHANGE, with previousPrice), unless confirmLargeChange: a digit typed too many would re-price the orders and tell the customers. ` +
          'A price at or below a customer’s 合約價 discount of the size on a day it prices is refused whatever is confirmed, 422 (PRICE.CONTRACT_DISCOUNT_EXHAUSTED, naming the customers): their terms are changed first.',
        response: priceEntrySchema,
        successStatus: 201,
      },
      body: postPriceInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const now = c.clock.now();
        const { notifyCustomers, confirmLargeChange, ...input } = body;
        if (notifyCustomers && input.effectiveFrom <= taipeiDate(now)) {
          throw new DomainError('PRICE.NOTICE_TOO_LATE', 'precondition', 'Customers are told only of a price from a day after today', { effectiveFrom: input.effectiveFrom });
        }
        const posting = { ...input, id: priceEntryId(input.size, input.effectiveFrom), createdAt: now.toISOString(), createdBy: principal.uid };
        const store = firestorePriceStore(c.db);
        const [list, onTerms] = await Promise.all([store.list(), firestoreCustomerStore(c.db).onContractTerms()]);
        const revokedPrice = revokedPriceOf(list, list.find((e) => e.id === posting.id), posting);
        const entry: PriceEntry = { ...posting, ...(revokedPrice === undefined ? {} : { revokedPrice }) };
        // Asked first: no confirmation of a large change makes it pass, so the admin is not asked for one in vain.
        assertDiscountsCovered(list, entry, onTerms);
        assertPriceConfirmed(list, entry, confirmLargeChange);
        // The booked orders are re-priced by repriceOrders and the notices go out from notifyPriceChange, each on an event
        // written with the entry: a request that fails after the write leaves neither half done.
        const actor = actorOf(principal);
        const posted = pricePostedEvent(entry, idFromRequest('priceset', requestId), actor);
        const notice = notifyCustomers ? priceChangedEvent(entry, idFromRequest('pricechg', requestId), actor) : undefined;
        await store.save(entry, { posted, ...(notice ? { notice } : {}), publisher: c.publisher, now });
        return { status: 201, body: entry };
      },
    }),
  ],
};

http('prices', createHttpHandler(pricesFunction, async () => (await container()).http));
