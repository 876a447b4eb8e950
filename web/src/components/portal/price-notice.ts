import { buysSize, PRICE_NOTICE_LOOKBACK_DAYS } from '../../../../functions/src/domain/pricing/price-notice';
import { addDays } from '../../lib/format';

/** One of `GET /api/prices`'s `upcoming`: the price of a size from a day after the asked one, and the price before it. */
export interface UpcomingPrice {
  size: number;
  unitPrice: number;
  effectiveFrom: string;
  previousPrice: number;
}

/**
 * The coming changes a customer is shown: those of a size they buy, by the rule that decides who is told (`buysSize`:
 * ordered within the look-back before `today`, or held on site), so the banner and the LINE / SMS notice agree.
 */
export function changesForCustomer(
  upcoming: readonly UpcomingPrice[],
  customer: { orders: readonly { requestedDate: string; items: readonly { size: number }[] }[]; cylindersOnSite: readonly { size: number; count: number }[] },
  today: string,
): UpcomingPrice[] {
  const since = addDays(today, -PRICE_NOTICE_LOOKBACK_DAYS);
  const orderedSizes = new Set(customer.orders.filter((o) => o.requestedDate >= since).flatMap((o) => o.items.map((i) => i.size)));
  return upcoming.filter((c) => buysSize({ orderedSizes, cylindersOnSite: customer.cylindersOnSite }, c.size));
}
