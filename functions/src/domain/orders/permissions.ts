/**
 * Who may do what with orders, as pure functions of the caller and the order. A caller who may not even
 * see an order gets `ORDER.NOT_FOUND`, so ids of other customers' orders leak nothing; a caller who
 * sees it but may not act gets `AUTH.FORBIDDEN`.
 */
import { forbidden, invalid, notFound } from '../errors';
import { isStaff, type Principal } from '../users/user';
import type { Order } from './order';
import type { OrderStatus } from './status';

/** Scheduled jobs (recurring orders, forecasts) act as `system`. */
export type Caller = Principal | { readonly uid: string; readonly role: 'system' };

const isStaffOrSystem = (c: Caller): boolean => c.role === 'system' || isStaff(c);

/** A driver sees an order once it is on their route. */
const DRIVER_VISIBLE: readonly OrderStatus[] = ['scheduled', 'out_for_delivery', 'delivered', 'failed'];
/** A driver works the stop: leaving with it, delivering or failing it. */
const DRIVER_MOVES: readonly OrderStatus[] = ['out_for_delivery', 'delivered', 'failed'];

export function canViewOrder(caller: Caller, order: Pick<Order, 'customerId' | 'driverId' | 'status'>): boolean {
  if (isStaffOrSystem(caller)) return true;
  if (caller.role === 'customer') return caller.customerId === order.customerId;
  if (caller.role === 'driver') return !!caller.driverId && caller.driverId === order.driverId && DRIVER_VISIBLE.includes(order.status);
  return false;
}

/**
 * The customer an order is created for: staff must name one; a customer orders only for themself
 * (and may leave the id out); drivers do not take orders.
 */
export function resolveOrderCustomerId(caller: Caller, requested: string | undefined): string {
  if (isStaffOrSystem(caller)) {
    if (!requested) throw invalid('ORDER.CUSTOMER_REQUIRED', 'customerId is required', { path: 'customerId' });
    return requested;
  }
  if (caller.role === 'customer' && caller.customerId && (requested === undefined || requested === caller.customerId)) {
    return caller.customerId;
  }
  throw forbidden('AUTH.FORBIDDEN', 'You may only order for yourself');
}

function assertVisible(caller: Caller, order: Order): void {
  if (!canViewOrder(caller, order)) throw notFound('ORDER.NOT_FOUND', `Order ${order.id} not found`, { id: order.id });
}

/** Role rules for a status change; whether the machine allows the edge is `transition`'s job. */
export function assertCanTransition(caller: Caller, order: Order, to: OrderStatus): void {
  assertVisible(caller, order);
  if (isStaffOrSystem(caller)) return;
  const allowed =
    caller.role === 'driver'
      ? DRIVER_MOVES.includes(to)
      : caller.role === 'customer' && to === 'cancelled' && order.status === 'pending';
  if (!allowed) throw forbidden('AUTH.FORBIDDEN', `A ${caller.role} may not move this order to ${to}`, { to });
}

/** Staff edit any order (within `EDITABLE_FIELDS`); a customer only their own while it is pending. */
export function assertCanEdit(caller: Caller, order: Order): void {
  assertVisible(caller, order);
  if (isStaffOrSystem(caller)) return;
  if (caller.role === 'customer' && order.status === 'pending') return;
  throw forbidden('AUTH.FORBIDDEN', `A ${caller.role} may not edit this order`);
}
