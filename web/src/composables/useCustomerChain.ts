import { collection, query, where } from 'firebase/firestore';
import type { WatchSource } from 'vue';
import type { CustomerDetails, CylindersOnSite, Order } from '../lib/types';
import { api } from './useApi';
import { useLiveQuery } from './useFirestoreQuery';

/** A customer as a chain names it. */
export interface CustomerRef {
  id: string;
  code: string;
  name: string;
}

/** A customer's chain (functions/src/functions/customer-payer.ts, `chainOf`): who pays for the customer, and whom it pays for. */
export interface CustomerChain {
  /** The head office (總公司) that pays for the customer's deliveries on account; null when it pays for itself. */
  payer: CustomerRef | null;
  payerSince?: string;
  /** The branches (分店) the customer pays for, each with the cylinders standing there and the deposit held for them. */
  branches: (CustomerRef & { status: 'active' | 'inactive'; cylindersOnSite: CylindersOnSite[] })[];
}

const path = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}`;

/**
 * The customer with its chain in one request (`GET /api/customers/:id?include=chain`): the customer drawer opens on it,
 * and a head office's portal reads its branches so.
 */
export const getCustomerWithChain = (customerId: string) => api.get<CustomerDetails & { chain: CustomerChain }>(path(customerId), { include: 'chain' });

/** Sets the head office that pays for the customer, or with null makes it pay for itself again; answers the chain as it is then. */
export const setCustomerPayer = (customerId: string, payerId: string | null) => api.put<CustomerChain>(`${path(customerId)}/payer`, { payerId });

/**
 * The orders of a head office's branches, live (the portal's 分店訂單): one listener per branch, as firestore.rules let
 * the head office read an order by its branch (`paysFor`).
 */
export function useBranchOrders(branchIds: WatchSource<readonly string[]>) {
  const live = useLiveQuery<Order, readonly string[]>(branchIds, (db, ids) => ids.map((id) => query(collection(db, 'orders'), where('customerId', '==', id))));
  return { orders: live.items, loading: live.loading, error: live.error };
}
