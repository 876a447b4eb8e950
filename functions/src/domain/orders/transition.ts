import type { Actor } from '../events';
import { conflict, invalid } from '../errors';
import type { Order, TimelineEntry } from './order';
import { canTransition, TRANSITIONS, type OrderStatus } from './status';

export interface TransitionContext {
  readonly by: Actor;
  readonly at: Date;
  readonly note?: string;
  /** Required when failing or cancelling. */
  readonly reason?: string;
  /** Required when scheduling: the route the order now belongs to. */
  readonly routeId?: string;
  readonly driverId?: string;
}

const NEEDS_REASON: readonly OrderStatus[] = ['failed', 'cancelled'];

/** Statuses in which the order sits on no route, so route and driver are cleared on entering them. */
const OFF_ROUTE: readonly OrderStatus[] = ['pending', 'confirmed'];

/**
 * Moves an order to a new status and appends who did it, when, from where to where.
 * @throws `ORDER.ALREADY_IN_STATUS` (conflict) when the order is there already (someone else, or the caller's other tab,
 *   did it first: "cannot go from cancelled to cancelled" tells them nothing); `ORDER.INVALID_TRANSITION` (conflict) when
 *   the machine has no such edge; `ORDER.REASON_REQUIRED` / `ORDER.ROUTE_REQUIRED` (validation) when the edge needs data.
 */
export function transition(order: Order, to: OrderStatus, ctx: TransitionContext): Order {
  const from = order.status;
  if (from === to) throw conflict('ORDER.ALREADY_IN_STATUS', `Order ${order.id} is ${to} already`, { id: order.id, status: to });
  if (!canTransition(from, to)) {
    throw conflict('ORDER.INVALID_TRANSITION', `Order ${order.id} cannot go from ${from} to ${to}`, {
      id: order.id,
      from,
      to,
      allowed: TRANSITIONS[from],
    });
  }
  const reason = ctx.reason?.trim();
  if (NEEDS_REASON.includes(to) && !reason) {
    throw invalid('ORDER.REASON_REQUIRED', `A reason is required to move to ${to}`, { path: 'reason' });
  }
  if (to === 'scheduled' && !ctx.routeId) {
    throw invalid('ORDER.ROUTE_REQUIRED', 'Scheduling needs a route', { path: 'routeId' });
  }
  const at = ctx.at.toISOString();
  const entry: TimelineEntry = {
    at,
    by: ctx.by,
    from,
    to,
    ...(ctx.note ? { note: ctx.note } : {}),
    ...(reason ? { reason } : {}),
  };
  const { routeId, driverId, eta, failureReason: _failureReason, failureNote: _failureNote, ...rest } = order;
  const keepRoute = !OFF_ROUTE.includes(to);
  return {
    ...rest,
    status: to,
    ...(keepRoute && (ctx.routeId ?? routeId) ? { routeId: ctx.routeId ?? routeId } : {}),
    ...(keepRoute && (ctx.driverId ?? driverId) ? { driverId: ctx.driverId ?? driverId } : {}),
    ...(keepRoute && eta ? { eta } : {}),
    // Only a failed order carries its failure reason and the words beside it; once rescheduled the timeline keeps them.
    ...(to === 'failed' ? { failureReason: reason, ...(ctx.note ? { failureNote: ctx.note } : {}) } : {}),
    ...(to === 'cancelled' ? { cancelReason: reason } : {}),
    timeline: [...order.timeline, entry],
    updatedAt: at,
  };
}
