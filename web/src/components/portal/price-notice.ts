import { addDays } from '../../lib/format';

/** One of `GET /api/prices`'s `upcoming`: the price of a size from a day after the asked one, and the price before it. */
export interface UpcomingPrice {
  size: number;
  unitPrice: number;
  effectiveFrom: string;
  previousPrice: number;
}

/** How far back an order makes a customer a buyer of its size (the server's PRICE_NOTICE_LOOKBACK_DAYS). */
const LOOKBACK_DAYS = 180;

/**
 * The coming changes a customer is shown: those of a size they buy, by the rule that decides who is told (the server's
 * `buysSize` in functions/src/domain/pricing/price-notice.ts: ordered within the look-back before `today`, or held on
 * site; the test pins the two together), so the banner and the LINE / SMS notice agree.
 */
export function changesForCustomer(
  upcoming: readonly UpcomingPrice[],
  customer: { orders: readonly { requestedDate: string; items: readonly { size: number }[] }[]; cylindersOnSite: readonly { size: number; count: number }[] },
  today: string,
): UpcomingPrice[] {
  const since = addDays(today, -LOOKBACK_DAYS);
  const orderedSizes = new Set(customer.orders.filter((o) => o.requestedDate >= since).flatMap((o) => o.items.map((i) => i.size)));
  return upcoming.filter((c) => orderedSizes.has(c.size) || customer.cylindersOnSite.some((l) => l.size === c.size && l.count > 0));
}
