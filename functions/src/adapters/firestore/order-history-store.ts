import type { Firestore, QueryDocumentSnapshot } from '@google-cloud/firestore';
import type { Complaint, Customer, StakeOrder, WinBackOrder } from '../../domain/customers';
import { addDays } from '../../domain/calendar';
import { FAILED_ORDER_OPEN_DAYS, OPEN_STATUSES, type OrderStatus } from '../../domain/orders/status';
import type { Order, OrderSource } from '../../domain/orders';

/** Firestore's cap on the values of one `in` filter. */
const IN_LIMIT = 30;
const inChunks = (ids: readonly string[]): string[][] => Array.from({ length: Math.ceil(ids.length / IN_LIMIT) }, (_, i) => ids.slice(i * IN_LIMIT, (i + 1) * IN_LIMIT));
function byCustomer<T>(docs: readonly QueryDocumentSnapshot[], read: (d: QueryDocumentSnapshot) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const d of docs) out.set(d.get('customerId') as string, [...(out.get(d.get('customerId') as string) ?? []), read(d)]);
  return out;
}

/** An order that still needs a truck (a recently failed one too, see FAILED_ORDER_OPEN_DAYS), as lists of customers show it. */
export interface OpenOrderRef {
  readonly id: string;
  readonly requestedDate: string;
  readonly status: OrderStatus;
  /** `forecast`: the night's suggestion, which nobody asked for until the office confirms it. */
  readonly source: OrderSource;
}

/**
 * The order fields `deliveryHistoryFromOrders` reads, the route a delivery was on, from which the nightly job learns
 * the stops a truck makes (`learnedStopsPerTruck`), and the total it values a customer at churn risk by (`valueAtStake`).
 * Selecting only these makes a year of orders a light read; the documents are typed as orders because those take orders,
 * and read nothing else of them.
 */
const HISTORY_FIELDS = ['id', 'customerId', 'status', 'requestedDate', 'items', 'total', 'delivery', 'timeline', 'routeId'] as const;

