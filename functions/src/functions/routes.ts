import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { loadClosures, loadEarlyClosings } from '../adapters/firestore/closure-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { orderDistricts } from '../adapters/firestore/order-store';
import { firestoreOvertimeStore } from '../adapters/firestore/overtime-store';
import { firestoreRouteStore, REMOVED_STOPS, removedStopsDoc, ROUTES } from '../adapters/firestore/route-store';
import { inTransaction, type UnitOfWork } from '../adapters/firestore/unit-of-work';
import { closingOn, companyClosures, type ClosurePeriod } from '../domain/closures';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { conflict, notFound } from '../domain/errors';
import type { Depot, Driver, Overtime, Vehicle } from '../domain/fleet';
import { orderStatusEvent, transition, type Order } from '../domain/orders';
import {
  assertOpenForStops,
  assignmentProblems,
  driverAnalytics,
  driverAnalyticsSchema,
  driverSuggestionSchema,
  driverOfVehicle,
  handedRouteId,
  handOverInto,
  handOverRoute,
  handOverVehicleId,
  joinableRoute,
  joinedAssignment,
  joinProblems,
  loadToMove,
  loadToMoveSchema,
  DRIVER_VISIBLE_ROUTE,
  depotDayId,
  isDriverVisible,
  moveStop,
  publishRoute,
  removeStop,
  shiftOn,
  stopClosingsOn,
  yardOn,
  assertDraft,
  ROUTE_EVENTS,
  ROUTE_STATUSES,
  routeAnalytics,
  routeAnalyticsSchema,
  routeSchema,
  routeViolationSchema,
  solverVehicle,
  staleStops,
  suggestDrivers,
  timeStops,
  tripsOf,
  withRemovedStop,
  type AssignmentProblem,
  type HandOverContext,
  type HandOverNames,
  type RemovedStops,
  type Route,
  type StopClosings,
  type TimingContext,
} from '../domain/routes';
import { calendarDateSchema, docIdSchema, z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, idParams, route, type HttpFunctionDef } from '../http/endpoint';
import { routeTravel } from './use-cases/route-travel';

const staff = ['admin', 'office'] as const;
const routeView = routeSchema.extend({ version: z.number().int() });
const MAX_ANALYTICS_DAYS = 92;

async function deps() {
  const c = await container();
  return { c, routes: firestoreRouteStore(c.db, c.publisher), fleet: firestoreFleetStore(c.db) };
}

interface Fleet {
  readonly depots: readonly Depot[];
  readonly vehicles: readonly Vehicle[];
  readonly drivers: readonly Driver[];
  /** The whole company's days closing early (提早收工) from today: every yard and shift ends at the closing then. */
  readonly closings: readonly ClosurePeriod[];
  /** Every early closing from today, of the whole company or of some districts. */
  readonly earlyClosings: readonly ClosurePeriod[];
  /** Where the day ends early for the stops of the routes loaded with the fleet, by order id (`stopClosingsOn`). */
  readonly stopClosings: StopClosings;
  /** 延長工時 from today: their drivers work, and their yard stays open, until their end (`shiftOn`, `yardOn`). */
  readonly overtimes: readonly Overtime[];
}

/** The fleet, and where the day ends early for the stops of `routesOfDay` (routes of one day). */
async function loadFleet(...routesOfDay: readonly Pick<Route, 'date' | 'stops'>[]): Promise<Fleet> {
  const { c, fleet } = await deps();
  const today = taipeiDate(c.clock.now());
  const [depots, vehicles, drivers, earlyClosings, overtimes] = await Promise.all([
    fleet.depots(),
    fleet.vehicles(),
    fleet.drivers(),
    loadEarlyClosings(c.db, today),
    firestoreOvertimeStore(c.db).endingOnOrAfter(today),
  ]);
  const date = routesOfDay[0]?.date;
  // The stops' districts are read only on a day ending early somewhere, which most days are not.
  const orders = date && closingOn(earlyClosings, date) ? await orderDistricts(c.db, [...new Set(routesOfDay.flatMap((r) => r.stops.map((s) => s.orderId)))]) : [];
  const stopClosings = stopClosingsOn(orders, earlyClosings, date ?? today);
  return { depots, vehicles, drivers, closings: companyClosures(earlyClosings), earlyClosings, stopClosings, overtimes };
}

