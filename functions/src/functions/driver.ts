import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { DRIVER_ACTIONS, DRIVER_LOCATIONS, firestoreRouteStore, ROUTES } from '../adapters/firestore/route-store';
import type { PendingEvent } from '../adapters/firestore/aggregate-store';
import { inTransaction, type UnitOfWork } from '../adapters/firestore/unit-of-work';
import { loadPriceList } from '../adapters/firestore/order-store';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreBooksStore } from '../adapters/firestore/books-store';
import { depositsOf, firestoreDepositStore } from '../adapters/firestore/deposit-store';
import { followCylinderSerials } from '../adapters/firestore/cylinder-register-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import { readClosures } from '../adapters/firestore/closure-store';
import { applyDeposit, checkDoorDeposits, depositHeldSchema, doorDepositListSchema, doorDepositRecords, standardDeposits, withLateBooking, type Deposit, type DoorDeposit } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import { changesOnSite, cylindersAfterDelivery, cylindersOnSiteSchema, revised, type Customer } from '../domain/customers';
import { sizeQuantityListSchema } from '../domain/cylinders';
import { deliveryCylinderSerialsSchema, type DeliveryCylinderSerials } from '../domain/cylinders/register';
import { conflict, DomainError, invalid, notFound } from '../domain/errors';
import { assertStaffFailureReason, deliverOrder, failureNoteSchema, failureReasonSchema, leftDespiteSupplyStop, orderStatusEvent, transition, withUnknownCollectedSerials, type Order } from '../domain/orders';
import { isFailureReasonCode } from '../domain/notifications/templates';
import { customerPriceList } from '../domain/pricing';
import { promiseOf } from '../domain/reports/punctuality';
import { DRIVER_EVENTS, handedPickupMoved, isDriverVisible, pickupMoved, pickupSchema, recordOutcome, ROUTE_EVENTS, startRoute, type Route } from '../domain/routes';
import { docIdSchema, instantSchema, moneySchema, z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { driverCylinderRoutes } from './cylinders-driver';
import { driverSafetyRoutes } from './safety-inspections-driver';

/** A driver's position is kept at most this often; the SPA sends every 30 s. */
export const LOCATION_INTERVAL_MS = 15_000;
/** Action times from a phone clock may run a little ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

const actionResultSchema = z.object({
  actionId: z.string(),
  orderId: z.string(),
  status: z.string(),
  routeId: z.string(),
  routeStatus: z.string(),
  /** When the delivery named cylinders: those collected that the register does not know as in service (nothing written for them). */
  unknownSerials: z.array(z.string()).optional(),
  /**
   * 補登: deposits collected at a door whose day was already in the closed books (關帳) when the action arrived, booked
   * on the first open day (`receivedOn`) with the door day kept (`collectedOn`).
   */
  depositsPostedLate: z.object({ collectedOn: z.string(), receivedOn: z.string(), depositIds: z.array(z.string()) }).optional(),
  /** 補登: the delivery's day was in the closed books when the action arrived; its charge is booked on `bookedOn`. */
  deliveryPostedLate: z.object({ deliveredOn: z.string(), bookedOn: z.string() }).optional(),
});
type ActionResult = z.infer<typeof actionResultSchema>;

const onSiteAnswerSchema = z
  .object({
    customers: z.array(z.object({ customerId: z.string(), cylindersOnSite: cylindersOnSiteSchema })),
    /** The standard deposit for one cylinder of each size: what the driver app pre-fills. */
    standard: z.array(depositHeldSchema),
  })
  .openapi('DriverCylindersOnSite');

interface DriverAction {
  readonly actionId: string;
  readonly driverId: string;
  readonly orderId: string;
  readonly kind: 'deliver' | 'fail';
  readonly at: string;
  readonly result: ActionResult;
}

const driverIdOf = (p: Principal): string => {
  if (!p.driverId) throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'The account is linked to no driver');
  return p.driverId;
};

/** The caller's own visible route, or "not found". */
function ownRoute<R extends Route>(r: R | null, driverId: string, id: string): R {
  if (!r || r.driverId !== driverId || !isDriverVisible(r)) throw notFound('ROUTE.NOT_FOUND', `Route ${id} not found`, { id });
  return r;
}

