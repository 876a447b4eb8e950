import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { loadClosures, loadEarlyClosings } from '../adapters/firestore/closure-store';
import { firestoreOrderStore, loadPriceList } from '../adapters/firestore/order-store';
import { firestoreRecurringRuleStore } from '../adapters/firestore/recurring-rule-store';
import { inTransaction } from '../adapters/firestore/unit-of-work';
import { cancelOrderIn } from './use-cases/cancel-order';
import { orderPayerIn, orderPayerOf } from './use-cases/chain-access';
import { assertConfirmableIn, backAtCustomersPlace, confirmOrderIn } from './use-cases/confirm-order';
import { depotsForCutoff, placeOrder, todaysClosing } from './use-cases/place-order';
import { rescheduleOrders } from './use-cases/reschedule-orders';
import { dayLoadFor, fullDaysFor } from './use-cases/day-load';
import { mapConcurrently } from './use-cases/concurrently';
import { taipeiDate } from '../domain/clock';
import { DomainError, notFound } from '../domain/errors';
import {
  assertCanEdit,
  assertCanTransition,
  cancelOrderInputSchema,
  canViewOrder,
  closureOverrideInputSchema,
  confirmManyAnswer,
  confirmManyAnswerSchema,
  confirmManyInputSchema,
  confirmOne,
  createOrderInputSchema,
  deliveryMoved,
  pastSameDayCutoff,
  ORDER_STATUSES,
  orderSchema,
  patchedFields,
  patchOrder,
  reasonSchema,
  recurringRuleInputSchema,
  rescheduleManyAnswer,
  rescheduleManyAnswerSchema,
  rescheduleManyInputSchema,
  recurringRuleSchema,
  assertBranchOf,
  resolveOrderCustomer,
  sameLines,
  transition,
  updateOrderInputSchema,
  orderStatusEvent,
  orderUpdatedEvent,
  type ConfirmResult,
  type Order,
  type OrderStatus,
} from '../domain/orders';
import { HEAD_OFFICE_CHANGE } from '../domain/notifications';
import { dayLoadSchema, fullDaysQuerySchema, fullDaysSchema } from '../domain/predictions/day-load';
import { sameDayCutoffFor, servingDepot } from '../domain/routes';
import { calendarDateSchema, docIdSchema, timeOfDaySchema, z } from '../domain/schema';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { actorOf, type Principal } from '../http/auth/principal';
import type { Locale } from '../http/locale';
import { messageFor } from '../http/messages';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';

const listQuery = z.object({
  date: calendarDateSchema.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  district: z.string().trim().min(1).max(10).optional(),
  driverId: docIdSchema.optional(),
  customerId: docIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
const orderView = orderSchema.extend({ version: z.number().int() });
const everyone = ['admin', 'office', 'driver', 'customer'] as const;
const sameDayView = z
  .object({
    cutoff: timeOfDaySchema.nullable(),
    closed: z.boolean(),
    /** The serving depot's phone, for the portal's "please call" (none stored, or a customer not located yet: null). */
    phone: z.string().nullable(),
  })
  .openapi('SameDayCutoff', { example: { cutoff: '15:00', closed: false, phone: '(02)2248-1234' } });

async function deps() {
  const c = await container();
  return { c, orders: firestoreOrderStore(c.db, c.publisher), customers: firestoreCustomerStore(c.db) };
}

/** Cancels for the caller (`cancelOrderIn`). */
async function cancel(principal: Principal, id: string, input: { reason: string; note?: string | undefined }) {
  const { c } = await deps();
  const now = c.clock.now();
  return inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
    const current = await uow.read<Order>('orders', id);
    if (!current) throw notFound('ORDER.NOT_FOUND', `Order ${id} not found`, { id });
    return cancelOrderIn(uow, principal, current, input, now);
  });
}

/** Confirms a pending order, or takes a scheduled one back to planning (`confirmOrderIn`), in one transaction. */
async function confirm(principal: Principal, id: string) {
  const { c, customers } = await deps();
  const now = c.clock.now();
  const closures = await loadClosures(c.db, taipeiDate(now));
  return inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
    const current = await uow.read<Order>('orders', id);
    if (!current) throw notFound('ORDER.NOT_FOUND', `Order ${id} not found`, { id });
    await assertConfirmableIn(uow.tx, customers, principal, current, closures);
    const { next, events } = await confirmOrderIn(uow, customers, principal, current, now, () => loadPriceList(c.db));
    return uow.put<Order>('orders', current, next, events);
  });
}

