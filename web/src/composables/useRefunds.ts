import { api } from './useApi';

/** How the office pays a credit back (functions/src/domain/billing/refund.ts). */
export const REFUND_METHODS = ['transfer', 'cash'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

export interface RefundInput {
  amount: number;
  method: RefundMethod;
  /** Taipei calendar day, not after today. */
  paidOn: string;
  reason: string;
  /** The allowance (折讓) that left the credit, when the refund pays one back. */
  allowanceId?: string;
}

/** `refunds/{id}` as the API answers it; a voided refund is kept and counts nowhere. */
export interface Refund extends RefundInput {
  id: string;
  customerId: string;
  status: 'paid' | 'voided';
  by: { uid: string; role: string };
  at: string;
  voidedAt?: string;
  voidReason?: string;
}

const path = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/refunds`;

/** Records a refund (退款) of a customer's credit, at most what is owed back; the same key replays the first answer. */
export const recordRefund = (customerId: string, input: RefundInput, idempotencyKey: string) => api.post<Refund>(path(customerId), input, { idempotencyKey });

/** Voids a refund recorded by mistake; voiding again answers the same, so a retry needs no kept key. */
export const voidRefund = (customerId: string, refundId: string, reason: string) => api.post<Refund>(`${path(customerId)}/${encodeURIComponent(refundId)}/void`, { reason });
