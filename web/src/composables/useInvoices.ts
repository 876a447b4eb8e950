import { computed, ref, watch } from 'vue';
import { totalsAfterVoid } from '../components/invoices/invoice-figures';
import { ApiError } from '../lib/api-client';
import { taipeiDate } from '../lib/format';
import type { Order, Page, SizeQuantity } from '../lib/types';
import { api, downloadFile } from './useApi';
import { useCursorList } from './useCursorList';

/** Who the invoice is made out to: a business (三聯式), a B2C carrier, a charity's 愛心碼, or paper. */
export type InvoiceBuyer =
  | { type: 'business'; taxId: string; title: string }
  | { type: 'carrier'; carrierType: 'mobile' | 'citizen'; carrierCode: string }
  | { type: 'donation'; loveCode: string }
  | { type: 'print' };

export type InvoiceStatus = 'issued' | 'void';

/** What 重新開立 would issue (`GET /api/invoices/:id/reissue`): an invoice before its number. */
export interface InvoiceDraft {
  /** `inv-<orderId>` (cash / transfer) or `inv-<customerId>-<YYYY-MM>` (monthly); a reissue `<id>-r<n>`. */
  id: string;
  kind: 'B2B' | 'B2C';
  customer: { id: string; code: string; name: string; address: string };
  buyer: InvoiceBuyer;
  lines: { description: string; quantity: number; unitPrice: number; amount: number }[];
  amounts: { salesAmount: number; taxAmount: number; totalAmount: number };
  /** `deliveredOn` (Taipei day) on order invoices issued since it is kept. */
  source: { orderId: string; deliveredOn?: string } | { customerId: string; month: string; orderIds: string[] };
  /** On a reissue: the void invoice it replaces. */
  reissueOf?: string;
}

/** `invoices/{id}` as `GET /api/invoices` answers it (functions/src/domain/invoicing/invoice.ts). */
export interface Invoice extends InvoiceDraft {
  number: string;
  randomNumber: string;
  /** `2026-11/12`, the Taipei period of `issuedAt`. */
  period: string;
  issuedAt: string;
  status: InvoiceStatus;
  /** The last Taipei day it may be voided. */
  voidableUntil: string;
  voidedAt?: string;
  voidReason?: string;
  voidedBy?: { uid: string; role: string };
  /** On a void invoice reissued: the invoice that replaces it. */
  reissuedAs?: string;
  reissuedNumber?: string;
  /** The sum of its live allowances (折讓), tax included; absent until its first. */
  allowedTotal?: number;
}

/**
 * What an invoice bills, as `GET /api/invoices` sums it up (functions/src/domain/invoicing/source-summary.ts);
 * `deliveredOn` is null on an invoice issued before the day was kept on it.
 */
export type InvoiceSourceSummary =
  | { type: 'order'; orderId: string; deliveredOn: string | null; customerName: string; items: SizeQuantity[] }
  | { type: 'month'; customerId: string; month: string; customerName: string; orderCount: number };

/** An invoice as the list answers it: with what it bills. */
export interface ListedInvoice extends Invoice {
  sourceSummary: InvoiceSourceSummary;
}

/** A period's invoices added up by the API, whatever the page and status: the issued ones summed, the void ones counted. */
export interface InvoiceTotals {
  count: number;
  salesAmount: number;
  taxAmount: number;
  totalAmount: number;
  voidCount: number;
  /** The period's live allowances, summed apart (the 401 return subtracts them from the sales). */
  allowances?: { count: number; salesAmount: number; taxAmount: number; totalAmount: number };
  /** Each of the period's two months by the Taipei day issued: the books close per month. */
  byMonth?: InvoiceMonthTotals[];
}

/** A month's valid invoices summed, the voided ones and the live allowances issued in it apart. */
export interface InvoiceMonthTotals {
  month: string;
  count: number;
  salesAmount: number;
  taxAmount: number;
  totalAmount: number;
  voided: { count: number; totalAmount: number };
  allowances: { count: number; salesAmount: number; taxAmount: number; totalAmount: number };
}