/** Takes an order out for delivery if the driver did not press "start" first. */
function outForDelivery(order: Order, by: ReturnType<typeof actorOf>, at: Date): Order {
  return order.status === 'scheduled' ? transition(order, 'out_for_delivery', { by, at }) : order;
}

/**
 * Starting a route puts its scheduled orders out for delivery: their customers are told 配送中 and the portal tracks the
 * truck. `except` is the stop whose own write moves it, when the first stop recorded starts a route nobody started.
 */
async function sendOutOrders(uow: UnitOfWork, route: Route, by: ReturnType<typeof actorOf>, at: Date, except?: string): Promise<void> {
  const orders = await uow.readAll<Order>('orders', route.stops.map((s) => s.orderId).filter((id) => id !== except));
  for (const order of orders) {
    if (order?.status !== 'scheduled') continue;
    const next = outForDelivery(order, by, at);
    uow.put<Order>('orders', order, next, [orderStatusEvent(next, order.status)]);
  }
}

/**
 * Keeps the customer's cylinders on site (客戶端鋼瓶) true to a delivery, in the stop's transaction and behind its action
 * record, so a retried action never counts twice. Customers have no events of their own: the record is written whole
 * (`revised`: one version more, so a clerk's form open on the customer hears of it), and only when some size was not
 * swapped one for one or the driver collected a deposit (each deposit record is written beside it and adds to its size's
 * `depositPaid`). Empties taken back beyond what the
 * record held answer a `system.cylinders_over_collected` alert for the office to check the record.
 * @throws `CUSTOMER.NOT_FOUND` when deposits were collected for a customer no longer on record (nothing is written).
 * @throws `DEPOSIT.DOOR_EXCEEDS_DUE` / `DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE` (`checkDoorDeposits`) for deposits the stop
 * does not leave due, judged on the lines as they stood before it (nothing is written).
 */
