import type { PaymentMethod } from '../lib/types';
import { api, downloadFile, useApiResource } from './useApi';

export const AGING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** One account customer's line in `GET /api/receivables` (應收帳款). */
export interface Receivable {
  customerId: string;
  customerCode: string;
  customerName: string;
  phone?: string;
  paymentTerms: PaymentMethod;
  /** Negative is a credit. */
  balance: number;
  aging: Record<AgingBucket, number>;
  oldestUnpaidMonth?: string;
  lastPaymentOn?: string;
  asOf: string;
  computedAt: string;
  lastReminder?: ReminderSummary & {
    /** A failed reminder's why, in the reader's language (通知紀錄's words). */
    reason?: string;
  };
  lastContact?: JudgedCollectionContact;
}

export const COLLECTION_CONTACT_METHODS = ['phone', 'visit', 'other'] as const;
export type CollectionContactMethod = (typeof COLLECTION_CONTACT_METHODS)[number];
export interface NewCollectionContact {
  method: CollectionContactMethod;
  note: string;
  /** `YYYY-MM-DD`, today or later. */
  promisedOn?: string;
}
/** A 催款 call or visit as recorded (`collectionContacts`); the note is gone once the customer is erased. */
export interface CollectionContact extends Omit<NewCollectionContact, 'note'> {
  id: string;
  customerId: string;
  note?: string;
  at: string;
  by: { uid: string; role: string };
  byName?: string;
}
/** A contact as the server judges it today: its promised day over, something still owed and nothing paid since. */
export type JudgedCollectionContact = CollectionContact & { promiseBroken: boolean };

export type ReminderStage = 'first' | 'second' | 'final';

/** A payment reminder (催款) as the ledger shows it: the latest of the last half year. */
export interface ReminderSummary {
  stage: ReminderStage;
  manual: boolean;
  channel: 'line' | 'sms' | 'inbox';
  status: 'pending' | 'sent' | 'failed';
  at: string;
  /** `INBOX.NO_ACCOUNT`: nobody could be reached (no LINE, no mobile to text, no portal account). */
  errorCode?: string;
}

export interface ReceivablesLedger {
  items: Receivable[];
  /** What is owed (credits left out) by bucket, and the credits owed back to customers apart. */
  totals: { balance: number; aging: Record<AgingBucket, number>; credits: number };
}

/** What is past due on a line: the balance less what is not yet due; nothing for a credit (the server's `overdueOf`). */
export const overdueOf = (r: Pick<Receivable, 'balance' | 'aging'>): number => Math.max(0, r.balance - r.aging.notDue);

const EMPTY: ReceivablesLedger = { items: [], totals: { balance: 0, aging: { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 }, credits: 0 } };

/**
 * The ledger as the bookkeeper's CSV (應收帳款帳齡表), headers in the page's language: as listed, or as it stood at the
 * end of an ended month (`YYYY-MM`), the 應收帳款 of that month's books.
 */
export const exportReceivables = (fileName: string, month?: string) => downloadFile('/api/receivables/export', month ? { month } : {}, fileName);

/** The ledger the nightly job (and every payment) keeps; read once per visit, again on 重新整理. */
export function useReceivables() {
  const resource = useApiResource<ReceivablesLedger>(() => api.get<ReceivablesLedger>('/api/receivables'), EMPTY);
  return { ledger: resource.data, loading: resource.loading, error: resource.error, reload: resource.reload };
}

/**
 * Sends a customer a payment reminder now (once a day: a second call answers the first); the same key replays the first
 * answer, so a retry after a lost one texts nobody twice.
 */
export const sendPaymentReminder = (customerId: string, idempotencyKey: string) =>
  api.post<ReminderSummary & { text: string; error?: string }>(`/api/receivables/${encodeURIComponent(customerId)}/reminders`, {}, { idempotencyKey });

/** Records what came of phoning or visiting a customer about what they owe; the same key records it once. */
export const recordCollectionContact = (customerId: string, body: NewCollectionContact, idempotencyKey: string) =>
  api.post<CollectionContact>(`/api/receivables/${encodeURIComponent(customerId)}/contacts`, body, { idempotencyKey });

/** A customer's 催款 calls and visits, newest first; a branch's head office's apart, since the branch is chased on its line. */
export interface CollectionContactHistory {
  items: JudgedCollectionContact[];
  headOffice?: { id: string; code: string; name: string; items: JudgedCollectionContact[] };
}
export const collectionContacts = (customerId: string) => api.get<CollectionContactHistory>(`/api/receivables/${encodeURIComponent(customerId)}/contacts`);
