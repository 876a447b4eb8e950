import type { CYLINDER_SIZES } from '../lib/types';
import { api, downloadFile } from './useApi';

type CylinderSize = (typeof CYLINDER_SIZES)[number];

/** Collected when a customer takes cylinders, refunded when they come back for good (functions/src/domain/billing/deposit.ts). */
export const DEPOSIT_KINDS = ['collect', 'refund'] as const;
export type DepositKind = (typeof DEPOSIT_KINDS)[number];
export const DEPOSIT_METHODS = ['cash', 'transfer'] as const;
export type DepositMethod = (typeof DEPOSIT_METHODS)[number];

export interface DepositInput {
  kind: DepositKind;
  size: CylinderSize;
  count: number;
  /** Whole NT$; left out, the API charges count × the standard deposit. */
  amount?: number;
  method: DepositMethod;
  /** Taipei calendar day, not after today. */
  receivedOn: string;
  note?: string;
}

/** `customers/{id}/deposits/{id}` as the API answers it; `by` is the clerk's display name. */
export interface Deposit extends Required<Omit<DepositInput, 'note'>> {
  id: string;
  customerId: string;
  note?: string;
  by: string;
  at: string;
  /** 補登: the door day of a driver's deposit synced after its month was closed, booked on `receivedOn` instead. */
  collectedOn?: string;
}

/** NT$ per size: what is held, or the standard deposit for one cylinder. */
export interface SizeAmount {
  size: CylinderSize;
  amount: number;
}

export interface CustomerDeposits {
  items: Deposit[];
  held: SizeAmount[];
  standard: SizeAmount[];
}

/** The statement's deposit section (押金): apart from the charges, never in the amount due. */
export interface StatementDeposits {
  records: Pick<Deposit, 'id' | 'kind' | 'size' | 'count' | 'amount' | 'method' | 'receivedOn' | 'collectedOn' | 'note'>[];
  collected: number;
  refunded: number;
  heldAtEnd: SizeAmount[];
  heldAtEndTotal: number;
}

const path = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/deposits`;

/** A customer's latest deposit records, newest first, what is held per size and the standard deposit per cylinder. */
export const listDeposits = (customerId: string, limit = 5) => api.get<CustomerDeposits>(`${path(customerId)}?limit=${limit}`);

/** Collects or refunds a deposit; the same key replays the first answer. */
export const recordDeposit = (customerId: string, input: DepositInput, idempotencyKey: string) =>
  api.post<{ deposit: Deposit; held: SizeAmount[] }>(path(customerId), input, { idempotencyKey });

/** One line of the month's deposit journal (押金明細), as `GET /api/payments/deposits` answers it. */
export interface DepositJournalLine extends Pick<Deposit, 'id' | 'customerId' | 'kind' | 'size' | 'count' | 'amount' | 'method' | 'receivedOn' | 'collectedOn' | 'note'> {
  customerCode: string;
  customerName: string;
  orderId?: string;
  recordedBy: string;
}

interface ByMethod extends Record<DepositMethod, number> {
  all: number;
}

export interface DepositJournal {
  month: string;
  lines: DepositJournalLine[];
  totals: { collected: ByMethod; refunded: ByMethod; net: number };
  /** What every customer held at the month's end: the liability the bookkeeper carries. */
  heldAtMonthEnd: { bySize: SizeAmount[]; all: number };
}

/** Every customer's deposits collected and refunded in a Taipei month, and the deposits held for all of them at its end. */
export const depositJournal = (month: string) => api.get<DepositJournal>('/api/payments/deposits', { month });

/** The same journal as the bookkeeper's CSV. */
export const exportDepositJournal = (month: string, fileName: string) => downloadFile('/api/payments/deposits/export', { month }, fileName);
