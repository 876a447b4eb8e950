import type { Customer } from '../customers/customer';
import type { StockClaim } from '../cylinders/stock';

/**
 * What a night does with a suggestion an earlier night left pending for an auto-delivery customer (held for want of
 * fulls, 實瓶庫存不足), which the customer counts on coming by itself:
 * - `weigh`: against the fulls again with tonight's suggestions, earliest deliver-by first, and confirmed if covered;
 * - `held`: its day has come (today or before: the night confirms nothing for a day whose trucks are planned, as it
 *   suggests nothing before tomorrow), so it stays pending on the night's warning for the office to move (延後) or cancel;
 * - `left`: to the office, as the night suggests nothing to such a customer: one no longer active or no longer on
 *   auto-delivery (then it is one of the suggestions the office calls about), whose supply is stopped (停止供氣: confirming
 *   would book a refused delivery), or with another open order (`otherOpenOrder`: they ordered meanwhile, or a failed
 *   delivery waits to be redone), where a second would bring a second truck. No I/O.
 */
export type EarlierSuggestionFate = 'weigh' | 'held' | 'left';

/** The fate of an earlier night's pending suggestion, `customer` as tonight read it (undefined: not among the active). */
export function earlierSuggestionFate(
  suggestion: { readonly requestedDate: string },
  customer: Pick<Customer, 'status' | 'autoDelivery' | 'supplyStop'> | undefined,
  ctx: { readonly today: string; readonly otherOpenOrder: boolean },
): EarlierSuggestionFate {
  if (customer === undefined || customer.status !== 'active' || !customer.autoDelivery || customer.supplyStop !== undefined || ctx.otherOpenOrder) return 'left';
  return suggestion.requestedDate <= ctx.today ? 'held' : 'weigh';
}

/** A claim on the fulls with the day its customer should be delivered by (p10): the earlier, the sooner it is served. */
export interface NightClaim extends StockClaim {
  readonly deliverBy: string;
}

/** An earlier night's suggestion as a claim on the fulls, with whose it is. */
export type EarlierClaim = StockClaim & { readonly customerId: string };

/**
 * Tonight's suggestions and those earlier nights held, as one list of claims on the fulls for `claimsShortOfStock`, which
 * serves each day's in the order given: by deliver-by day, an earlier night's by its customer's tonight (`deliverByOf`; its
 * own day when the night has none), so one held for days is not served after tonight's just for being older.
 */
export function nightClaims(
  tonight: readonly NightClaim[],
  earlier: readonly EarlierClaim[],
  deliverByOf: (customerId: string) => string | undefined,
): NightClaim[] {
  const held = earlier.map(({ id, requestedDate, items, customerId }) => ({ id, requestedDate, items, deliverBy: deliverByOf(customerId) ?? requestedDate }));
  return [...tonight, ...held].sort((a, b) => a.deliverBy.localeCompare(b.deliverBy));
}
