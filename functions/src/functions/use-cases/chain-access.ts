import type { Firestore, Transaction } from '@google-cloud/firestore';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { assertCanReadCustomer, canReadCustomer } from '../../domain/customers/permissions';
import type { Order } from '../../domain/orders';
import type { Principal } from '../../domain/users/user';

/**
 * Whether the caller may read what belongs to a customer: staff any, a customer their own, and a head office's portal
 * account its branches' (分店／總公司付款: the branch names it as payer), the invoices it is the buyer of among them. The
 * branch's record is read only for a customer asking about another.
 */
export async function mayReadCustomerOrBranch(db: Firestore, principal: Principal, customerId: string): Promise<boolean> {
  if (canReadCustomer(principal, customerId)) return true;
  if (principal.role !== 'customer' || !customerId) return false;
  const branch = await firestoreCustomerStore(db).get(customerId).catch(() => null);
  return branch?.payerId !== undefined && branch.payerId === principal.customerId;
}

/** @throws what `assertCanReadCustomer` throws (another customer's is "not found"), unless the caller is the customer's head office. */
export async function assertMayReadCustomerOrBranch(db: Firestore, principal: Principal, customerId: string): Promise<void> {
  if (!(await mayReadCustomerOrBranch(db, principal, customerId))) assertCanReadCustomer(principal, customerId);
}

/**
 * The head office the order's customer names as payer, for `canViewOrder` and the asserts that take it, when a customer
 * acts on an order not their own: read in `tx`, the order's transaction, so a branch unlinked (or moved to another payer)
 * meanwhile is no longer acted for by its former head office. Nobody else's call reads the customer; one that is not
 * there names none, and the order stays "not found".
 */
export function orderPayerIn(db: Firestore, tx: Transaction, principal: Principal, order: Pick<Order, 'customerId'>): Promise<string | undefined> {
  return payerActingOn(principal, order, (id) => firestoreCustomerStore(db).getIn(tx, id));
}

/** `orderPayerIn` for a call that only reads the order (`GET /api/orders/:id`): the payer as the branch names it now. */
export function orderPayerOf(db: Firestore, principal: Principal, order: Pick<Order, 'customerId'>): Promise<string | undefined> {
  return payerActingOn(principal, order, (id) => firestoreCustomerStore(db).get(id));
}

async function payerActingOn(principal: Principal, order: Pick<Order, 'customerId'>, read: (id: string) => Promise<{ readonly payerId?: string | undefined }>): Promise<string | undefined> {
  if (principal.role !== 'customer' || principal.customerId === order.customerId) return undefined;
  const customer = await read(order.customerId).catch(() => null);
  return customer?.payerId;
}
