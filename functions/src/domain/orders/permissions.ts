/**
 * Who may do what with orders, as pure functions of the caller and the order. A caller who may not even
 * see an order gets `ORDER.NOT_FOUND`, so ids of other customers' orders leak nothing; a caller who
 * sees it but may not act gets `AUTH.FORBIDDEN`; a customer whose own order is past pending, `ORDER.NOT_PENDING`.
 */
import { conflict, forbidden, invalid, notFound } from '../errors';
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

/**
 * `payerId`: the head office the order's customer names as payer (分店／總公司付款), read in the caller's transaction when a
 * customer acts on an order not their own (`orderPayerIn`): a head office's portal account sees, changes and cancels its
 * branch's order as the branch would, and a former head office, once the branch is unlinked, no longer does.
 */
export function canViewOrder(caller: Caller, order: Pick<Order, 'customerId' | 'driverId' | 'status'>, payerId?: string): boolean {
  if (isStaffOrSystem(caller)) return true;
  if (caller.role === 'customer') return caller.customerId === order.customerId || (payerId !== undefined && caller.customerId === payerId);
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

/**
 * The customer an order is for, as `resolveOrderCustomerId` answers it, except that a customer naming another customer
 * may be a head office's portal account booking for one of its branches (分店／總公司付款): `headOfficeId` is then the
 * caller's customer, whom the branch must name as payer (`assertBranchOf`), read in the order's transaction since the
 * office may unlink the branch meanwhile.
 */
export function resolveOrderCustomer(caller: Caller, requested: string | undefined): { readonly customerId: string; readonly headOfficeId?: string } {
  if (caller.role === 'customer' && caller.customerId && requested !== undefined && requested !== caller.customerId) {
    return { customerId: requested, headOfficeId: caller.customerId };
  }
  return { customerId: resolveOrderCustomerId(caller, requested) };
}

/**
 * @throws `AUTH.FORBIDDEN` unless `customer` is a branch that `headOfficeId` pays for; one that does not exist is refused
 * alike, so a customer trying ids learns nothing of other customers.
 */
export function assertBranchOf<C extends { readonly payerId?: string }>(customer: C | null, headOfficeId: string): C {
  if (!customer || customer.payerId !== headOfficeId) {
    throw forbidden('AUTH.FORBIDDEN', 'You may only order for yourself or a branch you pay for');
  }
  return customer;
}

function assertVisible(caller: Caller, order: Order, payerId: string | undefined): void {
  if (!canViewOrder(caller, order, payerId)) throw notFound('ORDER.NOT_FOUND', `Order ${order.id} not found`, { id: order.id });
}

/**
 * A customer changes or cancels their own order online only while it is pending. Past that it is the order's status, not
 * the customer's rights, that stops them, often a confirm by the office a moment before their tap: said as a conflict
 * naming the status (the portal offers the depot's phone with it), not as a permission they lack.
 */
function assertPendingForCustomer(order: Order): void {
  if (order.status !== 'pending') throw conflict('ORDER.NOT_PENDING', `Order ${order.id} is ${order.status}`, { id: order.id, status: order.status });
}

/** Role rules for a status change (`payerId` as `canViewOrder` takes it); whether the machine allows the edge is `transition`'s job. */
export function assertCanTransition(caller: Caller, order: Order, to: OrderStatus, payerId?: string): void {
  assertVisible(caller, order, payerId);
  if (isStaffOrSystem(caller)) return;
  if (caller.role === 'driver' && DRIVER_MOVES.includes(to)) return;
  if (caller.role === 'customer' && to === 'cancelled') {
    // Cancelled already (by the office, or in another tab): `transition` says so.
    if (order.status !== 'cancelled') assertPendingForCustomer(order);
    return;
  }
  throw forbidden('AUTH.FORBIDDEN', `A ${caller.role} may not move this order to ${to}`, { to });
}

/**
 * Staff edit any order (within `EDITABLE_FIELDS`); a customer only their own, or their branch's (`payerId` as
 * `canViewOrder` takes it), while it is pending.
 */
export function assertCanEdit(caller: Caller, order: Order, payerId?: string): void {
  assertVisible(caller, order, payerId);
  if (isStaffOrSystem(caller)) return;
  if (caller.role !== 'customer') throw forbidden('AUTH.FORBIDDEN', `A ${caller.role} may not edit this order`);
  assertPendingForCustomer(order);
}