async function followCylindersOnSite(uow: UnitOfWork, order: Order, now: Date, deposits: readonly Deposit[]): Promise<PendingEvent[]> {
  if (!order.delivery || (!changesOnSite(order.delivery) && deposits.length === 0)) return [];
  const customer = await uow.read<Customer>('customers', order.customerId);
  if (!customer) {
    if (deposits.length > 0) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${order.customerId} not found`, { id: order.customerId });
    return [];
  }
  checkDoorDeposits(deposits, customer.cylindersOnSite, order.delivery);
  const after = cylindersAfterDelivery(customer.cylindersOnSite, order.delivery);
  const lines = deposits.reduce(applyDeposit, after.lines);
  if (after.changed || deposits.length > 0) uow.set('customers', customer.id, revised(customer, { cylindersOnSite: lines }, now));
  for (const d of deposits) uow.set(depositsOf(customer.id), d.id, d);
  if (after.overCollected.length === 0) return [];
  return [{ topic: 'system-alerts', type: 'system.cylinders_over_collected', data: { severity: 'warning', customerId: customer.id, orderId: order.id, sizes: after.overCollected } }];
}

/**
 * The records of the deposits collected with a delivery, received on the Taipei day the driver was at the door (an
 * upload after midnight keeps the day it was collected; a phone clock a little ahead is held to today), or booked on the
 * first open day when that day is in the closed books by now (`closedThrough`, read in the stop's transaction).
 */
function depositsAtDoor(doorDeposits: DoorDeposits, order: Order, actionId: string, at: Date, now: Date, closedThrough: string | undefined): Deposit[] {
  if (doorDeposits.lines.length === 0) return [];
  const today = taipeiDate(now);
  const day = taipeiDate(at);
  return doorDepositRecords(doorDeposits.lines, { actionId, customerId: order.customerId, orderId: order.id, receivedOn: day < today ? day : today, closedThrough, today, by: doorDeposits.by, now });
}

/** What the answer says of deposits booked late (see `depositsAtDoor`), when there are any. */
function postedLate(deposits: readonly Deposit[]): Pick<ActionResult, 'depositsPostedLate'> {
  const late = deposits.filter((d) => d.collectedOn !== undefined);
  const first = late[0];
  if (!first?.collectedOn) return {};
  return { depositsPostedLate: { collectedOn: first.collectedOn, receivedOn: first.receivedOn, depositIds: late.map((d) => d.id) } };
}

const actionBody = { actionId: z.uuid(), at: instantSchema.optional() };

/** A stop's outcome applied to its order, with any alert it raises for the office beside the order's own events. */
interface Applied {
  readonly order: Order;
  readonly alerts?: readonly PendingEvent[];
}

/** Deposits the driver took at the door with a delivery, and the name their records are signed with. */
interface DoorDeposits {
  readonly lines: readonly DoorDeposit[];
  readonly by: string;
}

/**
 * One stop outcome, exactly once per action id: the order, the route, the customer's cylinders and deposit records
 * and the action record change together, and a retry of the same action returns the first answer.
 */
async function stopAction(
  principal: Principal,
  orderId: string,
  body: { actionId: string; at?: string | undefined },
  kind: 'deliver' | 'fail',
  apply: (order: Order, at: Date, uow: UnitOfWork) => Applied | Promise<Applied>,
  doorDeposits: DoorDeposits = { lines: [], by: '' },
  cylinderSerials?: DeliveryCylinderSerials,
): Promise<ActionResult> {
  const c = await container();
  // Staff record a stop for the order's driver (a phone that died before the last stop): the same checks and writes.
  const caller = principal.role === 'driver' ? driverIdOf(principal) : null;
  const now = c.clock.now();
  const at = body.at ? new Date(body.at) : now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('DRIVER.ACTION_IN_FUTURE', 'The action time lies in the future', { path: 'at' });
  const actor = actorOf(principal);
  return inTransaction(c.db, c.publisher, { actor, now }, async (uow: UnitOfWork) => {
    const done = await uow.read<DriverAction>(DRIVER_ACTIONS, body.actionId);
    if (done) {
      if ((caller !== null && done.driverId !== caller) || done.orderId !== orderId || done.kind !== kind) {
        throw conflict('DRIVER.ACTION_ID_REUSED', `Action ${body.actionId} was used for something else`, { actionId: body.actionId });
      }
      return done.result;
    }
    const order = await uow.read<Order>('orders', orderId);
    // Staff see every order, so one taken off its route since their screen showed the stop (confirmed again, or failed
    // and rescheduled) is said to be on no route, with its status; a driver is told 404, as for another driver's stop.
    if (caller === null && order && !order.routeId) throw conflict('DRIVER.STOP_NOT_ON_ROUTE', `Order ${orderId} is on no route`, { id: orderId, status: order.status });
    const driverId = caller ?? order?.driverId;
    if (!order || !driverId || order.driverId !== driverId || !order.routeId) throw notFound('ORDER.NOT_FOUND', `Order ${orderId} not found`, { id: orderId });
    const current = ownRoute(await uow.read<Route>(ROUTES, order.routeId), driverId, order.routeId);
    // A driver who never pressed 開始配送 (no signal at the yard) is out with the whole route by their first stop; staff
    // recording a stop for a phone are no sign the truck left.
    if (caller !== null && current.status === 'published') await sendOutOrders(uow, current, actor, at, orderId);
    // Read for every delivery (not a failure, which books nothing): a day closed by the time the phone syncs books its
    // charge and door deposits on the first open day (補登), and a close committing meanwhile makes this retry.
    const closedThrough = kind === 'deliver' ? await firestoreBooksStore(c.db).closedThrough(uow.tx) : undefined;
    const { order: outcomeOrder, alerts = [] } = await apply(outForDelivery(order, actor, at), at, uow);
    const applied = withLateBooking(outcomeOrder, taipeiDate(at), closedThrough);
    const deposits = depositsAtDoor(doorDeposits, applied, body.actionId, at, now, closedThrough);
    const onSiteEvents = await followCylindersOnSite(uow, applied, now, deposits);
    const unknownSerials = cylinderSerials
      ? await followCylinderSerials(uow, cylinderSerials, { id: body.actionId, by: actor, now, today: taipeiDate(now), day: taipeiDate(at), orderId, customerId: order.customerId, depotId: current.depotId })
      : undefined;
    // Kept with the delivery, so the driver's stop and the office's order name them after this answer is gone.
    const next = withUnknownCollectedSerials(applied, unknownSerials ?? []);
    const outcome = { status: next.status === 'delivered' ? ('delivered' as const) : ('failed' as const), at: at.toISOString(), actionId: body.actionId };
    const updated = recordOutcome(current, orderId, outcome);
    const stopData = { routeId: current.id, orderId, actionId: body.actionId, at: outcome.at, ...(next.failureReason ? { reason: next.failureReason } : {}) };
    const routeEvents = [
      ...(current.status === 'published' ? [{ topic: ROUTE_EVENTS, type: 'route.started', data: { routeId: current.id, driverId } }] : []),
      { topic: ROUTE_EVENTS, type: `route.stop_${outcome.status}`, data: stopData },
      // The promise the stop is held to travels with it: the report consumer needs no read of the order.
      { topic: DRIVER_EVENTS, type: `driver.stop_${outcome.status}`, data: { ...stopData, driverId, promise: promiseOf(order), ...(next.delivery ? { delivery: next.delivery } : {}) } },
      ...(updated.status === 'completed' ? [{ topic: ROUTE_EVENTS, type: 'route.completed', data: { routeId: current.id, driverId } }] : []),
    ];
    const orderEvents = [
      ...(order.status === 'scheduled' ? [orderStatusEvent({ ...next, status: 'out_for_delivery' }, 'scheduled')] : []),
      orderStatusEvent(next, 'out_for_delivery'),
      ...onSiteEvents,
      ...alerts,
    ];
    // The driver cannot register a cylinder at the door: the office is told which ones came back unknown.
    if (unknownSerials && unknownSerials.length > 0) {
      orderEvents.push({ topic: 'system-alerts', type: 'system.cylinder_serials_unknown', data: { severity: 'warning', customerId: order.customerId, orderId, serials: unknownSerials } });
    }
    uow.put<Order>('orders', order, next, orderEvents);
    uow.put<Route>(ROUTES, current, updated, routeEvents);
    const result: ActionResult = {
      actionId: body.actionId,
      orderId,
      status: next.status,
      routeId: current.id,
      routeStatus: updated.status,
      ...(unknownSerials ? { unknownSerials } : {}),
      ...postedLate(deposits),
      ...(next.delivery?.bookedOn ? { deliveryPostedLate: { deliveredOn: taipeiDate(at), bookedOn: next.delivery.bookedOn } } : {}),
    };
    uow.set(DRIVER_ACTIONS, body.actionId, { actionId: body.actionId, driverId, orderId, kind, at: outcome.at, recordedAt: now.toISOString(), result } satisfies DriverAction & { recordedAt: string });
    return result;
  });
}

export const driverFunction: HttpFunctionDef = {
  name: 'driver',
  routes: [
    route({
      method: 'POST',
      path: '/routes/:routeId/start',
      roles: ['driver'],
      docs: { summary: "Start one's published route: its orders go out for delivery", response: z.object({ routeId: z.string(), status: z.string() }) },
      params: z.object({ routeId: docIdSchema }),
      async handle({ params, principal }) {
        const c = await container();
        const driverId = driverIdOf(principal);
        const now = c.clock.now();
        const actor = actorOf(principal);
        return inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
          const current = ownRoute(await uow.read<Route>(ROUTES, params.routeId), driverId, params.routeId);
          if (current.status !== 'published') return { body: { routeId: current.id, status: current.status } };
          await sendOutOrders(uow, current, actor, now);
          const started = startRoute(current, now);
          uow.put<Route>(ROUTES, current, started, [
            { topic: ROUTE_EVENTS, type: 'route.started', data: { routeId: current.id, driverId } },
            { topic: DRIVER_EVENTS, type: 'driver.route_started', data: { routeId: current.id, driverId } },
          ]);
          return { body: { routeId: started.id, status: started.status } };
        });
      },
    }),
    route({
      method: 'POST',
      path: '/routes/:routeId/pickups/:n/moved',
      roles: ['driver'],
      docs: {
        summary: 'Say the fulls of stops handed over (改派) are on the new truck',
        description:
          "The route's `pickups[n]` (what its driver fetches for stops another driver's route handed to it) gets `moved` (when, which driver), and so does the first route's side of it (`handedPickups`, for its driver's phone), once: asked again, by either driver, it answers the pickup as it is and writes nothing. The route's driver or the driver of the route the stops came from may say it; to any other the route is 404 ROUTE.NOT_FOUND, and a pickup it does not have 404 ROUTE.PICKUP_NOT_FOUND. The product keeps no stock per truck (the stock moves at the 司機日結), so this is the drivers' word for the office, not a stock movement.",
        response: pickupSchema,
      },
      params: z.object({ routeId: docIdSchema, n: z.coerce.number().int().min(0).max(199) }),
      async handle({ params, principal }) {
        const c = await container();
        const driverId = driverIdOf(principal);
        const now = c.clock.now();
        return inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
          const current = await uow.read<Route>(ROUTES, params.routeId);
          const fromRouteId = current?.pickups?.[params.n]?.fromRouteId;
          // Read whoever asks: the first route's side of the pickup says it done too.
          const giver = current && fromRouteId ? await uow.read<Route>(ROUTES, fromRouteId) : null;
          const route = giver?.driverId === driverId && current && isDriverVisible(current) ? current : ownRoute(current, driverId, params.routeId);
          const next = pickupMoved(route, params.n, driverId, now);
          const pickup = (next ?? route).pickups![params.n]!;
          if (next) uow.put<Route>(ROUTES, route, next);
          const given = giver && pickup.moved ? handedPickupMoved(giver, route.id, params.n, pickup.moved) : null;
          if (giver && given) uow.put<Route>(ROUTES, giver, given);
          return { body: pickup };
        });
      },
    }),
    route({
      method: 'POST',
      path: '/stops/:orderId/deliver',
      roles: ['driver'],
      docs: {
        summary: 'Record a delivery (cylinders left, empties taken back, cash, deposits collected at the door); once per actionId',
        description:
          "Each `depositCollected` line becomes a cash deposit record (押金, `customers/{id}/deposits`, with the order's id) and adds to the size's `depositPaid`, in the stop's transaction: a replayed action writes nothing again. Dated the door day, unless that day is in the closed books (關帳) by the time the action arrives (an offline phone syncing late): then it is booked on the first open day (`receivedOn`, the day after the books-closed date read in the stop's transaction) with the door day as `collectedOn`, the answer says so (`depositsPostedLate`) and the audit entry names the records; the cash is real, so it is not refused. So is the delivery's charge (`delivery.bookedOn`, the first open day, which statements, balances, ageing and 月報 count it on; the answer's `deliveryPostedLate`): the gas was delivered, so the sync is never refused. A line must be due: its size among the cylinders the stop leaves that no deposit covers, its count at most theirs, its amount NT$1 to count × the standard deposit; else 422 `DEPOSIT.DOOR_EXCEEDS_DUE` / `DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE` (with what is due per size) and nothing is recorded. Less than due, or none, is fine. Optional `cylinderSerials` (容器管理): each delivered serial must be registered, in service and within its inspection deadline on the day delivered, else 422 `CYLINDER.NOT_REGISTERED` / `CYLINDER.NOT_IN_SERVICE` / `CYLINDER.INSPECTION_OVERDUE` (naming the first, `details.errors` all) and nothing is recorded; it is then at the customer, and each collected one in service at the route's depot, with an event each. Collected serials the register does not know as in service come back in `unknownSerials`, nothing written for them but the order's `delivery.unknownCollectedSerials` (in the same transaction; the driver's stop and the office's order show them) and an alert to the office. 停止供氣: for a customer whose supply a service call stopped, cylinders left are 422 `ORDER.SUPPLY_STOPPED` (in the driver's words: take the empties only, which an order with cylinders may then record with `delivered` empty, or record the stop failed) when the action arrives as it was recorded; one that waited in the phone's queue (its `at` two minutes or more before it arrives) already happened, so it is recorded and raises a critical alert (system.supply_stop_delivered) naming the customer, the driver and the cylinders left.",
        response: actionResultSchema,
      },
      params: z.object({ orderId: docIdSchema }),
      body: z
        .object({
          ...actionBody,
          /** Empty only on a collection-only order (回收空瓶), or for a customer whose supply is stopped (停止供氣), which must then list `emptiesCollected`. */
          delivered: sizeQuantityListSchema,
          emptiesCollected: sizeQuantityListSchema.default([]),
          cashCollected: moneySchema.default(0),
          /** Deposits the driver took in cash for cylinders no deposit covered yet. */
          depositCollected: doorDepositListSchema.default([]),
          /** The stamped serials of the cylinders left and taken back, when the driver scans them. */
          cylinderSerials: deliveryCylinderSerialsSchema.optional(),
        })
        .openapi('DeliverStopRequest', {
          example: {
            actionId: '0b7f2a4e-2f7c-4a61-9d6f-0c1d2e3f4a5b',
            delivered: [{ size: 20, quantity: 2 }],
            emptiesCollected: [{ size: 20, quantity: 1 }],
            cashCollected: 1640,
            depositCollected: [{ size: 20, count: 1, amount: 1200 }],
          },
        }),
      async handle({ params, body, principal }) {
        const c = await container();
        const [priceList, names] = await Promise.all([
          loadPriceList(c.db),
          body.depositCollected.length > 0 ? firestoreUserStore(c.db).displayNames([principal.uid]) : new Map<string, string>(),
        ]);
        const doorDeposits = { lines: body.depositCollected, by: names.get(principal.uid) ?? principal.uid };
        const result = await stopAction(
          principal,
          params.orderId,
          body,
          'deliver',
          async (order, at, uow) => {
            const by = actorOf(principal);
            const customer = await uow.read<Customer>('customers', order.customerId);
            const despiteStop = customer ? leftDespiteSupplyStop(customer, body, { by, at, now: c.clock.now() }) : false;
            const delivered = deliverOrder(
              order,
              { at: at.toISOString(), delivered: body.delivered, emptiesCollected: body.emptiesCollected, cashCollected: body.cashCollected },
              // A size the order did not have is charged at the customer's price (合約價), read with the order.
              { by, at, priceList: customerPriceList(priceList, await firestoreCustomerStore(c.db).contractPricesIn(uow.tx, order.customerId)), supplyStopped: customer?.supplyStop !== undefined },
            );
            if (!despiteStop || !customer?.supplyStop) return { order: delivered };
            const driverName = (await firestoreUserStore(c.db).displayNames([principal.uid])).get(principal.uid) ?? principal.uid;
            // Critical: gas stands at an installation found unsafe, and the office must reach the customer now.
            const data = { severity: 'critical', customerId: order.customerId, orderId: order.id, driverId: order.driverId, driverName, delivered: body.delivered, at: at.toISOString(), since: customer.supplyStop.since, serviceCallId: customer.supplyStop.serviceCallId, inspectionId: customer.supplyStop.inspectionId };
            return { order: delivered, alerts: [{ topic: 'system-alerts', type: 'system.supply_stop_delivered', data }] };
          },
          doorDeposits,
          body.cylinderSerials,
        );
        // The audit entry names the records booked late, so 稽核紀錄 finds the sync that posted them by their ids.
        return { body: result, ...(result.depositsPostedLate ? { touched: result.depositsPostedLate.depositIds } : {}) };
      },
    }),
    route({
      method: 'GET',
      path: '/routes/:routeId/cylinders-on-site',
      roles: ['driver'],
      docs: {
        summary: "The cylinders on site (and deposit held) at each customer of one's own visible route, and the standard deposit per cylinder",
        description: 'What the driver app needs to show the deposit due at each door; another driver’s route, or a draft, is 404.',
        response: onSiteAnswerSchema,
      },
      params: z.object({ routeId: docIdSchema }),
      async handle({ params, principal }) {
        const c = await container();
        const driverId = driverIdOf(principal);
        const current = ownRoute(await firestoreRouteStore(c.db, c.publisher).find(params.routeId), driverId, params.routeId);
        const onSite = await firestoreDepositStore(c.db).onSiteOf(current.stops.map((s) => s.customerId));
        return { body: { customers: [...onSite].map(([customerId, cylindersOnSite]) => ({ customerId, cylindersOnSite })), standard: standardDeposits() } };
      },
    }),
    ...driverSafetyRoutes,
    ...driverCylinderRoutes,
    route({
      method: 'POST',
      path: '/stops/:orderId/fail',
      roles: ['driver', 'admin', 'office'],
      docs: {
        summary: 'Record a failed stop with its reason; once per actionId',
        description:
          "`reason` is a code the driver picked (`FAILURE_REASONS`) or, when none fitted, the words they typed; `note` the driver's own words beside a picked code, kept with it (the order's `failureNote` and the failure's timeline entry), so 配送失敗 and the order's timeline show both. Staff may record it for the order's driver (a stop left open when the driver's phone gave out), so the route can complete: with a code, as the driver picks it, and what they heard as the `note`, or with the name of a closure holding on the stop's day and district (the board's 出車中的訂單標記未送達, whose customers are told the closure); other words, or a missing reason, are 400 (`ORDER.FAILURE_REASON_REQUIRED` on `reason`) and nothing is recorded. An order someone took off its route since (confirmed again, or rescheduled) is 409 `DRIVER.STOP_NOT_ON_ROUTE` for them, naming its status; one delivered, failed or cancelled since is 409 `ORDER.INVALID_TRANSITION` / `ORDER.ALREADY_IN_STATUS`.",
        response: actionResultSchema,
      },
      params: z.object({ orderId: docIdSchema }),
      body: z
        .object({ ...actionBody, reason: failureReasonSchema, note: failureNoteSchema.optional() })
        .openapi('FailStopRequest', { example: { actionId: '0b7f2a4e-2f7c-4a61-9d6f-0c1d2e3f4a5c', reason: 'no_one_home', note: '門口有狗，按電鈴沒人應' } }),
      async handle({ params, body, principal }) {
        const result = await stopAction(principal, params.orderId, body, 'fail', async (order, at) => {
          if (principal.role !== 'driver') {
            // Closures are read only for words: the board's call-off names its closure, a code needs none.
            const closures = isFailureReasonCode(body.reason) ? [] : await readClosures((await container()).db, order.requestedDate);
            assertStaffFailureReason(body.reason, order, closures);
          }
          return { order: transition(order, 'failed', { by: actorOf(principal), at, reason: body.reason, ...(body.note ? { note: body.note } : {}) }) };
        });
        return { body: result };
      },
    }),
    route({
      method: 'POST',
      path: '/location',
      roles: ['driver'],
      // Telemetry: every driver's position every 15–30 s all day would swamp the log.
      audit: false,
      docs: { summary: "Share the driver's position; more often than every 15 s is refused (429)", response: z.object({ stored: z.boolean() }), successStatus: 202 },
      body: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), at: instantSchema }).openapi('DriverLocationRequest', { example: { lat: 25.0143, lng: 121.4637, at: '2030-01-15T02:30:00Z' } }),
      async handle({ body, principal }) {
        const c = await container();
        const driverId = driverIdOf(principal);
        const now = c.clock.now();
        return inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
          const last = await uow.read<{ receivedAt: string }>(DRIVER_LOCATIONS, driverId);
          const waitMs = last ? LOCATION_INTERVAL_MS - (now.getTime() - Date.parse(last.receivedAt)) : 0;
          if (waitMs > 0) {
            throw new DomainError('DRIVER.LOCATION_TOO_FREQUENT', 'rate_limited', 'Location updates at most every 15 s', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
          }
          uow.set(DRIVER_LOCATIONS, driverId, { driverId, lat: body.lat, lng: body.lng, at: body.at, receivedAt: now.toISOString() });
          return { status: 202, body: { stored: true } };
        });
      },
    }),
  ],
};

http('driver', createHttpHandler(driverFunction, async () => (await container()).http));