/** Applies one status change for the caller, atomically with its event. */
async function move(principal: Principal, id: string, to: OrderStatus, extra: { reason?: string; note?: string } = {}) {
  const { c, orders, customers } = await deps();
  const now = c.clock.now();
  return orders.mutate(
    id,
    (current, tx) => {
      assertCanTransition(principal, current, to);
      return backAtCustomersPlace(customers, tx, current, transition(current, to, { by: actorOf(principal), at: now, ...extra }), now, () => loadPriceList(c.db));
    },
    { actor: actorOf(principal), now },
  );
}

/** How many of a 全部確認's transactions run at once: a few hundred orders in seconds without a burst at Firestore. */
const CONFIRM_AT_ONCE = 8;

/**
 * 全部確認: each order in a transaction of its own, so one cancelled meanwhile (or fought over) holds up none of the
 * others and every order confirmed is kept whatever happens to the rest; one transaction for all would put a busy day
 * near Firestore's 500 writes and let a single refusal undo the column. Every order answers for itself.
 */
async function confirmMany(principal: Principal, ids: readonly string[], locale: Locale): Promise<ConfirmResult[]> {
  const { c, orders, customers } = await deps();
  const by = actorOf(principal);
  const closures = await loadClosures(c.db, taipeiDate(c.clock.now()));
  return mapConcurrently(ids, CONFIRM_AT_ONCE, async (id): Promise<ConfirmResult> => {
    let outcome: ConfirmResult['outcome'] = 'already_confirmed';
    try {
      const now = c.clock.now();
      await orders.mutate(
        id,
        async (current, tx) => {
          await assertConfirmableIn(tx, customers, principal, current, closures);
          const next = confirmOne(principal, current, { by, at: now });
          outcome = next ? 'confirmed' : 'already_confirmed';
          return next ? { next, events: [orderStatusEvent(next, current.status)] } : { next: current, events: [] };
        },
        { actor: by, now },
      );
      return { id, outcome };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        // Not the order's fault (Firestore gave up on a contended transaction): said so, and the others go on.
        console.error(JSON.stringify({ severity: 'ERROR', fn: 'orders', message: `confirm of ${id} failed`, error: String(error) }));
        return { id, outcome: 'refused', code: 'ORDER.CONFIRM_NOT_DONE', message: messageFor('ORDER.CONFIRM_NOT_DONE', locale, 'Not confirmed') };
      }
      return { id, outcome: 'refused', code: error.code, message: messageFor(error.code, locale, error.message, error.details) };
    }
  });
}

