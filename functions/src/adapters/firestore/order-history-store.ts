import type { Firestore } from '@google-cloud/firestore';
import type { Customer } from '../../domain/customers';
import { OPEN_STATUSES } from '../../domain/orders/status';
import type { OrderFacts } from '../../functions/use-cases/forecast-model';

const FACT_FIELDS = ['customerId', 'status', 'requestedDate', 'delivery', 'timeline'] as const;

/** The customer fields the forecast pipeline reads. */
export type ForecastCustomer = Pick<Customer, 'id' | 'name' | 'type' | 'cylindersOnSite' | 'autoDelivery' | 'closedDays' | 'status'>;
const CUSTOMER_FIELDS = ['id', 'name', 'type', 'cylindersOnSite', 'autoDelivery', 'closedDays', 'status'] as const;

/**
 * What the forecast pipeline reads from the operational data: the order history (only the fields
 * the models use, so a year of orders stays a light read), customers and who has an open order.
 */
export function firestoreOrderHistoryStore(db: Firestore) {
  const orders = db.collection('orders');
  const customers = db.collection('customers');
  return {
    /** Orders requested on or after `since`, every status (failed attempts count too). */
    async ordersSince(since: string): Promise<OrderFacts[]> {
      const snap = await orders.where('requestedDate', '>=', since).select(...FACT_FIELDS).get();
      return snap.docs.map((d) => d.data() as OrderFacts);
    },

    /** One customer's orders (a single-field query: no composite index needed). */
    async ordersOf(customerId: string): Promise<OrderFacts[]> {
      const snap = await orders.where('customerId', '==', customerId).select(...FACT_FIELDS).get();
      return snap.docs.map((d) => d.data() as OrderFacts);
    },

    /** Customer id → ids of its orders that still need a truck. */
    async openOrders(): Promise<Map<string, string[]>> {
      const snap = await orders.where('status', 'in', [...OPEN_STATUSES]).select('customerId').get();
      const open = new Map<string, string[]>();
      for (const d of snap.docs) {
        const customerId = d.get('customerId') as string;
        open.set(customerId, [...(open.get(customerId) ?? []), d.id]);
      }
      return open;
    },

    async customers(filter: { readonly activeOnly: boolean }): Promise<ForecastCustomer[]> {
      const query = filter.activeOnly ? customers.where('status', '==', 'active') : customers;
      const snap = await query.select(...CUSTOMER_FIELDS).get();
      return snap.docs.map((d) => d.data() as ForecastCustomer);
    },

    async customer(id: string): Promise<ForecastCustomer | null> {
      const snap = await customers.doc(id).get();
      return snap.exists ? (snap.data() as ForecastCustomer) : null;
    },
  };
}

export type OrderHistoryStore = ReturnType<typeof firestoreOrderHistoryStore>;
