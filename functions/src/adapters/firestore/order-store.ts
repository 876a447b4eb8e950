import type { Firestore, Transaction } from '@google-cloud/firestore';
import type { EventPublisher } from '../../domain/events';
import { recurringOrderId, REPRICEABLE_STATUSES, type Order, type OrderStatus, type RecurringOrderMade } from '../../domain/orders';
import type { PriceEntry, PriceList } from '../../domain/pricing';
import { aggregateStore, type Versioned } from './aggregate-store';
import type { UnitOfWork } from './unit-of-work';

export function firestoreOrderStore(db: Firestore, publisher: EventPublisher) {
  return aggregateStore<Order>(db, { collection: 'orders', notFoundCode: 'ORDER.NOT_FOUND', publisher });
}
export type OrderStore = ReturnType<typeof firestoreOrderStore>;

/** The districts orders are delivered in, by id, in the order asked (null for one gone): a route's stops keep none. */
export async function orderDistricts(db: Firestore, ids: readonly string[]): Promise<(Pick<Order, 'id' | 'district'> | null)[]> {
  if (ids.length === 0) return [];
  const snaps = await db.getAll(...ids.map((id) => db.collection('orders').doc(id)), { fieldMask: ['district'] });
  return snaps.map((s) => (s.exists ? { id: s.id, district: (s.data() as Pick<Order, 'district'>).district } : null));
}

/** The whole price list: a few rows per size, read once per request. */
export async function loadPriceList(db: Firestore): Promise<PriceList> {
  const snap = await db.collection('priceList').get();
  return snap.docs.map((d) => d.data() as PriceEntry);
}

/**
 * The orders a new price may re-price: not yet on a route and requested from `from` up to, not including, `before`
 * (index status, requestedDate). As many as are booked ahead, a few days of deliveries.
 */
export async function repriceableOrders(db: Firestore, days: { readonly from: string; readonly before?: string }): Promise<Order[]> {
  const from = db.collection('orders').where('status', 'in', [...REPRICEABLE_STATUSES]).where('requestedDate', '>=', days.from);
  const snap = await (days.before ? from.where('requestedDate', '<', days.before) : from).get();
  return snap.docs.map((d) => d.data() as Order);
}

/** A customer's orders in some statuses (those that follow an edit of them, `statusesFollowing`), read in the unit of work; at most `limit`. */
export async function customerOrdersIn(uow: UnitOfWork, customerId: string, statuses: readonly OrderStatus[], limit: number): Promise<Versioned<Order>[]> {
  const q = uow.db.collection('orders').where('customerId', '==', customerId).where('status', 'in', [...statuses]);
  return uow.query<Order>(q.limit(limit));
}

/** A customer's orders for a day from `from` on, read in the unit of work (the index (customerId, requestedDate)). */
export async function customerOrdersSinceIn(uow: UnitOfWork, customerId: string, from: string): Promise<Versioned<Order>[]> {
  return uow.query<Order>(uow.db.collection('orders').where('customerId', '==', customerId).where('requestedDate', '>=', from));
}

const IN_LIMIT = 30;

/**
 * The orders of rule `ruleId` that deliver any of its occurrences `dates` (by `recurringDates`) or are named after one
 * (made before orders listed theirs): what `placement` needs. In `tx` when given, so a placement decided on it holds.
 */
export async function recurringOrdersMade(db: Firestore, ruleId: string, dates: readonly string[], tx?: Transaction): Promise<RecurringOrderMade[]> {
  const refs = dates.map((d) => db.collection('orders').doc(recurringOrderId(ruleId, d)));
  // Filtered by rule here, needing no composite index. array-contains-any takes 30 values: a daily rule over the longest
  // closure delivers 32 occurrences on its eve.
  const listings = Array.from({ length: Math.ceil(dates.length / IN_LIMIT) }, (_, i) =>
    db.collection('orders').where('recurringDates', 'array-contains-any', dates.slice(i * IN_LIMIT, (i + 1) * IN_LIMIT)),
  );
  const [named, ...listed] = await Promise.all([tx ? tx.getAll(...refs) : db.getAll(...refs), ...listings.map((q) => (tx ? tx.get(q) : q.get()))]);
  const byId = new Map<string, Order>();
  for (const snap of named) if (snap.exists) byId.set(snap.id, snap.data() as Order);
  for (const snap of listed.flatMap((l) => l.docs)) if (snap.get('recurringRuleId') === ruleId) byId.set(snap.id, snap.data() as Order);
  return [...byId.values()].map((o) => ({
    id: o.id,
    status: o.status,
    requestedDate: o.requestedDate,
    items: o.items,
    emptiesToCollect: o.emptiesToCollect,
    ...(o.recurringDates ? { recurringDates: o.recurringDates } : {}),
  }));
}