/** What the forecast pipeline reads from the operational data: the order history, customers and who has an open order. */
export function firestoreOrderHistoryStore(db: Firestore) {
  const orders = db.collection('orders');
  const customers = db.collection('customers');
  return {
    /** Orders requested on or after `since`, every status (failed attempts count too), history fields only. */
    async ordersSince(since: string): Promise<Order[]> {
      const snap = await orders.where('requestedDate', '>=', since).select(...HISTORY_FIELDS).get();
      return snap.docs.map((d) => d.data() as Order);
    },

    /**
     * One customer's orders requested on or after `since`, history fields only: as far back as the
     * nightly job reads, not the customer's whole history. Index (customerId, requestedDate).
     */
    async ordersOf(customerId: string, since: string): Promise<Order[]> {
      const snap = await orders.where('customerId', '==', customerId).where('requestedDate', '>=', since).select(...HISTORY_FIELDS).get();
      return snap.docs.map((d) => d.data() as Order);
    },

    /**
     * Complaints recorded on or after the instant `since`, of everyone or of one customer: who
     * complained and when, for the churn model. One customer's are filtered by date here, so neither
     * query needs a composite index.
     */
    async complaintsSince(since: string, customerId?: string): Promise<Pick<Complaint, 'customerId' | 'at'>[]> {
      const complaints = db.collection('complaints');
      const query = customerId === undefined ? complaints.where('at', '>=', since) : complaints.where('customerId', '==', customerId);
      const snap = await query.select('customerId', 'at').get();
      return snap.docs.map((d) => ({ customerId: d.get('customerId') as string, at: d.get('at') as string })).filter((c) => c.at >= since);
    },

    /**
     * Customer id → its orders that still need a truck on `today`, earliest day first: the open ones and
     * the failed ones requested within FAILED_ORDER_OPEN_DAYS (not rescheduled yet). Index (status, requestedDate).
     */
    async openOrders(today: string): Promise<Map<string, OpenOrderRef[]>> {
      const fields = ['customerId', 'requestedDate', 'status', 'source'] as const;
      const [pending, failed] = await Promise.all([
        orders.where('status', 'in', [...OPEN_STATUSES]).select(...fields).get(),
        orders.where('status', '==', 'failed').where('requestedDate', '>=', addDays(today, -FAILED_ORDER_OPEN_DAYS)).select(...fields).get(),
      ]);
      const open = new Map<string, OpenOrderRef[]>();
      for (const d of [...pending.docs, ...failed.docs]) {
        const customerId = d.get('customerId') as string;
        const ref: OpenOrderRef = { id: d.id, requestedDate: d.get('requestedDate') as string, status: d.get('status') as OrderStatus, source: d.get('source') as OrderSource };
        open.set(customerId, [...(open.get(customerId) ?? []), ref].sort((x, y) => x.requestedDate.localeCompare(y.requestedDate)));
      }
      return open;
    },

    /** One customer's orders placed at or after the instant `sinceIso`, whatever became of them. Index (customerId, createdAt desc). */
    async placedSince(customerId: string, sinceIso: string): Promise<Pick<Order, 'source' | 'createdAt'>[]> {
      const snap = await orders.where('customerId', '==', customerId).where('createdAt', '>=', sinceIso).orderBy('createdAt', 'desc').select('source', 'createdAt').get();
      return snap.docs.map((d) => ({ source: d.get('source') as Order['source'], createdAt: d.get('createdAt') as string }));
    },

    /**
     * Delivered orders of these customers requested on or after `since`, priced lines and total only: what the churn list
     * values each at. 30 customers a query (Firestore's `in` cap), index (customerId, requestedDate).
     */
    async deliveredOf(customerIds: readonly string[], since: string): Promise<Map<string, StakeOrder[]>> {
      const snaps = await Promise.all(
        inChunks(customerIds).map((ids) => orders.where('customerId', 'in', ids).where('requestedDate', '>=', since).select('customerId', 'status', 'requestedDate', 'items', 'total').get()),
      );
      return byCustomer(snaps.flatMap((snap) => snap.docs.filter((d) => d.get('status') === 'delivered')), (d) => d.data() as StakeOrder);
    },

    /** Orders of these customers placed at or after the instant `sinceIso`, whatever became of them. Index (customerId, createdAt). */
    async placedSinceOf(customerIds: readonly string[], sinceIso: string): Promise<Map<string, WinBackOrder[]>> {
      const snaps = await Promise.all(inChunks(customerIds).map((ids) => orders.where('customerId', 'in', ids).where('createdAt', '>=', sinceIso).select('customerId', 'source', 'status', 'createdAt').get()));
      return byCustomer(snaps.flatMap((snap) => snap.docs), (d) => d.data() as WinBackOrder);
    },

    /** Customers with a suggested order (source `forecast`) cancelled since `sinceIso`. */
    async declinedSuggestionsSince(sinceIso: string): Promise<Set<string>> {
      const snap = await orders.where('source', '==', 'forecast').where('status', '==', 'cancelled').where('updatedAt', '>=', sinceIso).select('customerId').get();
      return new Set(snap.docs.map((d) => d.get('customerId') as string));
    },

    /** The suggested orders (source `forecast`) still pending, whoever's and from whichever night: their day, cylinders and note. Index (source, status, updatedAt). */
    async pendingSuggestions(): Promise<Pick<Order, 'id' | 'customerId' | 'requestedDate' | 'items' | 'notes'>[]> {
      const snap = await orders.where('source', '==', 'forecast').where('status', '==', 'pending').select('customerId', 'requestedDate', 'items', 'notes').get();
      return snap.docs.map((d) => ({
        id: d.id,
        customerId: d.get('customerId') as string,
        requestedDate: d.get('requestedDate') as string,
        items: d.get('items') as Order['items'],
        notes: d.get('notes') as string,
      }));
    },

    async customers(filter: { readonly activeOnly: boolean }): Promise<Customer[]> {
      const query = filter.activeOnly ? customers.where('status', '==', 'active') : customers;
      const snap = await query.get();
      return snap.docs.map((d) => d.data() as Customer);
    },

    async customer(id: string): Promise<Customer | null> {
      const snap = await customers.doc(id).get();
      return snap.exists ? (snap.data() as Customer) : null;
    },
  };
}

export type OrderHistoryStore = ReturnType<typeof firestoreOrderHistoryStore>;
