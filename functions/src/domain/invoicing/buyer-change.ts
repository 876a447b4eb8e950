/**
 * A new buyer on a customer's invoices (統一編號 or 抬頭). A monthly customer's 月結發票 is drafted when their month is
 * invoiced, from the customer as it then is, so a buyer changed mid-month is the buyer of the whole month: right for a
 * mistyped 統一編號, wrong for a business sold to a new owner (過戶), whose seller's deliveries would be invoiced to them.
 */
import { monthBounds, previousMonth } from '../billing/statement';
import { taipeiDate } from '../clock';
import type { Customer } from '../customers';
import { conflict } from '../errors';
import type { MessageCatalogue } from '../schema';
import { billedMonth, monthlyInvoiceId, orderCadence, type InvoicedOrder } from './invoice';

type Buyer = Pick<Customer, 'invoice'>;

/** Whether the change gives the customer's invoices another buyer: another 統一編號 or 抬頭 (the carrier names no buyer). */
export const changesInvoiceBuyer = (before: Buyer, after: Buyer): boolean =>
  (before.invoice.taxId ?? '') !== (after.invoice.taxId ?? '') || (before.invoice.companyTitle ?? '') !== (after.invoice.companyTitle ?? '');

/** The first Taipei day of the month before `today`'s: its 月結發票 may not be issued yet on the first days of a month. */
export const buyerChangeLookbackFrom = (today: string): string => monthBounds(previousMonth(today.slice(0, 7))).firstDay;

/** The 月結發票 ids the customer's delivered orders on account are billed on, each once. */
export const monthInvoiceIdsOf = (customerId: string, orders: readonly InvoicedOrder[]): string[] => [
  ...new Set(onAccount(orders).map((o) => monthlyInvoiceId(customerId, billedMonth(o) as string))),
];

const onAccount = (orders: readonly InvoicedOrder[]): InvoicedOrder[] =>
  orders.filter((o) => o.status === 'delivered' && orderCadence(o) === 'monthly' && billedMonth(o) !== null);

/**
 * The deliveries on account still waiting for a month's invoice not yet issued (`issued`: the ids of those of
 * `monthInvoiceIdsOf` on file): how many and their first and last Taipei day; null when there are none.
 */
export function uninvoicedOnAccount(customerId: string, orders: readonly InvoicedOrder[], issued: ReadonlySet<string>): { count: number; from: string; to: string } | null {
  const waiting = onAccount(orders).filter((o) => !issued.has(monthlyInvoiceId(customerId, billedMonth(o) as string)));
  if (waiting.length === 0) return null;
  const days = waiting.map((o) => taipeiDate(new Date((o.delivery as NonNullable<InvoicedOrder['delivery']>).at))).sort();
  return { count: waiting.length, from: days[0] as string, to: days[days.length - 1] as string };
}

/**
 * Refuses a new buyer while deliveries on account wait for a month's invoice not yet issued (`uninvoicedOnAccount`),
 * unless the caller confirmed it (a 統一編號 corrected, which the whole month should carry).
 * @throws `CUSTOMER.BUYER_CHANGE_UNINVOICED` (conflict) with `count`, the first and last delivery day (`from`, `to`).
 */
export function assertBuyerChangeInvoiced(customerId: string, orders: readonly InvoicedOrder[], issued: ReadonlySet<string>): void {
  const waiting = uninvoicedOnAccount(customerId, orders, issued);
  if (!waiting) return;
  throw conflict('CUSTOMER.BUYER_CHANGE_UNINVOICED', `${waiting.count} deliveries on account of ${customerId} are not invoiced yet`, { id: customerId, ...waiting });
}

export const buyerChangeMessages: MessageCatalogue = {
  'CUSTOMER.BUYER_CHANGE_UNINVOICED': {
    'zh-TW':
      '此客戶自 {from} 起有 {count} 筆月結送貨尚未開立發票，改了抬頭或統一編號，這些送貨的月結發票就會開給新的買受人。若是過戶給新負責人，請改用客戶資料的「過戶」；若是更正錯誤的統一編號，請確認後儲存',
    en: 'This customer has {count} delivery on account since {from} not yet invoiced: with another buyer name or tax ID, its monthly invoice goes to the new buyer. For a business sold to a new owner, use the customer’s Change of owner instead; to correct a wrong tax ID, confirm and save | This customer has {count} deliveries on account since {from} not yet invoiced: with another buyer name or tax ID, their monthly invoice goes to the new buyer. For a business sold to a new owner, use the customer’s Change of owner instead; to correct a wrong tax ID, confirm and save',
    countedBy: 'count',
  },
};
