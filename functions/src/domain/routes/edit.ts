import { cheapestInsertion } from '../../optimizer/insert';
import { addDays, taipeiInstant } from '../calendar';
import { invalid, notFound } from '../errors';
import { routeProblem, tripsOf, timeStops, type TimingContext } from './planning';
import { assertDraft, depotDayId, type Route, type RouteStop } from './route';

export interface MoveStopInput {
  readonly orderId: string;
  /**
   * 0-based position in the target route's visiting order; past the end appends. Absent: where the stop costs the
   * target route least and keeps it feasible (the end when no position does).
   */
  readonly toIndex?: number | undefined;
}

function retime(route: Route, stops: RouteStop[], ctx: TimingContext, at: Date): Route {
  const { stops: timed, ...rest } = timeStops(route.date, tripsOf(stops), ctx);
  const { startsAt: _s, endsAt: _e, ...base } = route;
  // The solver's EMPTY_TRIP is a truck leaving with nothing on it; an emptied draft's truck does not leave.
  const violations = timed.length === 0 ? [] : rest.violations;
  return { ...base, ...rest, violations, stops: timed, updatedAt: at.toISOString() };
}

/** Inserts a stop at a position, on the trip of the stop it follows (or the first trip). */
function insertAt(stops: readonly RouteStop[], stop: RouteStop, index: number): RouteStop[] {
  const ordered = [...stops].sort((a, b) => a.seq - b.seq);
  const at = Math.max(0, Math.min(index, ordered.length));
  const trip = (ordered[at - 1] ?? ordered[at])?.trip ?? 0;
  ordered.splice(at, 0, { ...stop, trip });
  return ordered.map((s, i) => ({ ...s, seq: i + 1 }));
}

/** Inserts a stop where the solver would: its exact insertion cost over every position and a reload at the end. */
function insertCheapest(stops: readonly RouteStop[], stop: RouteStop, ctx: TimingContext): RouteStop[] {
  const trips = tripsOf([...stops]);
  const { problem } = routeProblem([...trips.flat(), stop], ctx);
  const placed = cheapestInsertion(problem, ctx.vehicle.id, trips.map((t) => t.map((s) => s.orderId)), stop.orderId);
  if (!placed) return insertAt(stops, stop, stops.length);
  const byId = new Map([...stops, stop].map((s) => [s.orderId, s]));
  let seq = 0;
  return placed.trips.flatMap((t, trip) => t.map((id) => ({ ...byId.get(id)!, trip, seq: ++seq })));
}

function stopOf(route: Route, orderId: string): RouteStop {
  const stop = route.stops.find((s) => s.orderId === orderId);
  if (!stop) throw notFound('ROUTE.STOP_NOT_FOUND', `Order ${orderId} is not on route ${route.id}`, { orderId });
  return stop;
}

/**
 * Moves a stop within a route or to another draft route and re-times both. The result carries
 * the broken constraints in `violations`: the office decides, nothing is silently refused.
 */
export function moveStop(
  from: Route,
  to: Route,
  input: MoveStopInput,
  timing: { from: TimingContext; to: TimingContext },
  at: Date,
): { from: Route; to: Route } {
  assertDraft(from);
  assertDraft(to);
  if (to.date !== from.date) throw invalid('ROUTE.OTHER_DAY', 'Stops move only between routes of the same day', { path: 'toRouteId' });
  const stop = stopOf(from, input.orderId);
  const remaining = from.stops.filter((s) => s.orderId !== input.orderId);
  const place = (stops: readonly RouteStop[], ctx: TimingContext) => (input.toIndex === undefined ? insertCheapest(stops, stop, ctx) : insertAt(stops, stop, input.toIndex));
  if (from.id === to.id) {
    const moved = retime(from, place(remaining, timing.from), timing.from, at);
    return { from: moved, to: moved };
  }
  return {
    from: retime(from, remaining, timing.from, at),
    to: retime(to, place(to.stops, timing.to), timing.to, at),
  };
}

/**
 * Takes a stop off a draft and re-times what is left: the order, still confirmed, waits for planning again. A draft
 * left with no stops stays, so a stop may be moved onto it, and is refused at publishing (`publishRoute`).
 */
export function removeStop(route: Route, orderId: string, timing: TimingContext, at: Date): Route {
  assertDraft(route);
  stopOf(route, orderId);
  return retime(route, route.stops.filter((s) => s.orderId !== orderId), timing, at);
}

/** An order the office took off a draft (`at`), and which draft. */
export interface RemovedStop {
  readonly orderId: string;
  readonly routeId: string;
  readonly at: string;
}

/**
 * `removedStops/{depotId}_{date}`: the orders the office took off a depot's drafts of a day. Kept per depot and day rather
 * than on the plan that drafted the route, since a draft may have none (made by hand, or its plan's record gone), and the
 * planning page names each such order (已從路線移除) while it waits for a truck, unless a plan since says otherwise.
 */
export interface RemovedStops {
  readonly id: string;
  readonly depotId: string;
  readonly date: string;
  readonly orders: readonly RemovedStop[];
}

/**
 * Days a depot's day's record is kept after that day: the planning page needs it only until the day is planned, and the
 * audit log keeps who removed what for longer; this leaves room for the office to ask why an order waited.
 */
export const REMOVED_STOPS_KEPT_DAYS = 60;

/** When Firestore's TTL policy may delete the record of a day (00:00 Taipei, `REMOVED_STOPS_KEPT_DAYS` after it). */
export const removedStopsExpiry = (date: string): string => taipeiInstant(addDays(date, REMOVED_STOPS_KEPT_DAYS), '00:00');

/** The record with the order taken off `route` now: one entry per order, the latest removal's. */
export function withRemovedStop(record: RemovedStops | null, route: Pick<Route, 'id' | 'depotId' | 'date'>, orderId: string, at: Date): RemovedStops {
  const others = (record?.orders ?? []).filter((o) => o.orderId !== orderId);
  return { id: depotDayId(route), depotId: route.depotId, date: route.date, orders: [...others, { orderId, routeId: route.id, at: at.toISOString() }] };
}
