import { ApiError } from '../../lib/api-client';
import { type AppLocale, formatShortDate } from '../../lib/format';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../../lib/types';

/** The refusal of a publish whose orders changed after planning (functions/src/functions/routes.ts). */
export const ORDERS_NOT_SCHEDULABLE = 'ROUTE.ORDERS_NOT_SCHEDULABLE';

/**
 * A stop publishing refused, as `error.details.orders` lists it (functions/src/domain/routes/planning.ts `staleStops`):
 * the order's status now (null when it is gone) and why — `status` no longer confirmed, `date` moved to another day,
 * `items` other cylinders, `location` its customer re-pinned (or moved), `window` another delivery window (the order's or
 * its customer's), `service` another service time (floors without a lift), `skills` other driver skills needed (the
 * customer became industrial), `priority` made urgent or no longer urgent.
 */
export interface StaleStop {
  orderId: string;
  status: OrderStatus | null;
  reason: string;
}

const isStaleStop = (value: unknown): value is StaleStop => {
  if (typeof value !== 'object' || value === null) return false;
  const { orderId, status, reason } = value as Record<string, unknown>;
  return typeof orderId === 'string' && typeof reason === 'string' && (status === null || ORDER_STATUSES.some((s) => s === status));
};

/** The stops a refused publish names; none for any other failure (the API's message then says it all). */
export function staleStopsOf(error: unknown): StaleStop[] {
  if (!(error instanceof ApiError) || error.code !== ORDERS_NOT_SCHEDULABLE) return [];
  const orders = error.details?.['orders'];
  return Array.isArray(orders) ? orders.filter(isStaleStop) : [];
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * One refused stop in words: its customer (the order's id while the order is not known) and why — the status it is in
 * now, the day it moved to (when the order is known), or which planning input changed.
 */
export function staleStopText(stop: StaleStop, order: Pick<Order, 'customerName' | 'requestedDate'> | undefined, t: Translate, locale: AppLocale): string {
  const name = order?.customerName ?? t('routes.unassignedOrder', { id: stop.orderId });
  return t('routes.unassignedLine', { name, reason: staleReason(stop, order, t, locale) });
}

function staleReason(stop: StaleStop, order: Pick<Order, 'requestedDate'> | undefined, t: Translate, locale: AppLocale): string {
  switch (stop.reason) {
    case 'status':
      return stop.status ? t('routes.staleStops.status', { status: t(`status.${stop.status}`) }) : t('routes.staleStops.gone');
    case 'date':
      return order ? t('routes.staleStops.movedTo', { date: formatShortDate(order.requestedDate, locale) }) : t('routes.staleStops.date');
    case 'items':
    case 'location':
    case 'window':
    case 'service':
    case 'skills':
    case 'priority':
      return t(`routes.staleStops.${stop.reason}`);
    default:
      return t('routes.staleStops.other');
  }
}
