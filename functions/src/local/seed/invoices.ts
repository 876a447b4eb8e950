/**
 * The e-invoices the product would have issued for the demo's deliveries (`issueInvoices` per delivery of a cash or
 * transfer customer, the `monthly-invoices` job for monthly customers), built with the domain's own drafts, tax split
 * and `issuedInvoice`, numbered from the demo's books (`invoice-books.ts`) as the local book hands numbers out.
 */
import { numberOf, refOf } from '../../adapters/invoicing/local-invoice-book';
import { addDays, taipeiInstant } from '../../domain/calendar';
import { monthBounds, nextMonth, taipeiMonth } from '../../domain/billing';
import { taipeiDate } from '../../domain/clock';
import type { Customer } from '../../domain/customers';
import {
  issuedInvoice,
  monthlyInvoiceDraft,
  monthlyInvoiceId,
  monthToInvoice,
  orderInvoiceDraft,
  periodOfDate,
  periodOfInstant,
  previousPeriod,
  voidInvoice,
  type Invoice,
  type InvoiceDraft,
  type InvoicedCustomer,
  type InvoicePeriod,
} from '../../domain/invoicing';
import type { Order } from '../../domain/orders';
import type { InvoiceBook } from '../../adapters/invoicing/local-invoice-book';
import { OFFICE_ACTOR } from './history';
import { demoInvoiceBooks } from './invoice-books';
import type { Rng } from './prng';

/** When Cloud Scheduler runs `monthly-invoices` each evening (infra/scheduler.tf, `30 22 * * *` Taipei). */
export const MONTHLY_RUN_TIME = '22:30';
/** Invoices the office voided for a wrong carrier, per period: today's (once it has some) and the one before. */
const VOIDS_PER_PERIOD = { current: 2, previous: 1 } as const;
const VOID_REASON = '手機條碼載具填錯，客戶來電更正';

export interface DemoInvoices {
  /** Oldest first. */
  readonly invoices: Invoice[];
  /** The demo's books, each `next` after the last number the invoices took. */
  readonly books: InvoiceBook[];
}

interface Dated {
  readonly draft: InvoiceDraft;
  /** When it was issued (ISO): the delivery, or the evening run at the month's end. */
  readonly at: string;
}

const deliveredAt = (o: Order): string | undefined => (o.status === 'delivered' ? o.delivery?.at : undefined);

/**
 * Each month's invoice of the monthly customers, from the first month of the previous period on, issued by the evening
 * run of the month's last day when that run is not after `now`; the month is the one `monthToInvoice` gives that run.
 */
function monthlyDrafts(customers: readonly InvoicedCustomer[], ordersOf: ReadonlyMap<string, Order[]>, firstMonth: string, now: string): Dated[] {
  const drafts: Dated[] = [];
  for (let month = firstMonth; ; month = nextMonth(month)) {
    const at = taipeiInstant(monthBounds(month).lastDay, MONTHLY_RUN_TIME);
    if (at > now) return drafts;
    const invoiced = monthToInvoice(new Date(at));
    for (const customer of customers) {
      const delivered = (ordersOf.get(customer.id) ?? []).filter((o) => {
        const d = deliveredAt(o);
        return d !== undefined && d < at;
      });
      // An order on account gets its own invoice only once its month's invoice is out, so none delivered before the run has one.
      const draft = monthlyInvoiceDraft(customer, invoiced, delivered, new Set());
      if (draft) drafts.push({ draft, at });
    }
  }
}

/** The delivery's own invoice, as the consumer would issue it at the delivery: orders paid in cash or by transfer, and an order on account delivered after its month's run. */
function orderDrafts(orders: readonly Order[], byId: ReadonlyMap<string, InvoicedCustomer>, monthly: ReadonlyMap<string, InvoiceDraft>, since: string, now: string): Dated[] {
  return orders.flatMap((order) => {
    const at = deliveredAt(order);
    const customer = byId.get(order.customerId);
    if (at === undefined || at < since || at > now || !customer) return [];
    const monthInvoice = monthly.get(monthlyInvoiceId(customer.id, taipeiMonth(new Date(at)))) ?? null;
    const draft = orderInvoiceDraft(order, customer, monthInvoice);
    return draft ? [{ draft, at }] : [];
  });
}