export const ordersFunction: HttpFunctionDef = {
  name: 'orders',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: everyone,
      docs: {
        summary: 'List orders newest first, filtered by date, status, district, driver or customer',
        description: 'A customer sees only their own orders, a driver only those on their routes.',
        response: z.object({ items: z.array(orderView), nextCursor: z.string().nullable() }),
      },
      query: listQuery,
      async handle({ query, principal }) {
        const { orders } = await deps();
        const customerId = principal.role === 'customer' ? principal.customerId : query.customerId;
        const driverId = principal.role === 'driver' ? principal.driverId : query.driverId;
        const page = await orders.list(
          (q) => {
            let r = q;
            if (query.date) r = r.where('requestedDate', '==', query.date);
            if (query.status) r = r.where('status', '==', query.status);
            if (query.district) r = r.where('district', '==', query.district);
            if (driverId) r = r.where('driverId', '==', driverId);
            if (customerId) r = r.where('customerId', '==', customerId);
            return r;
          },
          query.limit,
          query.cursor,
        );
        return { body: { items: page.items.filter((o) => canViewOrder(principal, o)), nextCursor: page.nextCursor } };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: 'Create an order; prices come from the price list, never from the client',
        description:
          "A customer orders for themself; a head office's portal account (分店／總公司付款) also for a branch that names it as payer, " +
          'delivered and priced as that branch’s order. Naming any other customer is 403 AUTH.FORBIDDEN.',
        response: orderView,
        successStatus: 201,
      },
      body: createOrderInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const { order } = await placeOrder(c, {
          id: idFromRequest('ord', requestId),
          ...resolveOrderCustomer(principal, body.customerId),
          input: body,
          by: actorOf(principal),
          source: principal.role === 'customer' ? 'portal' : 'office',
        });
        return { status: 201, body: order };
      },
    }),
    route({
      method: 'GET',
      path: '/recurring',
      roles: ['admin', 'office'],
      docs: { summary: 'Active recurring order rules', response: z.object({ items: z.array(recurringRuleSchema) }) },
      query: z.object({ customerId: docIdSchema.optional() }),
      async handle({ query }) {
        const c = await container();
        return { body: { items: await firestoreRecurringRuleStore(c.db).listActive(query.customerId) } };
      },
    }),
    route({
      method: 'POST',
      path: '/recurring',
      roles: ['admin', 'office'],
      docs: { summary: 'Create a recurring order rule ("every 4 weeks", "every Monday")', successStatus: 201 },
      body: recurringRuleInputSchema,
      async handle({ body, requestId }) {
        const c = await container();
        await firestoreCustomerStore(c.db).get(body.customerId);
        const rule = await firestoreRecurringRuleStore(c.db).create({
          ...body,
          id: idFromRequest('rr', requestId),
          active: true,
        });
        return { status: 201, body: rule };
      },
    }),
    route({
      method: 'POST',
      path: '/recurring/:id/deactivate',
      roles: ['admin', 'office'],
      docs: { summary: 'Stop a recurring rule; orders already created stay' },
      params: idParams,
      async handle({ params }) {
        const c = await container();
        return { body: await firestoreRecurringRuleStore(c.db).deactivate(params.id) };
      },
    }),
    route({
      method: 'GET',
      path: '/same-day',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: "The same-day cut-off for a customer's orders, whether it has passed today (Taipei time), and whom to phone",
        description:
          'The cut-off of the depot that would plan the customer’s orders (the nearest in service; the earliest of them for a customer ' +
          'without a pin). After it a customer can no longer order for today (ORDER.SAME_DAY_CLOSED); office staff still can. ' +
          'The phone is that depot’s, for the portal to offer where it asks the customer to call. Staff name the customer; a customer gets their own, ' +
          'and a head office (分店／總公司付款) a branch it pays for, as it books for it; any other customer is 403 AUTH.FORBIDDEN.',
        response: sameDayView,
      },
      query: z.object({ customerId: docIdSchema.optional() }),
      async handle({ query, principal }) {
        const c = await container();
        const now = c.clock.now();
        const { customerId, headOfficeId } = resolveOrderCustomer(principal, query.customerId);
        const customers = firestoreCustomerStore(c.db);
        const [customer, depots, earlyClosings] = await Promise.all([
          // A customer that is not there is refused as another's is (`assertBranchOf`), so ids tried tell nothing.
          headOfficeId === undefined ? customers.get(customerId) : customers.get(customerId).catch(() => null).then((b) => assertBranchOf(b, headOfficeId)),
          firestoreFleetStore(c.db).depots(),
          loadEarlyClosings(c.db, taipeiDate(now)),
        ]);
        const cutoff = sameDayCutoffFor(customer.location, depots, todaysClosing(earlyClosings, customer.address.district, taipeiDate(now)));
        const phone = customer.location ? (servingDepot(customer.location, depots)?.phone ?? null) : null;
        return { body: { cutoff: cutoff ?? null, closed: pastSameDayCutoff(now, cutoff), phone } };
      },
    }),
    route({
      method: 'GET',
      path: '/day-load',
      roles: ['admin', 'office'],
      docs: {
        summary: "A day's booked orders at the depot serving a customer against the stops its trucks make a day, for the phone-order form to warn of a full day",
        description:
          'The depot is the nearest in service to the customer (as planning takes orders); its stops a day are those the nightly suggestions place by ' +
          '(trucks in service with a driver, times `GET /api/predictions/stops-per-truck`). Unconfirmed nightly suggestions are not counted. `full` when the ' +
          'booked orders reach the stops, with the next day the customer takes deliveries on that has room. A warning only: the office may still book the day. ' +
          'null for a customer without a pin. An unknown customer is 404 CUSTOMER.NOT_FOUND.',
        response: dayLoadSchema.extend({ depotName: z.string() }).nullable(),
      },
      query: z.object({ customerId: docIdSchema, date: calendarDateSchema }),
      async handle({ query }) {
        return { body: await dayLoadFor(await container(), query.customerId, query.date) };
      },
    }),
    route({
      method: 'GET',
      path: '/full-days',
      // The customer's own question: the office asks /day-load, which tells the figures this leaves out.
      roles: ['customer'],
      docs: {
        summary: "The days of a span already full at the depot serving the customer, for the portal's order form to mark",
        description:
          'Each day weighed as `GET /api/orders/day-load` weighs it (`full`), from one read of the span\'s open orders; only which days are full, no ' +
          "figure of anyone's orders nor the depot's capacity. A full day may still be booked. A head office may ask for one of its branches " +
          '(`customerId`); any other customer is 403. A customer without a pin gets no full day. At most 42 days at once (400 ORDER.FULL_DAYS_RANGE).',
        response: fullDaysSchema,
      },
      query: fullDaysQuerySchema,
      async handle({ query, principal }) {
        const c = await container();
        const { customerId, headOfficeId } = resolveOrderCustomer(principal, query.customerId);
        const customers = firestoreCustomerStore(c.db);
        // A customer that is not there is refused as another's is (`assertBranchOf`), so ids tried tell nothing.
        const customer = headOfficeId === undefined ? customers.get(customerId) : customers.get(customerId).catch(() => null).then((b) => assertBranchOf(b, headOfficeId));
        return { body: { from: query.from, through: query.through, full: await fullDaysFor(c, customer, query.from, query.through) } };
      },
    }),
    route({
      method: 'GET',
      path: '/:id',
      roles: everyone,
      docs: {
        summary: 'One order with its full timeline',
        description:
          "A head office's portal account (分店／總公司付款) reads a branch's order while the branch names it as payer, as Firestore's rules let it; " +
          'any other customer’s order, a sibling branch’s or a former branch’s included, is 404 ORDER.NOT_FOUND.',
        response: orderView,
      },
      params: idParams,
      async handle({ params, principal }) {
        const { c, orders } = await deps();
        const order = await orders.find(params.id);
        // Someone else's order is "not found": its existence is not the caller's business.
        if (!order || !canViewOrder(principal, order, await orderPayerOf(c.db, principal, order))) throw notFound('ORDER.NOT_FOUND', 'Order not found', { id: params.id });
        return { body: order };
      },
    }),
    route({
      method: 'PATCH',
      path: '/:id',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: 'Change items, date, window, priority, notes or payment while the status allows',
        description:
          'Only what changes is sent. With `version` (the one the caller saw), a change made after someone else changed the order is refused ' +
          '(409 ORDER.CHANGED), unless the order already holds it (a retry whose answer was lost), which answers the order as it is. ' +
          "A head office's portal account (分店／總公司付款) changes a branch's pending order as the branch may (its cut-off and rules), while the " +
          'branch names it as payer (read in the change’s transaction); any other customer’s order, a former branch’s included, is 404 ORDER.NOT_FOUND.',
        response: orderView,
      },
      params: idParams,
      body: updateOrderInputSchema,
      async handle({ params, body, principal }) {
        const { c, orders, customers } = await deps();
        const now = c.clock.now();
        const today = taipeiDate(now);
        // A change of cylinders may be to an order already for today (read in the transaction), whose cut-off binds it too.
        const cutoffDay = body.requestedDate ?? (body.items || body.emptiesToCollect ? today : undefined);
        const [priceList, closures, depots, earlyClosings] = await Promise.all([
          loadPriceList(c.db),
          loadClosures(c.db, today),
          depotsForCutoff(c, cutoffDay, today),
          loadEarlyClosings(c.db, today),
        ]);
        const updated = await orders.mutate(
          params.id,
          async (current, tx) => {
            const payerId = await orderPayerIn(c.db, tx, principal, current);
            assertCanEdit(principal, current, payerId);
            const customer = await customers.get(current.customerId);
            const sameDayCutoff = sameDayCutoffFor(current.location ?? customer.location, depots, todaysClosing(earlyClosings, current.district, today));
            const next = patchOrder(current, body, { customer, contractTerms: await customers.pricingTermsOf(customer, tx), by: principal, priceList, closures, earlyClosings, at: now, today, sameDayCutoff });
            // A head office moving its branch's delivery or changing its cylinders: the branch's staff did not, and are told
            // so as a customer the office moves with a reason is (a pending order changed by its own customer is told nothing).
            const reason = payerId !== undefined && deliveryMoved(current, next) ? HEAD_OFFICE_CHANGE : next.requestedDate !== current.requestedDate ? body.reason : undefined;
            const items = payerId !== undefined && !sameLines(current.items, next.items) ? next.items : undefined;
            return { next, events: next === current ? [] : [orderUpdatedEvent(next, patchedFields(body), undefined, reason, items)] };
          },
          { actor: actorOf(principal), now },
        );
        return { body: updated };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/confirm',
      roles: ['admin', 'office'],
      docs: { summary: 'Confirm a pending order, or take a scheduled one off its published route back to planning', response: orderView },
      params: idParams,
      async handle({ params, principal }) {
        return { body: await confirm(principal, params.id) };
      },
    }),
    route({
      method: 'POST',
      path: '/confirm',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Confirm many pending orders (全部確認): each on its own, each answered (confirmed, already confirmed, or refused with its code)',
        description:
          'Each order is confirmed in a transaction of its own, so what is confirmed stays confirmed whatever becomes of the others or of the caller; ' +
          'an order already confirmed is answered as such and not written again, so the request can simply be sent again. ' +
          'The same Idempotency-Key answers the first answer again. An id the caller may not see is refused as ORDER.NOT_FOUND.',
        response: confirmManyAnswerSchema,
      },
      body: confirmManyInputSchema,
      async handle({ body, principal, locale }) {
        return { body: confirmManyAnswer(await confirmMany(principal, body.ids, locale)) };
      },
    }),
    route({
      method: 'POST',
      path: '/reschedule',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Move chosen orders to a later day with a reason told to each customer (延後): each on its own, each answered (moved, already moved, or refused with its code)',
        description:
          'Each order moves in a transaction of its own, so what moved stays moved whatever becomes of the others; the answer is 200 with every ' +
          'order’s outcome even when none could move, as 全部確認 answers. An order on a published route nobody has started comes off it, and a ' +
          'failed one goes back to pending; one out for delivery, delivered or cancelled, already for a later day (ORDER.RESCHEDULE_NOT_LATER), ' +
          'or failed on the day asked (ORDER.RESCHEDULE_FAILED_SAME_DAY), is refused. Each customer is told ' +
          'the new day and the reason once: an order already on the day is answered `already_moved` and not written again, and the same ' +
          'Idempotency-Key answers the first answer again. An id the caller may not see is refused as ORDER.NOT_FOUND.',
        response: rescheduleManyAnswerSchema,
      },
      body: rescheduleManyInputSchema,
      async handle({ body, principal, locale }) {
        const c = await container();
        return { body: rescheduleManyAnswer(await rescheduleOrders(c, { ...body, principal, locale })) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/cancel',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: 'Cancel (staff: pending, confirmed or scheduled; a customer: own pending order)',
        description:
          "A head office's portal account (分店／總公司付款) cancels a branch's pending order as the branch may, while the branch names it as payer " +
          '(read in the cancel’s transaction); any other customer’s order, a former branch’s included, is 404 ORDER.NOT_FOUND.',
        response: orderView,
      },
      params: idParams,
      body: cancelOrderInputSchema,
      async handle({ params, body, principal }) {
        return { body: await cancel(principal, params.id, body) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/reschedule',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Put a failed order back to pending, keeping its history, for the day the customer asks (re-priced and checked like a new date: its hours ending after a day closing early are 422 ORDER.AFTER_CLOSING)',
        response: orderView,
      },
      params: idParams,
      body: z
        .object({
          note: reasonSchema.optional(),
          requestedDate: calendarDateSchema.optional(),
          /** Staff deliver it on a closure day anyway (緊急配送), as a new order may be. */
          closureOverride: closureOverrideInputSchema.optional(),
        })
        .openapi('RescheduleOrderRequest', { example: { note: '客戶改約明天上午', requestedDate: '2026-12-02' } }),
      async handle({ params, body, principal }) {
        if (!body.requestedDate) return { body: await move(principal, params.id, 'pending', body.note ? { note: body.note } : {}) };
        const requestedDate = body.requestedDate;
        const { c, orders, customers } = await deps();
        const now = c.clock.now();
        const today = taipeiDate(now);
        const actor = actorOf(principal);
        const [priceList, closures, earlyClosings] = await Promise.all([loadPriceList(c.db), loadClosures(c.db, today), loadEarlyClosings(c.db, today)]);
        const updated = await orders.mutate(
          params.id,
          async (current, tx) => {
            assertCanTransition(principal, current, 'pending');
            const back = await backAtCustomersPlace(customers, tx, current, transition(current, 'pending', { by: actor, at: now, ...(body.note ? { note: body.note } : {}) }), now, async () => priceList);
            const customer = await customers.get(current.customerId);
            const next = patchOrder(back.next, { requestedDate, ...(body.closureOverride ? { closureOverride: body.closureOverride } : {}) }, { customer, contractTerms: await customers.pricingTermsOf(customer, tx), by: principal, priceList, closures, earlyClosings, at: now, today });
            return { next, events: [...back.events, orderUpdatedEvent(next, ['requestedDate'])] };
          },
          { actor, now },
        );
        return { body: updated };
      },
    }),
  ],
};

http('orders', createHttpHandler(ordersFunction, async () => (await container()).http));
