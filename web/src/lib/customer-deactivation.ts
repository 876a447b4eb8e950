import { ApiError } from './api-client';
import type { OrderStatus } from './types';

/** An open order as a deactivation refusal names it. */
export interface RefusingOrder {
  readonly id: string;
  readonly requestedDate: string;
  readonly status: OrderStatus;
}

/**
 * Why the API would not deactivate a customer for their open orders: `onATruck` when some are on a published route or
 * out for delivery (never cancelled by deactivating; the office takes them off the route or delivers them first), else
 * they can be cancelled in the same step (`cancelOpenOrders`). `orders` are the first few by day, `count` all of them.
 */
export interface DeactivationRefusal {
  readonly onATruck: boolean;
  readonly count: number;
  readonly orders: readonly RefusingOrder[];
}

const CODES: Readonly<Record<string, boolean>> = { 'CUSTOMER.HAS_OPEN_ORDERS': false, 'CUSTOMER.ORDERS_ON_A_TRUCK': true };

/** The refusal a failed deactivation brings, or null when it failed for another reason. */
export function deactivationRefusal(error: unknown): DeactivationRefusal | null {
  if (!(error instanceof ApiError) || !Object.hasOwn(CODES, error.code)) return null;
  const orders = (error.details?.['orders'] ?? []) as RefusingOrder[];
  return { onATruck: CODES[error.code] === true, count: Number(error.details?.['count'] ?? orders.length), orders };
}