/**
 * The invoices of the current and the previous bi-monthly period up to `now` (older history needs none, its void
 * deadline long passed): numbered consecutively per period in the order they were issued, a 隨機碼 from the invoice's
 * own stream, provider `local-book`; a few carrier invoices voided by the office the next morning (a wrong carrier).
 * @throws RangeError when a period's deliveries outnumber its demo book.
 */
export function demoInvoices(rng: Rng, customers: readonly Customer[], orders: readonly Order[], today: string, now: string): DemoInvoices {
  const current = periodOfDate(today);
  const first = previousPeriod(current);
  const since = taipeiInstant(`${first.slice(0, 7)}-01`, '00:00');
  // A branch's sales on account are made out to its head office (分店／總公司付款), as the live runs do.
  const plain = new Map(customers.map((c) => [c.id, c]));
  const billed = customers.map((c): InvoicedCustomer => {
    const payer = c.payerId ? plain.get(c.payerId) : undefined;
    return payer ? { ...c, payer } : c;
  });
  const byId = new Map(billed.map((c) => [c.id, c]));
  const ordersOf = new Map<string, Order[]>();
  for (const o of orders) {
    const list = ordersOf.get(o.customerId) ?? [];
    list.push(o);
    ordersOf.set(o.customerId, list);
  }
  const monthly = monthlyDrafts(billed, ordersOf, first.slice(0, 7), now);
  const dated = [...monthly, ...orderDrafts(orders, byId, new Map(monthly.map((m) => [m.draft.id, m.draft])), since, now)].sort(
    (a, b) => a.at.localeCompare(b.at) || a.draft.id.localeCompare(b.draft.id),
  );
  const books = new Map(demoInvoiceBooks(today).map((b) => [b.period, { ...b }]));
  const issued = dated.map(({ draft, at }) => {
    const period = periodOfInstant(new Date(at));
    const book = books.get(period);
    if (!book || book.next > book.to) throw new RangeError(`The demo book of ${period} cannot number ${draft.id}`);
    const number = numberOf(book, book.next);
    book.next += 1;
    const randomNumber = String(rng.fork(draft.id).int(0, 9999)).padStart(4, '0');
    return issuedInvoice(draft, { number, randomNumber, issuedAt: new Date(at), providerRef: refOf(period, number) }, 'local-book');
  });
  const voided = voidsFor(rng.fork('voids'), issued, current, first, now);
  return { invoices: issued.map((inv) => voided.get(inv.id) ?? inv), books: [...books.values()] };
}

/** The office's voids: carrier invoices it heard were wrong, voided the next morning, which is never after `now`. */
function voidsFor(rng: Rng, invoices: readonly Invoice[], current: InvoicePeriod, previous: InvoicePeriod, now: string): Map<string, Invoice> {
  const voided = new Map<string, Invoice>();
  for (const [period, count] of [
    [current, VOIDS_PER_PERIOD.current],
    [previous, VOIDS_PER_PERIOD.previous],
  ] as const) {
    const candidates = invoices.filter((inv) => inv.period === period && inv.buyer.type === 'carrier' && voidTime(inv) <= now);
    for (let i = 0; i < count && candidates.length > 0; i++) {
      const [invoice] = candidates.splice(rng.int(0, candidates.length - 1), 1);
      if (invoice) voided.set(invoice.id, voidInvoice(invoice, { reason: VOID_REASON }, { by: OFFICE_ACTOR, now: new Date(voidTime(invoice)) }));
    }
  }
  return voided;
}

/** 10:15 the day after the invoice was issued (Taipei): the customer called in the morning. */
const voidTime = (invoice: Invoice): string => taipeiInstant(addDays(taipeiDate(new Date(invoice.issuedAt)), 1), '10:15');
