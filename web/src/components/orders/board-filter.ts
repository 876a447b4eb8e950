import type { CYLINDER_SIZES, Order } from '../../lib/types';

/** What a card is found by: what the caller on the phone can tell the clerk, and the order id from a note or a message. */
export type FilterableOrder = Pick<Order, 'id' | 'customerName' | 'phone' | 'district' | 'address'>;

/**
 * The filter text and the cards' fields read alike: an IME's full-width characters (０９１２, ＡＢ) folded to ASCII, case
 * ignored, and 臺 read as 台, since addresses and districts are written both ways (臺北市 / 台北市).
 */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\u81fa/g, '\u53f0');

const digits = (text: string): string => text.replace(/\D/g, '');

/** Typed as a caller reads a number out: digits, with the dashes, spaces and parentheses of 0912-345-678 or (02) 2923 4567. */
const PHONE_LIKE = /^[\d\s()-]*\d[\d\s()-]*$/;

/**
 * The board's filter: a card matches when every word of the text is in one of its fields (中和 王 finds 王's orders in
 * 中和), and a text that reads as part of a phone number matches the order's phone digit by digit, however either is
 * written (2923-45 finds 02-2923-4567). An empty text matches every card. `labelsOf` gives the words a card shows as
 * tags in the reader's language (餐廳, 建議, 緊急), so 餐廳 lists the restaurants of the day: whom the office serves first
 * when the fulls are short (分裝場缺氣).
 */
export function boardFilter<T extends FilterableOrder>(text: string, labelsOf: (order: T) => readonly string[] = () => []): (order: T) => boolean {
  const query = fold(text).trim();
  if (!query) return () => true;
  const words = query.split(/\s+/);
  const phoneDigits = PHONE_LIKE.test(query) ? digits(query) : '';
  return (order) => {
    if (phoneDigits && digits(fold(order.phone ?? '')).includes(phoneDigits)) return true;
    const fields = [order.customerName, order.phone ?? '', order.district, order.address ?? '', order.id, ...labelsOf(order)].map(fold);
    return words.every((word) => fields.some((field) => field.includes(word)));
  };
}

/**
 * What the board narrows to beside the text, for a short day at the filling plant: the orders that bring a size (「20」 in
 * the text matches ids and phones too), those of the customers on 自動配送 (who count on the company, not on calling), and
 * those of a customer already out of gas. An order has no flag of its own for the last: 緊急 is what the order form offers
 * for it (「緊急（客戶已沒瓦斯）」), so it is read from `priority`.
 */
export interface BoardFacets {
  readonly size: (typeof CYLINDER_SIZES)[number] | null;
  readonly autoDelivery: boolean;
  readonly outOfGas: boolean;
}

export const NO_FACETS: BoardFacets = { size: null, autoDelivery: false, outOfGas: false };

export const facetsSet = (facets: BoardFacets): boolean => facets.size !== null || facets.autoDelivery || facets.outOfGas;

export type FacetOrder = Pick<Order, 'customerId' | 'items' | 'priority'>;

/** A card matches when it has every facet set; `autoDeliveryCustomers` are the ids of the customers on 自動配送. */
export function boardFacets(facets: BoardFacets, autoDeliveryCustomers: ReadonlySet<string>): (order: FacetOrder) => boolean {
  return (order) =>
    (facets.size === null || order.items.some((line) => line.size === facets.size && line.quantity > 0)) &&
    (!facets.autoDelivery || autoDeliveryCustomers.has(order.customerId)) &&
    (!facets.outOfGas || order.priority === 'urgent');
}
