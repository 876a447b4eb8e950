import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreClosureStore, loadClosures, loadEarlyClosings } from '../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { taipeiDate } from '../domain/clock';
import { affectedOrderSchema, closureId, type Closure, closuresFor, closureInputSchema, closureMovesSchema, closurePatchSchema, closureSchema, moveOrdersInputSchema, moveOrdersResultSchema, narrowClosure, newClosure } from '../domain/closures';
import { calendarDateSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, idParams, route, type HttpFunctionDef } from '../http/endpoint';
import { closureRemindersSchema } from '../domain/notifications';
import { closureReminderOutcomes } from './use-cases/closure-reminder-outcomes';
import { closureMoves, moveBackClosureOrders } from './use-cases/move-back-closure-orders';
import { moveClosureOrders } from './use-cases/move-closure-orders';

const publicClosureSchema = closureSchema.pick({ id: true, name: true, from: true, to: true, districts: true, closesAt: true }).openapi('PublicClosure');

/** Business closures (休息日): everyone signed in reads them, admins add, narrow and remove them. */
export const closuresFunction: HttpFunctionDef = {
  name: 'closures',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office', 'driver', 'customer'],
      docs: {
        summary: 'Closures not over by a date (default today, Taipei), by start: the closed days, and apart the days closing early (提早收工)',
        description:
          'Drivers and customers get the days, the name, the districts and the closing time only; who recorded a closure, and when, is for staff. A customer gets only the closures that hold where they are delivered (their address\'s district). `earlyClosings` are open days whose deliveries end at `closesAt`.',
        response: z.object({ closures: z.array(z.union([closureSchema, publicClosureSchema])), earlyClosings: z.array(z.union([closureSchema, publicClosureSchema])) }),
      },
      query: z.object({ from: calendarDateSchema.optional() }),
      async handle({ query, principal }) {
        const c = await container();
        const from = query.from ?? taipeiDate(c.clock.now());
        const [all, early, customer] = await Promise.all([
          loadClosures(c.db, from),
          loadEarlyClosings(c.db, from),
          principal.role === 'customer' && principal.customerId ? firestoreCustomerStore(c.db).get(principal.customerId) : undefined,
        ]);
        const here = <C extends Closure>(list: C[]): C[] => (customer ? closuresFor(list, customer.address.district) : list);
        const staff = principal.role === 'admin' || principal.role === 'office';
        const shown = (list: Closure[]) =>
          staff ? list : list.map(({ id, name, from: first, to, districts, closesAt }) => ({ id, name, from: first, to, ...(districts ? { districts } : {}), ...(closesAt ? { closesAt } : {}) }));
        return { body: { closures: shown(here(all)), earlyClosings: shown(here(early)) } };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin'],
      docs: {
        summary:
          'Close the business for some days, everywhere or in the districts named, or with `closesAt` end their deliveries early (提早收工; 409 when it overlaps another closure of the same place); lists the open orders it leaves without a delivery (on a day closing early, those whose hours start after it), to move',
        response: z.object({ closure: closureSchema, affectedOrders: z.array(affectedOrderSchema) }),
        successStatus: 201,
      },
      body: closureInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const store = firestoreClosureStore(c.db);
        const now = c.clock.now();
        const id = closureId(body.from, requestId);
        const closure = await store.create(id, (existing) =>
          newClosure(body, { id, existing, today: taipeiDate(now), by: actorOf(principal), at: now }),
        );
        return { status: 201, body: { closure, affectedOrders: await store.affectedOrders(closure) } };
      },
    }),
    route({
      method: 'PATCH',
      path: '/:id',
      roles: ['admin'],
      docs: {
        summary: 'Narrow a closure not over yet: keep only some of its districts (颱風停班停課 lifted elsewhere), or end it sooner',
        description:
          'Never wider (`CLOSURE.WIDENS`): more districts or days are a new closure, whose orders need moving. Keeping no district is deleting it (DELETE). The districts of a closure begun before today stay (`CLOSURE.DISTRICTS_OF_PAST_DAYS`: its past days would change); it may end yesterday at the earliest. The orders its move sent elsewhere that may now come back are listed by `GET /:id/moves`.',
        response: z.object({ closure: closureSchema }),
      },
      params: idParams,
      body: closurePatchSchema,
      async handle({ params, body }) {
        const c = await container();
        const today = taipeiDate(c.clock.now());
        return { body: { closure: await firestoreClosureStore(c.db).update(params.id, (closure) => narrowClosure(closure, body, today)) } };
      },
    }),
    route({
      method: 'GET',
      path: '/:id/moves',
      roles: ['admin', 'office'],
      docs: {
        summary: "The orders a closure's move sent to another day: from which day to which, and whether each is back, may come back (恢復配送) or stays, and why",
        description: 'Read from the records its move wrote (`closures/{id}/moves`); moves made before those were kept are not listed. An unknown closure is 404.',
        response: closureMovesSchema,
      },
      params: idParams,
      async handle({ params, locale }) {
        return { body: { moves: await closureMoves(await container(), params.id, locale), movedBack: 0 } };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/move-back',
      roles: ['admin', 'office'],
      docs: {
        summary: '恢復配送: move the orders that may come back (see GET /:id/moves) back to the day they had',
        description:
          "Each in its own transaction with one `order.updated` event (`closureLifted`), so its customer is told once, in their language, that the closure was called off and the day is theirs again. Staff are not held to the same-day cut-off, so an order comes back to today too. Orders changed since the move (by anyone), whose day has gone by or is still closed there stay, with why in the caller's language; a retry brings nothing back twice.",
        response: closureMovesSchema,
      },
      params: idParams,
      async handle({ params, principal, locale }) {
        return { body: await moveBackClosureOrders(await container(), { closureId: params.id, principal, locale }) };
      },
    }),
    route({
      method: 'DELETE',
      path: '/:id',
      roles: ['admin'],
      docs: { summary: 'Reopen the days of a closure', successStatus: 204 },
      params: idParams,
      async handle({ params }) {
        const c = await container();
        await firestoreClosureStore(c.db).delete(params.id);
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'GET',
      path: '/:id/reminders',
      roles: ['admin', 'office'],
      docs: {
        summary: "How a closure's reminders went: sent, waiting for the next run, and the customers nobody could tell, to phone",
        description: 'A customer with no LINE, no mobile to text and no portal account (`INBOX.NO_ACCOUNT`) is listed with the first phone on file and the day they were to be told to order by. An unknown closure is 404.',
        response: closureRemindersSchema,
      },
      params: idParams,
      async handle({ params }) {
        return { body: await closureReminderOutcomes(await container(), params.id) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/move-orders',
      roles: ['admin', 'office'],
      docs: {
        summary: "Move the open orders on a closure's days to each customer's last open day before it, or first after it",
        description:
          'Each order moves in its own transaction, and a confirmed order\'s customer is told the new day. One on a published route nobody has started comes off it first (back to confirmed, its stop gone from the driver\'s route, which completes when none is left), as a typhoon called the evening before needs. Orders that cannot move (out for delivery: `CLOSURE.ORDER_OUT_FOR_DELIVERY`; no open day left before the closure) are listed with the reason in the caller\'s language; a retry moves only what is still on the closure. Past 40 s no further move starts (the function has 60): `remaining` counts the orders left, which the same call again moves (the pages ask again until none is left).',
        response: moveOrdersResultSchema,
      },
      params: idParams,
      body: moveOrdersInputSchema,
      async handle({ params, body, principal, locale }) {
        return { body: await moveClosureOrders(await container(), { closureId: params.id, direction: body.direction, principal, locale }) };
      },
    }),
  ],
};

http('closures', createHttpHandler(closuresFunction, async () => (await container()).http));