function pick<T extends { id: string }>(items: readonly T[], id: string | undefined, code: string): T {
  const item = id ? items.find((x) => x.id === id) : undefined;
  if (!item) throw notFound(code, `${id ?? '(none)'} not found`, { id });
  return item;
}

/**
 * 409 `ROUTE.ASSIGNMENT_IMPOSSIBLE` when the driver or truck cannot take the route: `details` name which (`driverId`,
 * `vehicleId`) and why (`problems`, each a code with its figures), for the planning page to say in words.
 */
function assertAssignable(routeId: string, driver: Driver, vehicle: Vehicle, problems: readonly AssignmentProblem[], intoRouteId?: string): void {
  if (problems.length === 0) return;
  throw conflict('ROUTE.ASSIGNMENT_IMPOSSIBLE', `${driver.id} with ${vehicle.id} cannot take route ${routeId}: ${problems.map((p) => p.code).join(', ')}`, {
    routeId,
    driverId: driver.id,
    vehicleId: vehicle.id,
    problems,
    ...(intoRouteId ? { intoRouteId } : {}),
  });
}

/**
 * Depot and truck (with its driver's shift and skills) a route is timed with, on its day (延長工時, 提早收工: `yardOn`), its
 * stops served by the closings where they are delivered.
 */
function timingFor(route: Pick<Route, 'depotId' | 'vehicleId' | 'driverId' | 'date'>, fleet: Fleet): TimingContext {
  const yard = pick(fleet.depots, route.depotId, 'DEPOT.NOT_FOUND');
  const vehicle = pick(fleet.vehicles, route.vehicleId, 'VEHICLE.NOT_FOUND');
  const driver = route.driverId ? fleet.drivers.find((d) => d.id === route.driverId) : driverOfVehicle(fleet.drivers, vehicle.id);
  const depot = yardOn(yard, route.date, driver ? [driver] : [], fleet);
  return { depot, vehicle: solverVehicle({ ...vehicle, depotId: depot.id }, driver && shiftOn(driver, route.date, fleet), depot), closings: fleet.stopClosings };
}

/** Routes a driver or truck is committed to that day: published ones, and the same job's drafts. */
async function rivalsOf(route: Route): Promise<Route[]> {
  const { routes } = await deps();
  return (await routes.ofDate(route.date)).filter((r) => r.id !== route.id && (r.status !== 'draft' || (!!route.jobId && r.jobId === route.jobId)));
}

/** The first id of a route handed over from `route` to `driverId` that no route has yet (a split may give them its stops twice). */
async function freeHandedRouteId(uow: UnitOfWork, route: Route, driverId: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = handedRouteId(route, driverId, n);
    if (!(await uow.read<Route>(ROUTES, id))) return id;
  }
}

/** Where a route stops join starts and how it is timed: its depot, truck and driver; nothing when its depot is unknown. */
function joinContext(into: Route, fleet: Fleet): Pick<HandOverContext, 'depot' | 'timing'> {
  const depot = fleet.depots.find((d) => d.id === into.depotId);
  return depot ? { depot: depot.location, timing: timingFor(into, fleet) } : {};
}

/**
 * The first driver's name and truck of `route` and the plate the stops go on, as the new driver's phone is told them, and
 * the new driver's name and phone, as the first one's is.
 */
function handOverNames(route: Route, plate: string, fleet: Fleet, to: Pick<Driver, 'name' | 'phone'>): HandOverNames {
  const fromDriverName = fleet.drivers.find((d) => d.id === route.driverId)?.name ?? route.driverId ?? route.id;
  const fromPlate = fleet.vehicles.find((v) => v.id === route.vehicleId)?.plate;
  return { fromDriverName, toDriverName: to.name, toDriverPhone: to.phone, plate, ...(fromPlate ? { fromPlate } : {}) };
}

