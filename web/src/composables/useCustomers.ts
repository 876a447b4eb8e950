import { collection, doc, documentId, query, where } from 'firebase/firestore';
import { computed, toValue, type Ref, type WatchSource } from 'vue';
import type { AddressInput, Complaint, Customer, CustomerDetails, CustomerInput, CustomerPatch, NewComplaint, Page, PaymentMethod, TimeWindow } from '../lib/types';
import type { ImportReport, ImportRequest } from '../lib/customer-import';
import type { AppLocale } from '../lib/format';
import { api, downloadFile } from './useApi';
import { useCursorList } from './useCursorList';
import { useLiveQuery } from './useFirestoreQuery';

/** Narrows a search: `approximate` keeps the customers located only to their road or district centre. */
export interface CustomerFilters {
  location?: 'approximate';
}

export const searchCustomers = (q: string, limit = 20, cursor?: string | null, filters: CustomerFilters = {}) =>
  api.get<Page<Customer>>('/api/customers', { q, limit, cursor, ...filters });

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

export const getCustomer = (id: string) => api.get<CustomerDetails>(customerPath(id));

/**
 * One customer, live, while `id` names one (staff: the form open on them, the order form's customer line; the customer
 * their own, in 聯絡與收貨); null until read or when there is none. The stored document holds the search index too,
 * which nothing here reads.
 */
export function useCustomer(id: WatchSource<string | null>) {
  const live = useLiveQuery<CustomerDetails, string | null>(id, (db, customerId) => (customerId ? doc(db, 'customers', customerId) : null));
  // Until the next one's snapshot comes, the listener still holds the customer named before.
  const customer = computed(() => live.items.value.find((c) => c.id === toValue(id)) ?? null);
  return { customer, loading: live.loading, error: live.error };
}

/** Firestore's limit on the values of one `in` filter. */
const IDS_PER_QUERY = 30;

/** The customers of these ids, live, 30 ids a query (none while there are no ids); those without a document left out. */
export function useLiveCustomers<T extends Customer = CustomerDetails>(ids: WatchSource<readonly string[]>) {
  return useLiveQuery<T, readonly string[]>(ids, (db, wanted) =>
    Array.from({ length: Math.ceil(wanted.length / IDS_PER_QUERY) }, (_, i) =>
      query(collection(db, 'customers'), where(documentId(), 'in', wanted.slice(i * IDS_PER_QUERY, (i + 1) * IDS_PER_QUERY))),
    ),
  );
}

/**
 * The customers on 自動配送, live, while `on`: one query on the field, so one put on it or taken off joins or leaves by
 * itself and new orders on the board open no listener (asking by the day's customer ids took 30 ids a query, ten
 * listeners on a 300-order day, opened again whenever a new customer ordered); none while off.
 */
export function useAutoDeliveryCustomers(on: WatchSource<boolean>) {
  return useLiveQuery<Customer, boolean>(on, (db, wanted) => (wanted ? query(collection(db, 'customers'), where('autoDelivery', '==', true)) : null));
}

/**
 * The customers a list shows (`rows`, as a search answered them), each as it is now: a listener on their documents, 30
 * ids a query, puts a change anyone makes (another clerk, the customer in the portal, a delivery) in its row. Which
 * customers and in which order stay the search's, so searching and paging stay the API's and a change reads nothing
 * again; the listener starts over only when the rows shown change. A row whose document is gone keeps what was answered.
 */
export function useLiveCustomerRows(rows: Readonly<Ref<readonly Customer[]>>) {
  const live = useLiveCustomers<Customer>(computed(() => rows.value.map((r) => r.id)));
  return computed(() => {
    const now = new Map(live.items.value.map((c) => [c.id, c]));
    return rows.value.map((r) => now.get(r.id) ?? r);
  });
}

/** Office and admin; a retry with the same key (and body) replays the first answer instead of adding a twin. */
export const createCustomer = (input: CustomerInput, idempotencyKey: string) =>
  api.post<CustomerDetails>('/api/customers', input, { idempotencyKey });

/** Sends only the fields that changed (and the version they were made on); a new address replaces the old one whole. */
export const updateCustomer = (id: string, patch: CustomerPatch) => api.patch<CustomerDetails>(customerPath(id), patch);
/**
 * The customer's own 聯絡與收貨: phones, contact name (null removes it), the language of their messages, delivery windows
 * and closed weekdays, and the version the page showed (409 CUSTOMER.CHANGED once the office changed the record since).
 */
export const updateOwnContact = (
  id: string,
  patch: { phones: string[]; contactName: string | null; notificationLocale: AppLocale; deliveryWindows: TimeWindow[]; closedDays: number[]; version: number },
) =>
  api.patch<CustomerDetails>(`${customerPath(id)}/contact`, patch);

/** 拒絕行銷 (個資法 §20): the customer objects to marketing (`optOut`), or takes it again; themselves, or the office on the phone. */
export const setMarketingPreference = (id: string, optOut: boolean) => api.put<CustomerDetails>(`${customerPath(id)}/marketing`, { optOut });

/**
 * The customer and their history stay; they can no longer order. Refused while they have open orders (`deactivationRefusal`)
 * unless `cancelOpenOrders`: those not yet on a truck are then cancelled in the same step.
 */
export const deactivateCustomer = (id: string, cancelOpenOrders = false, idempotencyKey?: string) =>
  api.post<CustomerDetails>(`${customerPath(id)}/deactivate`, { cancelOpenOrders }, idempotencyKey ? { idempotencyKey } : undefined);

export const reactivateCustomer = (id: string) => api.post<CustomerDetails>(`${customerPath(id)}/reactivate`, {});

