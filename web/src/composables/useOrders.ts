import { collection, doc, query, where } from 'firebase/firestore';
import { computed, type MaybeRefOrGetter, toValue, type WatchSource } from 'vue';
import type { OrderPatch } from '../lib/order-change';
import { type ConfirmResult, FINAL_ORDER_STATUSES, type NewOrder, type Order, ORDER_STATUSES, type OrderTracking, type RescheduleResult } from '../lib/types';
import { api } from './useApi';
import { useLiveQuery } from './useFirestoreQuery';

/** Live orders requested for a date (office board). */
export function useOrdersForDate(date: WatchSource<string>) {
  const live = useLiveQuery<Order, string>(date, (db, d) => query(collection(db, 'orders'), where('requestedDate', '==', d)));
  return { orders: live.items, loading: live.loading, error: live.error, synced: live.synced, stale: live.stale };
}

/** One order, live, while `id` names one (the office opening an invoice's order); null until read or when there is none. */
export function useOrder(id: WatchSource<string | null>) {
  const live = useLiveQuery<Order, string | null>(id, (db, orderId) => (orderId ? doc(db, 'orders', orderId) : null));
  // Until the next one's snapshot comes, the listener still holds the order named before.
  const order = computed(() => live.items.value.find((o) => o.id === toValue(id)) ?? null);
  return { order, loading: live.loading, error: live.error };
}

/** Live orders of one customer (portal); firestore.rules allow a customer only their own. */
export function useCustomerOrders(customerId: WatchSource<string | undefined>) {
  const live = useLiveQuery<Order, string | undefined>(customerId, (db, id) =>
    id ? query(collection(db, 'orders'), where('customerId', '==', id)) : null,
  );
  return { orders: live.items, loading: live.loading, error: live.error, synced: live.synced, stale: live.stale };
}

/**
 * The 配送追蹤 of a customer's orders out for delivery, live, by order id (portal): listened to only while one is out, as
 * the tracking exists only then.
 */
export function useOrderTracking(customerId: MaybeRefOrGetter<string | undefined>, orders: MaybeRefOrGetter<readonly Order[]>) {
  const source = computed(() => (toValue(orders).some((o) => o.status === 'out_for_delivery') ? toValue(customerId) : undefined));
  const live = useLiveQuery<OrderTracking, string | undefined>(source, (db, id) => (id ? query(collection(db, 'orderTracking'), where('customerId', '==', id)) : null));
  return computed(() => new Map(live.items.value.map((t) => [t.orderId, t])));
}

/**
 * A customer's orders still to be delivered, live, for the office's order form: one the customer places in the portal,
 * or another clerk books, while the clerk is still taking the call shows there before a second delivery is booked.
 */
export function useOpenOrdersOf(customerId: WatchSource<string | null>) {
  const live = useLiveQuery<Order, string | null>(customerId, (db, id) =>
    id ? query(collection(db, 'orders'), where('customerId', '==', id), where('status', 'in', ORDER_STATUSES.filter((s) => !FINAL_ORDER_STATUSES.includes(s)))) : null,
  );
  return { orders: live.items, loading: live.loading, error: live.error };
}

/**
 * Live orders on the driver's routes (driver PWA: items, address, phone, status of each stop).
 * firestore.rules check the order's route, so the query names the route: one listener per route.
 */
export function useRouteOrders(source: WatchSource<{ driverId: string | undefined; routeIds: string[] }>) {
  const live = useLiveQuery<Order, { driverId: string | undefined; routeIds: string[] }>(source, (db, { driverId, routeIds }) =>
    driverId
      ? routeIds.map((routeId) => query(collection(db, 'orders'), where('routeId', '==', routeId), where('driverId', '==', driverId)))
      : null,
  );
  return { orders: live.items, loading: live.loading, error: live.error };
}

/** Places an order; the same key answers the first order again (a retry after a lost answer books nothing twice). */
export const createOrder = (order: NewOrder, idempotencyKey: string) => api.post<Order>('/api/orders', order, { idempotencyKey });
/** One order as the API has it, for a screen whose listeners do not hold it (another day's). */
export const getOrder = (id: string) => api.get<Order>(`/api/orders/${encodeURIComponent(id)}`);

/**
 * The same-day cut-off (Taipei `HH:mm`) of the depot serving a customer, null when none, whether today's has passed, and
 * that depot's phone (null when none is stored).
 */
export interface SameDayCutoff {
  cutoff: string | null;
  closed: boolean;
  phone: string | null;
}
/** For the picked customer (office), or the signed-in customer's own when `customerId` is absent. */
export const sameDayCutoffOf = (customerId?: string) => api.get<SameDayCutoff>('/api/orders/same-day', customerId ? { customerId } : undefined);
/** `reason`: a picked reason's code or words typed; `note`: anything more the customer said (kept on the timeline). */
export const cancelOrder = (id: string, reason: string, note?: string, idempotencyKey?: string) =>
  api.post<Order>(`/api/orders/${encodeURIComponent(id)}/cancel`, { reason, ...(note ? { note } : {}) }, idempotencyKey ? { idempotencyKey } : undefined);

/** What changed of an order (`orderPatch`; a customer: their own, while pending); a null window drops the one asked for. */
export const changeOrder = (id: string, change: OrderPatch) => api.patch<Order>(`/api/orders/${encodeURIComponent(id)}`, change);
export const confirmOrder = (id: string) => api.post<Order>(`/api/orders/${encodeURIComponent(id)}/confirm`, {});
/** 全部確認: the API confirms each order on its own and answers for each; the same key answers the first answer again. */
export const confirmOrders = (ids: readonly string[], idempotencyKey: string) =>
  api.post<{ results: ConfirmResult[] }>('/api/orders/confirm', { ids }, { idempotencyKey });

/** 延後: the chosen orders to a later day with the reason their customers are told; each answered on its own. */
export const rescheduleOrders = (body: { orderIds: readonly string[]; requestedDate: string; reason: string }, idempotencyKey: string) =>
  api.post<{ results: RescheduleResult[] }>('/api/orders/reschedule', body, { idempotencyKey });

/** What 重新安排 sends for a failed order: the day the customer now asks (re-priced and checked as a new date) and why. */
export interface FailedOrderReschedule {
  requestedDate: string;
  note?: string;
  /** For a closure's day: delivered anyway (緊急配送), with the reason. */
  closureOverride?: { reason: string };
}
/** Puts a failed order back to pending for another day (office, admin); the same key replays a retry after a lost answer. */
export const rescheduleFailedOrder = (id: string, body: FailedOrderReschedule, idempotencyKey: string) =>
  api.post<Order>(`/api/orders/${encodeURIComponent(id)}/reschedule`, body, { idempotencyKey });
/**
 * Records a stop the driver could not report (their phone gave out) as failed, for the order's driver (office, admin):
 * `reason` a code the driver picks (or the name of the closure that called the day off), `note` what the caller said.
 * `actionId` (a uuid) is the driver action's id and the Idempotency-Key both, as the driver's own upload does.
 */
export const failStopForDriver = (orderId: string, reason: string, actionId: string, note?: string) =>
  api.post<unknown>(`/api/driver/stops/${encodeURIComponent(orderId)}/fail`, { actionId, reason, ...(note ? { note } : {}) }, { idempotencyKey: actionId });
