import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreCylinderStockStore } from '../adapters/firestore/cylinder-stock-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { depositCheck, onSiteCensus, onSiteCountSchema } from '../domain/customers';
import { coverLineSchema, dayCover, deliveredAfterSettlementSchema, depotStockSchema, depotStorage, depotStorageSchema, manualMovementInputSchema, stockMovementSchema, unsettledDaySchema } from '../domain/cylinders';
import { isActive } from '../domain/fleet';
import { calendarDateSchema, docIdSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';
import { byNameSchema, withByNames } from './use-cases/by-names';
import { stockOutOfTheYard } from './use-cases/stock-out';

const STAFF = ['admin', 'office'] as const;
const depotParams = z.object({ depotId: docIdSchema });

const depotStockRowSchema = depotStockSchema.extend({ depotName: z.string(), storage: depotStorageSchema }).openapi('DepotCylinderStockRow');

/** Cylinder stock per depot (鋼瓶庫存): what each yard holds, what stands at the customers, whether a day's orders can be filled, and the movements. */
export const cylinderStockFunction: HttpFunctionDef = {
  // Deployed as `cylinder-stock`: hosting rewrites `/api/<function name>`, and the API path reads as words.
  name: 'cylinder-stock',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: STAFF,
      docs: {
        summary: "Every in-service depot's full and empty cylinders by size, and a Taipei day's open orders by size against the fulls (default tomorrow)",
        description:
          '`cover` sums the open orders (pending to out for delivery) requested for the day against the fulls of all depots together, less `onTrucks`: the fulls today\'s routes took out that the stock still counts until the driver\'s day is settled (司機日結): those delivered and, for a later day, those loaded for stops still to come; and less `unbooked`: those the trucks of the 7 days before today (yesterday and the 6 before it) took out and nobody settled (`unsettledDays`, 尚未日結, oldest first, each with its day, the driver and the plates of their trucks: delivered, or loaded for a stop with no outcome; the days before yesterday are found by their sent-out routes) and those delivered yesterday or today but uploaded after the day was settled (`deliveredAfterSettlement`, 日結後補傳: the stock moves when the hand-in is recorded again). `earlier` is the open orders of the days from tomorrow to the day before it, which the fulls go to first (a day later than tomorrow is covered only by what they leave; a refill recorded meanwhile adds to the fulls). `shortfall` is how many fulls of a size are missing. `atCustomers` sums the cylinders on site (客戶端鋼瓶) of every active customer, every size, with `withoutDeposit`: those the recorded deposit does not cover at the standard deposit. Each depot\'s `storage` weighs its LPG against its permit (容器儲存場所 許可儲存量, `permittedStorageKg`, set by an admin on the depot): `heldKg` the fulls × size (empties hold only residue and are not counted), `atPlantKg` those at the filling plant, back full, and `status` `over` above the permit now, `overOnReturn` above it once those are back, `unknown` with no permit set. `atInactiveCustomers` sums the same of every deactivated customer (已停用客戶處): still the company\'s cylinders, to collect (`GET /api/customers/left-open` names who holds them).',
        response: z.object({
          date: calendarDateSchema,
          depots: z.array(depotStockRowSchema),
          cover: z.array(coverLineSchema),
          unsettledDays: z.array(unsettledDaySchema),
          deliveredAfterSettlement: z.array(deliveredAfterSettlementSchema),
          atCustomers: z.array(onSiteCountSchema),
          atInactiveCustomers: z.array(onSiteCountSchema),
        }),
      },
      query: z.object({ date: calendarDateSchema.optional() }),
      async handle({ query }) {
        const c = await container();
        const tomorrow = addDays(taipeiDate(c.clock.now()), 1);
        const date = query.date ?? tomorrow;
        const store = firestoreCylinderStockStore(c.db);
        const depots = (await firestoreFleetStore(c.db).depots()).filter(isActive);
        const [stocks, orderLines, earlier, onSite, out, onSiteInactive] = await Promise.all([
          store.ofDepots(depots.map((d) => d.id)),
          store.openOrderLines(date),
          store.openOrderLines(tomorrow, addDays(date, -1)),
          store.customersOnSite('active'),
          stockOutOfTheYard(c, date),
          store.customersOnSite('inactive'),
        ]);
        return {
          body: {
            date,
            depots: stocks.map((stock, i) => ({ ...stock, depotName: depots[i]?.name ?? stock.depotId, storage: depotStorage(stock.lines, depots[i]?.permittedStorageKg) })),
            cover: dayCover(orderLines, stocks, out.onTrucks, out.unbooked, earlier),
            unsettledDays: out.unsettledDays,
            deliveredAfterSettlement: out.deliveredAfterSettlement,
            atCustomers: onSiteCensus(onSite),
            atInactiveCustomers: onSiteCensus(onSiteInactive),
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/customers/:customerId',
      roles: STAFF,
      docs: {
        summary: 'One customer’s cylinders on site (客戶端鋼瓶) by size, with how many the recorded deposit (押金) does not cover at the standard deposit',
        description: 'An unknown customer is 404.',
        response: z.object({ customerId: z.string(), items: z.array(onSiteCountSchema) }),
      },
      params: z.object({ customerId: docIdSchema }),
      async handle({ params }) {
        const customer = await firestoreCustomerStore((await container()).db).get(params.customerId);
        return { body: { customerId: customer.id, items: depositCheck(customer.cylindersOnSite) } };
      },
    }),
    route({
      method: 'GET',
      path: '/:depotId/movements',
      roles: STAFF,
      docs: {
        summary: "A depot's stock movements, newest first (a corrected settlement counts from its correction)",
        description: 'An unknown depot is 404.',
        response: z.object({ items: z.array(stockMovementSchema.and(byNameSchema)) }),
      },
      params: depotParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
      async handle({ params, query }) {
        const c = await container();
        await firestoreFleetStore(c.db).depot(params.depotId);
        const items = await firestoreCylinderStockStore(c.db).movements(params.depotId, query.limit);
        return { body: { items: await withByNames(c.db, items) } };
      },
    }),
    route({
      method: 'POST',
      path: '/:depotId/movements',
      roles: STAFF,
      docs: {
        summary: 'Record a refill (empties to the filling plant, fulls and unfilled empties back), a purchase, a retirement or a stocktake; the same Idempotency-Key answers the first movement again',
        description:
          'Applied to the stock in the same transaction. A refill keeps the empties sent that did not come back as `atPlant` (在分裝場) until a later refill brings them back full (`fullsReceived`) or unfilled (`emptiesReturned`); more back of a size than is at the plant, counting the empties sent with it, is 422 STOCK.MORE_BACK_THAN_AT_PLANT. A movement taking a count below zero is refused with 409 (STOCK.NOT_ENOUGH_FULL / STOCK.NOT_ENOUGH_EMPTY); a stocktake sets the counted sizes, and the count at the plant when it gives one. Settlements move stock only through `POST /api/settlements`. An unknown depot is 404.',
        response: z.object({ movement: stockMovementSchema, stock: depotStockSchema }),
        successStatus: 201,
      },
      params: depotParams,
      body: manualMovementInputSchema,
      async handle({ params, body, principal, requestId }) {
        const c = await container();
        await firestoreFleetStore(c.db).depot(params.depotId);
        const { movement, stock } = await firestoreCylinderStockStore(c.db).apply({
          id: idFromRequest('mov', requestId),
          depotId: params.depotId,
          by: actorOf(principal),
          at: c.clock.now(),
          detail: body,
        });
        return { status: 201, body: { movement, stock } };
      },
    }),
  ],
};

http('cylinder-stock', createHttpHandler(cylinderStockFunction, async () => (await container()).http));