/** 刪除個資 (admin): erases a deactivated customer's personal data, keeping what the tax law needs; cannot be undone. */
export const eraseCustomer = (id: string, body: { confirmCode: string; reason: string }) => api.post<CustomerDetails>(`${customerPath(id)}/erase`, body);

/** 匯出客戶: the active customers as CSV for Excel, in the columns the import reads. */
export const exportCustomers = (fileName: string) => downloadFile('/api/customers/export', {}, fileName);

/** A deactivated customer with something still open (停用待結清), as `GET /api/customers/left-open` answers it. */
export interface LeftOpen {
  customerId: string;
  customerCode: string;
  customerName: string;
  deactivatedAt?: string;
  /** Sizes with cylinders still at their place. */
  cylinders: { size: number; count: number }[];
  deposit: number;
  /** Negative for a credit to pay back. */
  balance: number;
}

/** 停用待結清: deactivated customers who still hold cylinders, a deposit or a balance, most recently deactivated first. */
export const customersLeftOpen = () => api.get<{ items: LeftOpen[] }>('/api/customers/left-open');

/**
 * Every deactivated customer, live (firestore.rules: staff read customers): 停用待結清 follows what is on their records
 * (cylinders, deposits, 停用, 過戶, 重新啟用) as anyone writes it, without asking the API again.
 */
export function useInactiveCustomers() {
  return useLiveQuery<CustomerDetails, 'inactive'>(
    () => 'inactive',
    (db, status) => query(collection(db, 'customers'), where('status', '==', status)),
  );
}

/** 過戶: what happens to the deposit held, moved to the new owner's account or left on the seller's to refund. */
export type TransferDeposit = 'move' | 'refund';
export interface TransferRequest {
  handoverOn: string;
  name: string;
  contactName?: string;
  phones: string[];
  invoice: { taxId?: string; companyTitle?: string };
  paymentTerms: PaymentMethod;
  deposit: TransferDeposit;
  /** The seller's 定期配送 rules and 自動配送 go on for the buyer; otherwise they end with the seller. */
  moveRecurring: boolean;
}
/** 過戶: the customer's shop passes to a new owner, a new customer; the seller is deactivated (one request, retried under its key). */
export const transferCustomer = (id: string, body: TransferRequest, idempotencyKey: string) =>
  api.post<{ seller: CustomerDetails; buyer: CustomerDetails; movedOrderIds: string[] }>(`${customerPath(id)}/transfer`, body, { idempotencyKey });

/** 個資法's copy: everything kept that names the customer, as one JSON file (the download is in the audit log). */
export const downloadPersonalData = (id: string, fileName: string) => downloadFile(`${customerPath(id)}/personal-data`, {}, fileName);

/** An address dictated or pasted as one line, read into its parts by the API (the CSV import's parser); 400 on `text` when it lacks one. */
export const parseAddress = (text: string) => api.post<{ address: AddressInput; extra?: string }>('/api/customers/parse-address', { text });

/** 匯入客戶: a dry run reports each row; the real run creates the valid ones at once (office and admin). */
export const importCustomers = (request: ImportRequest, idempotencyKey: string) =>
  api.post<ImportReport>('/api/customers/import', request, { idempotencyKey });

/** Newest first, the latest 50. */
export const listComplaints = (customerId: string) => api.get<{ items: Complaint[] }>(`${customerPath(customerId)}/complaints`);

/** Office and admin; a retry with the same key (and body) replays the first answer instead of logging it twice. */
export const recordComplaint = (customerId: string, complaint: NewComplaint, idempotencyKey: string) =>
  api.post<Complaint>(`${customerPath(customerId)}/complaints`, complaint, { idempotencyKey });

/** Closes a complaint once with what was done (POST …/complaints/:id/resolve). */
export const resolveComplaint = (customerId: string, complaintId: string, resolution: string) =>
  api.post<Complaint>(`${customerPath(customerId)}/complaints/${encodeURIComponent(complaintId)}/resolve`, { resolution });

/** 入口網站帳號: a customer's sign-in to the portal, as the office sees it (never a password). */
export interface PortalAccount {
  uid: string;
  username: string;
  displayName: string;
  disabled: boolean;
}

const portalAccountsPath = (customerId: string) => `${customerPath(customerId)}/portal-accounts`;

export const listPortalAccounts = (customerId: string) => api.get<{ items: PortalAccount[] }>(portalAccountsPath(customerId));

/** Office and admin; a retry with the same key (and body) replays the first answer instead of failing on the username. */
export const openPortalAccount = (customerId: string, account: { username: string; password: string }, idempotencyKey: string) =>
  api.post<PortalAccount>(portalAccountsPath(customerId), account, { idempotencyKey });

/** A forgotten password: the account's sessions end and the customer signs in with the new one. */
export const resetPortalPassword = (customerId: string, uid: string, password: string) =>
  api.post<PortalAccount>(`${portalAccountsPath(customerId)}/${encodeURIComponent(uid)}/password`, { password });

/**
 * A customer search with cursor pagination ("load more"), for lists and pickers. A new search drops the late answer to
 * the one before it, so clearing the box and ticking a filter never leaves the earlier rows on screen.
 */
export function useCustomerSearch(pageSize = 20) {
  const list = useCursorList(
    ({ q, filters }: { q: string; filters: CustomerFilters }, cursor: string | null) => searchCustomers(q, pageSize, cursor, filters),
    { q: '', filters: {} },
  );
  return {
    customers: list.rows,
    nextCursor: list.nextCursor,
    loading: list.loading,
    error: list.error,
    search: (q: string, filters: CustomerFilters = {}) => list.load({ q, filters }),
    loadMore: list.loadMore,
  };
}
