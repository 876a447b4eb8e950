import { invalid, notFound } from '../errors';
import { tripsOf, timeStops, type TimingContext } from './planning';
import { assertDraft, type Route, type RouteStop } from './route';

export interface MoveStopInput {
  readonly orderId: string;
  /** 0-based position in the target route's visiting order; past the end appends. */
  readonly toIndex: number;
}

function retime(route: Route, stops: RouteStop[], ctx: TimingContext, at: Date): Route {
  const { stops: timed, ...rest } = timeStops(route.date, tripsOf(stops), ctx);
  const { startsAt: _s, endsAt: _e, ...base } = route;
  return { ...base, ...rest, stops: timed, updatedAt: at.toISOString() };
}

/** Inserts a stop at a position, on the trip of the stop it follows (or the first trip). */
function insertAt(stops: readonly RouteStop[], stop: RouteStop, index: number): RouteStop[] {
  const ordered = [...stops].sort((a, b) => a.seq - b.seq);
  const at = Math.max(0, Math.min(index, ordered.length));
  const trip = (ordered[at - 1] ?? ordered[at])?.trip ?? 0;
  ordered.splice(at, 0, { ...stop, trip });
  return ordered.map((s, i) => ({ ...s, seq: i + 1 }));
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
  const stop = from.stops.find((s) => s.orderId === input.orderId);
  if (!stop) throw notFound('ROUTE.STOP_NOT_FOUND', `Order ${input.orderId} is not on route ${from.id}`, { orderId: input.orderId });
  const remaining = from.stops.filter((s) => s.orderId !== input.orderId);
  if (from.id === to.id) {
    const moved = retime(from, insertAt(remaining, stop, input.toIndex), timing.from, at);
    return { from: moved, to: moved };
  }
  return {
    from: retime(from, remaining, timing.from, at),
    to: retime(to, insertAt(to.stops, stop, input.toIndex), timing.to, at),
  };
}