/**
 * The stops of `route` handed over onto `into`, the route their new driver already drives that day (`handOverInto`), on its
 * truck: 409 `ROUTE.ASSIGNMENT_IMPOSSIBLE` naming what does not fit (`joinProblems`, `details.intoRouteId`), judged against
 * the day's other routes and what `route` keeps.
 */
function joinPlan(route: Route, into: Route, driver: Driver, orderIds: readonly string[] | undefined, now: Date, fleet: Fleet, rivals: readonly Route[]) {
  const vehicle = pick(fleet.vehicles, into.vehicleId, 'VEHICLE.NOT_FOUND');
  const joined = handOverInto(route, into, orderIds, now, { ...joinContext(into, fleet), names: handOverNames(route, vehicle.plate, fleet, driver) });
  const moved = joined.handed.stops.filter((s) => !into.stops.some((own) => own.orderId === s.orderId));
  const others = [...rivals.filter((x) => x.id !== into.id), ...(joined.kept.status !== 'completed' ? [joined.kept] : [])];
  const problems = joinProblems({
    route: joined.handed,
    from: route,
    orderIds: moved.map((s) => s.orderId),
    at: now,
    driver: shiftOn(driver, route.date, fleet),
    vehicle,
    otherRoutes: others,
    closings: fleet.stopClosings,
  });
  assertAssignable(route.id, driver, vehicle, problems, into.id);
  return { ...joined, vehicle, moved };
}

/**
 * The stops of `route` handed over to a route of the new driver's own (`handOverRoute`): the route itself when published
 * and handed whole, else a new one, on the truck `handOverVehicleId` gives, all its stops moved; 409
 * `ROUTE.ASSIGNMENT_IMPOSSIBLE` when the driver or truck cannot take them, judged against the day's other routes and what
 * `route` keeps.
 */
async function ownRoutePlan(
  uow: UnitOfWork,
  route: Route,
  driver: Driver,
  choice: { vehicleId?: string | undefined; orderIds?: readonly string[] | undefined; split: boolean; newRoute: boolean },
  now: Date,
  fleet: Fleet,
  rivals: readonly Route[],
) {
  const vehicle = pick(fleet.vehicles, handOverVehicleId(route, driver, fleet.vehicles, choice.vehicleId, choice.split), 'VEHICLE.NOT_FOUND');
  const depot = fleet.depots.find((d) => d.id === route.depotId);
  const names = handOverNames(route, vehicle.plate, fleet, driver);
  const routeId = choice.newRoute ? await freeHandedRouteId(uow, route, driver.id) : route.id;
  const timing = depot ? timingFor({ depotId: depot.id, vehicleId: vehicle.id, driverId: driver.id, date: route.date }, fleet) : undefined;
  const to = { driverId: driver.id, vehicleId: vehicle.id, routeId, ...(choice.orderIds ? { orderIds: choice.orderIds } : {}) };
  const { kept, handed } = handOverRoute(route, to, now, { ...(depot ? { depot: depot.location } : {}), names, ...(timing ? { timing } : {}) });
  const otherRoutes = kept && kept.status !== 'completed' ? [...rivals, kept] : rivals;
  assertAssignable(route.id, driver, vehicle, assignmentProblems({ route: handed, driver: shiftOn(driver, route.date, fleet), vehicle, otherRoutes, closings: fleet.stopClosings }));
  return { kept, handed, vehicle, moved: handed.stops };
}

/** A driver sees only their own published (or later) routes; anything else is "not found". */
function assertCanView(principal: Principal, r: Route): void {
  if (principal.role === 'driver' && !(r.driverId === principal.driverId && isDriverVisible(r))) {
    throw notFound('ROUTE.NOT_FOUND', `Route ${r.id} not found`, { id: r.id });
  }
}