interface NamedAmount {
  number: string;
  amount: number;
}

/**
 * A month's 月報 revenue against the valid invoices dated in it (functions/src/domain/invoicing/month-reconciliation.ts):
 * revenue = invoiced − forOtherMonths + invoicedInOtherMonths + voidNotReissued + notInvoiced.
 */
export interface InvoiceReconciliation {
  month: string;
  revenue: number;
  deliveries: number;
  invoiced: { count: number; totalAmount: number };
  voidNotReissued: { amount: number; invoices: NamedAmount[] };
  notInvoiced: { amount: number; count: number };
  invoicedInOtherMonths: { amount: number; invoices: (NamedAmount & { issuedOn: string })[] };
  forOtherMonths: { amount: number; invoices: NamedAmount[] };
  allowances: { count: number; totalAmount: number };
}

/** A page of invoices, newest first; with a period asked for, the whole period's totals. */
export type InvoicePage = Page<ListedInvoice> & { totals?: InvoiceTotals };

export interface InvoiceQuery {
  customerId?: string;
  period?: string;
  status?: InvoiceStatus;
  /** An invoice number: its invoices in any period, without totals. */
  number?: string;
}

const INVOICES = '/api/invoices';

/** Our invoice ids are deterministic (functions/src/domain/invoicing): a screen asks for an order's or a month's directly. */
const orderInvoiceId = (orderId: string) => `inv-${orderId}`;
const monthlyInvoiceId = (customerId: string, month: string) => `inv-${customerId}-${month}`;
const invoicePath = (id: string) => `${INVOICES}/${encodeURIComponent(id)}`;

/** Staff: every customer's; a customer: their own (no `customerId` needed). */
export const listInvoices = (query: InvoiceQuery, limit = 50, cursor?: string | null) => api.get<InvoicePage>(INVOICES, { ...query, limit, cursor });

/** One invoice by our id; null while none was issued (a 404), so a screen can say 尚未開立. */
export async function findInvoice(id: string): Promise<Invoice | null> {
  try {
    return await api.get<Invoice>(invoicePath(id));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/**
 * Runs a change of an invoice (void, reissue); when the API answers 409 — someone else changed it first — reads the
 * invoice as it now stands and hands it to `onChanged` before passing the refusal on, so the list shows the truth.
 */
export async function changeInvoice(id: string, onChanged: (invoice: Invoice) => void, work: () => Promise<Invoice>): Promise<Invoice> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      const now = await findInvoice(id).catch(() => null);
      if (now) onChanged(now);
    }
    throw e;
  }
}

/** 作廢 with a reason (office, admin); the same key replays the first answer. 409 already void, 422 past its deadline. */
export const voidInvoice = (id: string, reason: string, idempotencyKey: string) => api.post<Invoice>(`${invoicePath(id)}/void`, { reason }, { idempotencyKey });

/** What 重新開立 would issue: the same sale, the buyer as the customer's settings are now. 422 not void, 409 reissued. */
export const reissuePreview = (id: string) => api.get<InvoiceDraft>(`${invoicePath(id)}/reissue`);

/** 重新開立 a void invoice (office, admin); the same key replays the first answer. Answers the new invoice. */
export const reissueInvoice = (id: string, idempotencyKey: string) => api.post<Invoice>(`${invoicePath(id)}/reissue`, undefined, { idempotencyKey });

/** Bounds the walk along `reissuedAs`: a sale reissued more often than this is not one the office will meet. */
const MAX_REISSUES = 20;

/**
 * The sale's valid invoice: the invoice itself, or, when it was voided and reissued, the reissue (and its reissue…),
 * taken from `known` when there, else read. Stops at the last one that could be read.
 */
export async function validInvoice(invoice: Invoice, known: ReadonlyMap<string, Invoice> = new Map()): Promise<Invoice> {
  let current = invoice;
  for (let i = 0; i < MAX_REISSUES && current.reissuedAs; i++) {
    const next = known.get(current.reissuedAs) ?? (await findInvoice(current.reissuedAs));
    if (!next) break;
    current = next;
  }
  return current;
}

