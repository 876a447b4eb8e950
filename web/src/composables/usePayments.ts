import { api, downloadFile } from './useApi';
import type { CustomerRef } from './useCustomerChain';

/** How a customer paid the office after delivery (functions/src/domain/billing/payment.ts). */
export const PAYMENT_CHANNELS = ['transfer', 'cash', 'cheque'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export interface PaymentInput {
  amount: number;
  method: PaymentChannel;
  /** Taipei calendar day, not after today. */
  receivedOn: string;
  reference?: string;
  note: string;
}

/** `payments/{id}` as the API answers it; a voided payment is kept and counts nowhere. */
export interface Payment extends PaymentInput {
  id: string;
  customerId: string;
  status: 'received' | 'voided';
  by: { uid: string; role: string };
  at: string;
  voidedAt?: string;
  voidReason?: string;
}

const path = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}`;

/** Records a payment (收款); the same key replays the first answer. */
export const recordPayment = (customerId: string, input: PaymentInput, idempotencyKey: string) =>
  api.post<Payment>(`${path(customerId)}/payments`, input, { idempotencyKey });

/** Voids a payment recorded by mistake; voiding again answers the same, so a retry needs no kept key. */
export const voidPayment = (customerId: string, paymentId: string, reason: string) =>
  api.post<Payment>(`${path(customerId)}/payments/${encodeURIComponent(paymentId)}/void`, { reason });

/** What a customer owes now (negative: a credit), how much is past due and since which month, and their last payment day. */
export interface CustomerBalance {
  balance: number;
  overdue: number;
  oldestUnpaidMonth?: string;
  lastPaymentOn?: string;
  /** The balance by the months it is made of, oldest first (payments settle the oldest charges first); empty when nothing is owed. */
  owedMonths: { month: string; owed: number }[];
  /** What is owed from before the twelve months read, apart. */
  owedEarlier?: number;
  /** A branch's (分店／總公司付款): the head office whose balance carries it; the branch's own is then 0. */
  payer?: CustomerRef;
}
export const customerBalance = (customerId: string) => api.get<CustomerBalance>(`${path(customerId)}/balance`);

/** One line of the month's payments journal (收款明細), as `GET /api/payments` answers it. */
export interface JournalLine {
  id: string;
  receivedOn: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  method: PaymentChannel;
  reference?: string;
  amount: number;
  note: string;
  recordedBy: string;
  status: 'received' | 'voided';
  voidReason?: string;
}

/** One refund (退款: credit paid back to a customer) in the month's journal. */
export interface RefundJournalLine {
  id: string;
  paidOn: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  method: 'cash' | 'transfer';
  amount: number;
  reason: string;
  recordedBy: string;
  status: 'paid' | 'voided';
  voidReason?: string;
}

export interface PaymentJournal {
  month: string;
  received: JournalLine[];
  voided: JournalLine[];
  totals: { byMethod: Record<PaymentChannel, number>; all: number };
  /** The month's refunds, money going out: apart from the payments, with their own totals. */
  refunds: { paid: RefundJournalLine[]; voided: RefundJournalLine[]; totals: { byMethod: Record<RefundJournalLine['method'], number>; all: number } };
}

/** Every customer's payments received in a Taipei month, voided ones apart, with the totals per method. */
export const paymentJournal = (month: string) => api.get<PaymentJournal>('/api/payments', { month });

/** The same journal as the bookkeeper's CSV. */
export const exportPaymentJournal = (month: string, fileName: string) => downloadFile('/api/payments/export', { month }, fileName);

/** The payments of any month whose reference (參考號碼) is the one sought, as `GET /api/payments/by-reference` answers: newest first. */
export interface PaymentsByReference {
  reference: string;
  items: JournalLine[];
  /** More matched than the answer holds. */
  truncated: boolean;
}

/** Who paid from an account before: the payments whose reference's digits end with those sought, or the other way round. */
export const paymentsByReference = (reference: string) => api.get<PaymentsByReference>('/api/payments/by-reference', { reference });