const listQuery = z.object({
  date: calendarDateSchema.optional(),
  driverId: docIdSchema.optional(),
  status: z.enum(ROUTE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().min(1).max(200).optional(),
});

export const routesFunction: HttpFunctionDef = {
  name: 'routes',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office', 'driver'],
      docs: {
        summary: 'Routes by date, driver or status',
        description: 'A driver gets only their own published, started or completed routes.',
        response: z.object({ items: z.array(routeView), nextCursor: z.string().nullable() }),
      },
      query: listQuery,
      async handle({ query, principal }) {
        const { routes } = await deps();
        const driverId = principal.role === 'driver' ? principal.driverId : query.driverId;
        const page = await routes.list(
          (q) => {
            let r = q;
            if (query.date) r = r.where('date', '==', query.date);
            if (driverId) r = r.where('driverId', '==', driverId);
            if (query.status) r = r.where('status', '==', query.status);
            else if (principal.role === 'driver') r = r.where('status', 'in', [...DRIVER_VISIBLE_ROUTE]);
            return r;
          },
          query.limit,
          query.cursor,
        );
        // A driver asking for drafts by status gets nothing rather than a refusal.
        const items = principal.role === 'driver' ? page.items.filter((r) => isDriverVisible(r)) : page.items;
        return { body: { items, nextCursor: page.nextCursor } };
      },
    }),
    route({
      method: 'GET',
      path: '/analytics',
      roles: staff,
      docs: {
        summary: 'Planned against actual per route and per driver: distance, duration, stops, on-time share, minutes late',
        response: z.object({ from: calendarDateSchema, to: calendarDateSchema, routes: z.array(routeAnalyticsSchema), drivers: z.array(driverAnalyticsSchema) }),
      },
      query: z
        .object({ from: calendarDateSchema, to: calendarDateSchema })
        .refine((q) => q.from <= q.to, { message: 'ROUTE.ANALYTICS_RANGE', path: ['to'] })
        .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_ANALYTICS_DAYS, { message: 'ROUTE.ANALYTICS_RANGE', path: ['to'] }),
      async handle({ query }) {
        const { routes, fleet } = await deps();
        const [found, depots] = await Promise.all([routes.between(query.from, query.to), fleet.depots()]);
        const perRoute = found
          .filter((r) => r.status !== 'draft')
          .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
          .map((r) => routeAnalytics(r, depots.find((d) => d.id === r.depotId)?.location));
        return { body: { from: query.from, to: query.to, routes: perRoute, drivers: driverAnalytics(perRoute) } };
      },
    }),
    route({
      method: 'GET',
      path: '/:id',
      roles: ['admin', 'office', 'driver'],
      docs: { summary: 'One route with its timed stops', response: routeView },
      params: idParams,
      async handle({ params, principal }) {
        const { routes } = await deps();
        const r = await routes.get(params.id);
        assertCanView(principal, r);
        return { body: r };
      },
    }),
    route({
      method: 'GET',
      path: '/:id/driver-suggestions',
      roles: staff,
      docs: { summary: 'Drivers ranked for a route, with what stands in the way of each', response: z.object({ items: z.array(driverSuggestionSchema) }) },
      params: idParams,
      async handle({ params }) {
        const { c, routes } = await deps();
        const r = await routes.get(params.id);
        const rivals = await rivalsOf(r);
        const fleet = await loadFleet(r, ...rivals);
        // A started route's stops left join the route a driver already drives that day (改派), as the hand-over does.
        const joined =
          r.status === 'in_progress' ? joinedAssignment(r, rivals, fleet.vehicles, c.clock.now(), (into) => joinContext(into, fleet), fleet.stopClosings) : undefined;
        // Each judged on the shift the day leaves them, as assigning would: a day closing early ends it at the closing.
        const drivers = fleet.drivers.map((d) => shiftOn(d, r.date, fleet));
        return { body: { items: suggestDrivers(r, drivers, fleet.vehicles, rivals, joined, fleet.stopClosings) } };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/move-stop',
      roles: staff,
      docs: {
        summary: 'Move a stop to another position or another draft route; times are recomputed and broken constraints reported',
        description:
          'Without `toIndex` the stop goes where it costs the target route least and keeps it feasible (the optimizer\'s insertion cost, a reload at the end included), or at its end when no position does.',
        response: z.object({ from: routeView, to: routeView, violations: z.array(routeViolationSchema) }),
      },
      params: idParams,
      body: z
        .object({ orderId: docIdSchema, toRouteId: docIdSchema.optional(), toIndex: z.number().int().min(0).max(10_000).optional() })
        .openapi('MoveStopRequest', { example: { orderId: 'ord-123', toRouteId: 'opt-abc-2' } }),
      async handle({ params, body, principal }) {
        const { c, routes } = await deps();
        const toId = body.toRouteId ?? params.id;
        // Travel times (and the stops' closings) are asked for outside the transaction, which may run more than once; a
        // stop that changed routes meanwhile is missing from them and its route is timed on straight lines.
        const [fromNow, toNow] = await Promise.all([routes.get(params.id), routes.get(toId)]);
        assertDraft(fromNow);
        assertDraft(toNow);
        const fleet = await loadFleet(fromNow, toNow);
        const [fromTravel, toTravel] = await routeTravel(c, fromNow.date, [...fromNow.stops, ...toNow.stops], [timingFor(fromNow, fleet), timingFor(toNow, fleet)], {
          fn: 'routes',
          routeId: fromNow.id,
        });
        const now = c.clock.now();
        return inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
          const [from, to] = await uow.readAll<Route>(ROUTES, [params.id, toId]);
          if (!from) throw notFound('ROUTE.NOT_FOUND', `Route ${params.id} not found`, { id: params.id });
          if (!to) throw notFound('ROUTE.NOT_FOUND', `Route ${toId} not found`, { id: toId });
          const timing = { from: { ...timingFor(from, fleet), travel: fromTravel }, to: { ...timingFor(to, fleet), travel: toTravel } };
          const moved = moveStop(from, to, body, timing, now);
          const landed = moved.to.stops.findIndex((s) => s.orderId === body.orderId);
          const event = { topic: ROUTE_EVENTS, type: 'route.stop_moved', data: { orderId: body.orderId, fromRouteId: from.id, toRouteId: to.id, toIndex: landed } };
          const savedFrom = uow.put(ROUTES, from, moved.from, [event]);
          const savedTo = from.id === to.id ? savedFrom : uow.put(ROUTES, to, moved.to, [event]);
          const violations = from.id === to.id ? savedFrom.violations : [...savedFrom.violations, ...savedTo.violations];
          return { body: { from: savedFrom, to: savedTo, violations } };
        });
      },
    }),
    route({
      method: 'POST',
      path: '/:id/remove-stop',
      roles: staff,
      docs: {
        summary: "Take a stop off a draft: its order waits for planning again, recorded on the depot's day (removedStops/{depotId}_{date})",
        description:
          'The draft is re-timed; one left with no stop stays a draft (a stop may be moved onto it) and publishing it is refused (409 ROUTE.NO_STOPS). ' +
          'The planning page lists the order as taken off (已從路線移除) while it waits for a truck, whether or not a plan drafted the route.',
        response: routeView,
      },
      params: idParams,
      body: z.object({ orderId: docIdSchema }).openapi('RemoveStopRequest', { example: { orderId: 'ord-123' } }),
      async handle({ params, body, principal }) {
        const { c, routes } = await deps();
        const current = await routes.get(params.id);
        assertDraft(current);
        const fleet = await loadFleet(current);
        const [travel] = await routeTravel(c, current.date, current.stops, [timingFor(current, fleet)], { fn: 'routes', routeId: current.id });
        const now = c.clock.now();
        return inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
          const r = await uow.read<Route>(ROUTES, params.id);
          if (!r) throw notFound('ROUTE.NOT_FOUND', `Route ${params.id} not found`, { id: params.id });
          const next = removeStop(r, body.orderId, { ...timingFor(r, fleet), travel }, now);
          const removed = await uow.read<RemovedStops>(REMOVED_STOPS, depotDayId(r));
          uow.put(REMOVED_STOPS, removed, removedStopsDoc(withRemovedStop(removed, r, body.orderId, now)));
          const saved = uow.put(ROUTES, r, next, [{ topic: ROUTE_EVENTS, type: 'route.stop_removed', data: { routeId: r.id, orderId: body.orderId } }]);
          return { body: saved };
        });
      },
    }),
    route({
      method: 'POST',
      path: '/:id/assign',
      roles: staff,
      docs: { summary: 'Give a draft route a driver and/or truck; refused (409) with reasons when they cannot take it', response: routeView },
      params: idParams,
      body: z
        .object({ driverId: docIdSchema.optional(), vehicleId: docIdSchema.optional() })
        .refine((b) => b.driverId || b.vehicleId, 'ROUTE.ASSIGN_NOTHING')
        .openapi('AssignRouteRequest', { example: { driverId: 'drv-01', vehicleId: 'veh-01' } }),
      async handle({ params, body, principal }) {
        const { c, routes } = await deps();
        const current = await routes.get(params.id);
        assertDraft(current);
        const [rivals, fleet] = await Promise.all([rivalsOf(current), loadFleet(current)]);
        const chosen = { ...current, ...body };
        const [travel] = await routeTravel(c, current.date, current.stops, [timingFor(chosen, fleet)], { fn: 'routes', routeId: current.id });
        const now = c.clock.now();
        const saved = await routes.mutate(
          params.id,
          (r) => {
            assertDraft(r);
            const driver = pick(fleet.drivers, body.driverId ?? r.driverId, 'DRIVER.NOT_FOUND');
            const vehicle = pick(fleet.vehicles, body.vehicleId ?? r.vehicleId, 'VEHICLE.NOT_FOUND');
            const assigned = { ...r, driverId: driver.id, vehicleId: vehicle.id };
            const retimed = { ...assigned, ...timeStops(r.date, tripsOf(r.stops), { ...timingFor(assigned, fleet), travel }), updatedAt: now.toISOString() };
            const problems = assignmentProblems({ route: retimed, driver: shiftOn(driver, r.date, fleet), vehicle, otherRoutes: rivals, closings: fleet.stopClosings });
            assertAssignable(r.id, driver, vehicle, problems);
            return { next: retimed, events: [{ topic: ROUTE_EVENTS, type: 'route.assigned', data: { routeId: r.id, driverId: driver.id, vehicleId: vehicle.id } }] };
          },
          { actor: actorOf(principal), now },
        );
        return { body: saved };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/hand-over',
      roles: staff,
      docs: {
        summary: 'Hand a published route, or the stops a route has left, all or some, to another driver (改派)',
        description:
          'A published route handed over whole changes driver and truck as it is. Otherwise the stops handed over (`orderIds`, else all those not made yet) go, in order, to a new published route of the new driver (`{id}~{driverId}`, `-2`… when some of the route went to them before and that route has ended), and the route keeps the rest; a started one left with nothing to make is completed. ' +
          'The stops handed over are timed again from the hand-over (30 minutes to take over, then from the last stop made or the depot), never earlier than planned; their orders carry the new times, and the customers past their hour hear it. ' +
          'The truck is `vehicleId`, else the new driver\'s own when stops stay on the route, else the route\'s own while in service, whose load (on the road for a started route) goes with the stops, else the new driver\'s regular truck; another truck than the route\'s answers `loadToMove`, the fulls of the stops handed over to carry across (those of the trip the first truck is loaded for; a later trip\'s are at the depot), and the route they go to keeps them in `pickups` (from whom, the plate, where, the fulls on that truck and at the depot) for its driver\'s phone. Each order handed over names the new driver, so the first one\'s phone loses it at once and the new one\'s gets it. ' +
          'Stops leaving a route (a started one\'s, or some of a published one\'s) for a driver who already drives a route that day (published or started) join it on its truck, after the stops they have left, instead of making a second route of theirs (`handed` is that route); what does not fit is 409 ROUTE.ASSIGNMENT_IMPOSSIBLE with `details.intoRouteId` (the truck\'s load with what it still carries, skills, shift, another depot, TIME_WINDOW for a stop reached after its customer\'s window closes or after the day\'s early closing where it is delivered). ' +
          '409 ROUTE.NOT_HANDABLE for a draft or a completed route, ROUTE.SAME_DRIVER, ROUTE.STOPS_NOT_HANDABLE for a stop made already or not on the route (`details.orderIds`), ROUTE.ASSIGNMENT_IMPOSSIBLE when the driver or truck cannot take the stops handed over (deactivated, busy, a skill they need, ...); 404 DRIVER.NOT_FOUND.',
        response: z.object({ kept: routeView.nullable(), handed: routeView, loadToMove: loadToMoveSchema.nullable() }),
      },
      params: idParams,
      body: z
        .object({ driverId: docIdSchema, vehicleId: docIdSchema.optional(), orderIds: z.array(docIdSchema).min(1).max(200).optional() })
        .openapi('HandOverRouteRequest', { example: { driverId: 'drv-02', orderIds: ['ord-123'] } }),
      async handle({ params, body, principal }) {
        const { c, routes } = await deps();
        const first = await routes.get(params.id);
        const rivals = await rivalsOf(first);
        // The stops' closings are read with the routes they may join.
        const fleet = await loadFleet(first, ...rivals);
        const now = c.clock.now();
        return inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
          const r = await uow.read<Route>(ROUTES, params.id);
          if (!r) throw notFound('ROUTE.NOT_FOUND', `Route ${params.id} not found`, { id: params.id });
          const driver = pick(fleet.drivers, body.driverId, 'DRIVER.NOT_FOUND');
          const split = !!body.orderIds && r.stops.some((s) => !s.outcome && !body.orderIds?.includes(s.orderId));
          const newRoute = r.status === 'in_progress' || split;
          // Stops leaving a route go onto the one the new driver already drives that day, on its truck, rather than a second
          // route of theirs at the same hours; a truck named other than theirs gives them a route of its own instead.
          const joinable = newRoute && driver.id !== r.driverId ? joinableRoute(rivals, driver.id, r.date) : undefined;
          const read = joinable && (!body.vehicleId || body.vehicleId === joinable.vehicleId) ? await uow.read<Route>(ROUTES, joinable.id) : null;
          // Read again in the transaction: a route ended meanwhile takes nothing more.
          const into = read && joinableRoute([read], driver.id, r.date) ? read : null;
          const { kept, handed, vehicle, moved } = into
            ? joinPlan(r, into, driver, body.orderIds, now, fleet, rivals)
            : await ownRoutePlan(uow, r, driver, { ...body, split, newRoute }, now, fleet, rivals);
          const orders = await uow.readAll<Order>('orders', moved.map((s) => s.orderId));
          const handedBefore = into ?? (kept ? null : r);
          const toldEtas: Record<string, string> = {};
          for (const [i, order] of orders.entries()) {
            if (!order) continue;
            if (order.eta) toldEtas[order.id] = order.eta;
            const eta = (moved[i] as Route['stops'][number]).eta;
            uow.put<Order>('orders', order, { ...order, routeId: handed.id, driverId: driver.id, ...(order.eta ? { eta } : {}), updatedAt: now.toISOString() });
          }
          // The stops as they were on the first route: joining a route puts them on its trip.
          const load = loadToMove(r, { vehicleId: handed.vehicleId, stops: r.stops.filter((s) => moved.some((m) => m.orderId === s.orderId)) });
          const event = {
            topic: ROUTE_EVENTS,
            type: 'route.handed_over',
            data: { routeId: r.id, fromDriverId: r.driverId, toRouteId: handed.id, toDriverId: driver.id, vehicleId: vehicle.id, stops: moved.length, loadToMove: load, toldEtas },
          };
          const savedKept = kept ? uow.put(ROUTES, r, kept) : null;
          const savedHanded = uow.put(ROUTES, handedBefore, handed, [event]);
          return { body: { kept: savedKept, handed: savedHanded, loadToMove: load } };
        });
      },
    }),
    route({
      method: 'POST',
      path: '/:id/publish',
      roles: staff,
      docs: {
        summary: 'Publish a draft: its orders become scheduled and the driver sees the route',
        description:
          '409 ROUTE.ASSIGNMENT_IMPOSSIBLE when its driver or truck cannot take it (now): `details.driverId`, `details.vehicleId` and `details.problems` (AssignmentProblem: the driver or truck deactivated, a skill missing, the shift too short, the truck over its weight or slots or at another depot, either busy on another route then, TIME_WINDOW for a stop reached after the day\'s early closing where it is delivered, 提早收工 of its district or of the whole company, `detail.closure` naming it); 409 ROUTE.ORDERS_NOT_SCHEDULABLE when orders (or their customers) changed after planning, listed in `details.orders` with a reason (status, date, items, location, window, service, skills, priority); 409 ROUTE.CLOSED_DAY on a closure day (休息日) while a stop is not delivered through it anyway (緊急配送): the closure in `details` (name, from, to) and those orders in `details.orders` (orderId, customerName).',
        response: routeView,
      },
      params: idParams,
      async handle({ params, principal }) {
        const { c, routes } = await deps();
        const fleet = await loadFleet();
        const first = await routes.get(params.id);
        const [rivals, closures] = await Promise.all([rivalsOf(first), loadClosures(c.db, first.date)]);
        const now = c.clock.now();
        const actor = actorOf(principal);
        const saved = await inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
          const r = await uow.read<Route>(ROUTES, params.id);
          if (!r) throw notFound('ROUTE.NOT_FOUND', `Route ${params.id} not found`, { id: params.id });
          const published = publishRoute(r, now);
          const driver = pick(fleet.drivers, published.driverId, 'DRIVER.NOT_FOUND');
          const vehicle = pick(fleet.vehicles, published.vehicleId, 'VEHICLE.NOT_FOUND');
          const orders = await uow.readAll<Order>('orders', r.stops.map((s) => s.orderId));
          const closings = stopClosingsOn(orders, fleet.earlyClosings, r.date);
          assertAssignable(r.id, driver, vehicle, assignmentProblems({ route: published, driver: shiftOn(driver, r.date, fleet), vehicle, otherRoutes: rivals, closings }));
          // Read in the transaction too: a window or floor changed on the customer meanwhile would otherwise slip through.
          const customerIds = [...new Set(orders.flatMap((o) => (o ? [o.customerId] : [])))];
          const found = await uow.readAll<Customer>('customers', customerIds);
          const customers = new Map(customerIds.flatMap((id, i) => (found[i] ? [[id, found[i]] as const] : [])));
          const blocked = staleStops(r, orders, customers);
          if (blocked.length > 0) throw conflict('ROUTE.ORDERS_NOT_SCHEDULABLE', `Some orders of route ${r.id} changed after planning`, { orders: blocked });
          assertOpenForStops(r, closures, orders);
          for (const [i, order] of orders.entries()) {
            if (!order) continue;
            const scheduled = transition(order, 'scheduled', { by: actor, at: now, routeId: r.id, ...(published.driverId ? { driverId: published.driverId } : {}) });
            const next = { ...scheduled, eta: (r.stops[i] as Route['stops'][number]).eta };
            uow.put<Order>('orders', order, next, [orderStatusEvent(next, order.status)]);
          }
          return uow.put(ROUTES, r, published, [
            { topic: ROUTE_EVENTS, type: 'route.published', data: { routeId: r.id, date: r.date, driverId: published.driverId, vehicleId: published.vehicleId, stops: r.stops.length } },
          ]);
        });
        return { body: saved };
      },
    }),
  ],
};

http('routes', createHttpHandler(routesFunction, async () => (await container()).http));
