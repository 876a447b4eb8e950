/**
 * The drivers' hand-ins (司機日結) of the days before today: a depot settles every evening, so the demo's past days show
 * settled, with the cash the stops collected and the empties not counted, and the stock page names no truck left
 * unsettled yesterday (昨日尚未日結). Today's are the office's to record. They move no stock: the opening stocktake
 * (`demoStock`) is taken this morning, after them. Pure, like the rest of the seed.
 */
import { taipeiInstant } from '../../domain/calendar';
import type { Actor } from '../../domain/events';
import type { Order } from '../../domain/orders';
import { handInDue, handledDay, recordSettlement, settlementDay, type Settlement } from '../../domain/reports/driver-settlement';

/** When the office records the day's hand-ins, Taipei time. */
const SETTLED_AT = '19:00';

/** Every driver's day before `today` with a stop handled, settled by `by` at 19:00 with what the stops collected. */
export function demoSettlements(orders: readonly Order[], today: string, by: Actor): Settlement[] {
  const byDay = new Map<string, Order[]>();
  for (const o of orders) {
    const day = handledDay(o);
    if (day && day < today && o.driverId) byDay.set(day, [...(byDay.get(day) ?? []), o]);
  }
  return [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([date, handled]) =>
      settlementDay(date, { orders: handled, routes: [] }, new Map(), []).map((row) =>
        recordSettlement(
          { date, driverId: row.driverId, cashReceived: handInDue(row), note: '', replace: false },
          { existing: undefined, today, by, at: new Date(taipeiInstant(date, SETTLED_AT)) },
        ),
      ),
    );
}
