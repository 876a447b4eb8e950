import type { Firestore } from '@google-cloud/firestore';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { assertCanReadCustomer, canReadCustomer } from '../../domain/customers/permissions';
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
