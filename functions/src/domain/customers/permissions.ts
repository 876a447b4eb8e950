/**
 * Who may see and change customers: staff manage all of them; a customer reads only their own record
 * (another customer's id answers "not found", so ids leak nothing); drivers read orders, not customers.
 */
import { forbidden, notFound } from '../errors';
import { isStaff, type Principal } from '../users/user';

export function canReadCustomer(caller: Principal, customerId: string): boolean {
  return isStaff(caller) || (caller.role === 'customer' && caller.customerId === customerId);
}

/** @throws `CUSTOMER.NOT_FOUND` for a customer reading another's record, `AUTH.FORBIDDEN` for drivers. */
export function assertCanReadCustomer(caller: Principal, customerId: string): void {
  if (canReadCustomer(caller, customerId)) return;
  if (caller.role === 'customer') throw notFound('CUSTOMER.NOT_FOUND', `Customer ${customerId} not found`, { id: customerId });
  throw forbidden('AUTH.FORBIDDEN', `A ${caller.role} may not read customers`);
}

/** Listing, creating, editing and deactivating customers is office work. */
export function assertCanManageCustomers(caller: Principal): void {
  if (!isStaff(caller)) throw forbidden('AUTH.FORBIDDEN', `A ${caller.role} may not manage customers`);
}
