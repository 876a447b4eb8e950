/**
 * The order lifecycle. Declared as data so the whole machine can be read, tested over every pair and
 * drawn in the docs:
 *
 *   pending → confirmed → scheduled → out_for_delivery → delivered
 *                                                     ↘ failed → pending (reschedule)
 *   pending | confirmed | scheduled → cancelled
 *   scheduled → confirmed (taken off a route, e.g. when the plan is redone)
 *
 * Two edges beyond the basic line come from how the office works: a failed delivery (nobody home) is
 * usually rescheduled rather than re-entered, keeping one order and its history; and a route being
 * re-planned before publishing must be able to release its orders.
 */
export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'scheduled',
  'out_for_delivery',
  'delivered',
  'failed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['scheduled', 'cancelled'],
  scheduled: ['out_for_delivery', 'confirmed', 'cancelled'],
  out_for_delivery: ['delivered', 'failed'],
  delivered: [],
  failed: ['pending'],
  cancelled: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => TRANSITIONS[from].includes(to);

export const isTerminal = (status: OrderStatus): boolean => TRANSITIONS[status].length === 0;

/** Orders that still need a truck: what planning, forecasting of open demand and reports count as open. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'confirmed', 'scheduled', 'out_for_delivery'];

/**
 * A failed delivery (nobody home) is rescheduled rather than re-entered, so until the office reschedules
 * it the customer still has a truck coming, and whoever suggests or takes another order for them makes
 * two. A failed order can only go back to pending, never be cancelled, so one requested longer ago than
 * this was settled some other way (a new order, the customer gone) and no longer counts: the forecast's
 * suggestions and the due list treat a failed order requested in these last days as open.
 */
export const FAILED_ORDER_OPEN_DAYS = 14;

/** The shortest legal path from pending to each status: what test builders and the demo data replay. */
export const PATH_FROM_PENDING: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: [],
  confirmed: ['confirmed'],
  scheduled: ['confirmed', 'scheduled'],
  out_for_delivery: ['confirmed', 'scheduled', 'out_for_delivery'],
  delivered: ['confirmed', 'scheduled', 'out_for_delivery', 'delivered'],
  failed: ['confirmed', 'scheduled', 'out_for_delivery', 'failed'],
  cancelled: ['cancelled'],
};