/** 匯出 CSV: a period's invoices, void ones included, for the accountant. */
/** The void invoices never reissued, of any period, newest first: sales with no valid invoice until 重新開立. */
export const unreissuedInvoices = () => api.get<{ items: Invoice[] }>(`${INVOICES}/unreissued`);

/** 與月報對帳: a month's sales against its invoices, every difference named. */
export const invoiceReconciliation = (month: string) => api.get<InvoiceReconciliation>(`${INVOICES}/reconciliation`, { month });

export const exportInvoices = (period: string, fileName: string) => downloadFile(`${INVOICES}/export`, { period }, fileName);

/**
 * The Taipei months (`YYYY-MM`) whose invoice (月結) may list an order: the one it is billed in — the one it was booked
 * late into (補登, `delivery.bookedOn`), else the one it was delivered in, from its timeline — and, for one booked late,
 * its door month, where runs from before sales were invoiced in their booked month listed it when that month was closed
 * before its run.
 */
function invoicedMonths(order: Pick<Order, 'timeline' | 'delivery'>): string[] {
  const at = order.timeline.findLast((e) => e.to === 'delivered')?.at;
  const delivered = at ? [taipeiDate(new Date(at)).slice(0, 7)] : [];
  return order.delivery?.bookedOn ? [order.delivery.bookedOn.slice(0, 7), ...delivered] : delivered;
}

/**
 * The invoice that bills a delivered order: its own (`inv-<orderId>`, cash and transfer customers, issued seconds after
 * delivery), else the monthly customer's invoice of the month it is billed in (or, booked late, its door month's) that
 * lists it; a void one reissued gives way to its reissue. Null while none.
 */
export async function invoiceOfOrder(order: Pick<Order, 'id' | 'customerId' | 'status' | 'paymentMethod' | 'timeline' | 'delivery'>): Promise<Invoice | null> {
  if (order.status !== 'delivered') return null;
  const own = await findInvoice(orderInvoiceId(order.id));
  if (own || order.paymentMethod !== 'monthly') return own && validInvoice(own);
  for (const month of invoicedMonths(order)) {
    const monthly = await findInvoice(monthlyInvoiceId(order.customerId, month));
    if (monthly && 'orderIds' in monthly.source && monthly.source.orderIds.includes(order.id)) return validInvoice(monthly);
  }
  return null;
}

/**
 * A list of invoices with cursor pages ("load more"), read again for a new query; a late answer for an earlier
 * query is dropped. With a period, the API's totals of the whole period, the latest page's. `all`: every page at once
 * (one customer's period, on a statement).
 */
export function useInvoiceList(pageSize = 50) {
  const list = useCursorList((query: InvoiceQuery, cursor) => listInvoices(query, pageSize, cursor), {});
  // A void answered here moves its money out of the totals until the next read brings the API's own.
  const voided = ref<Invoice['amounts'][]>([]);
  const totals = computed(() => {
    const read = list.lastPage.value?.totals ?? null;
    return read && voided.value.reduce(totalsAfterVoid, read);
  });
  watch(list.lastPage, () => (voided.value = []));
  return {
    invoices: list.rows,
    nextCursor: list.nextCursor,
    totals,
    loading: list.loading,
    error: list.error,
    load: list.load,
    loadMore: list.loadMore,
    /** Puts an invoice the API answered (a void) in place of the listed one, and moves it to the void ones in the totals. */
    replace: (invoice: Invoice) => {
      const before = list.rows.value.find((i) => i.id === invoice.id);
      if (before?.status === 'issued' && invoice.status === 'void') voided.value = [...voided.value, invoice.amounts];
      // The answer comes without the list's summary; what an invoice bills never changes.
      list.rows.value = list.rows.value.map((i) => (i.id === invoice.id ? { ...invoice, sourceSummary: i.sourceSummary } : i));
    },
  };
}
