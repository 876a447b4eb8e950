import { type AppLocale, addDays, formatShortDate } from './format';
import type { ClosureOrdersMoved, NewClosure, Order } from './types';
// The server's own rule (it imports nothing), so a district is matched as the API matches it.
import { normalisePlaceName } from '../../../functions/src/domain/customers/place-name';

type Span = Pick<NewClosure, 'from' | 'to'>;

/** The closures that hold for a place in `district` (an order's, a customer's address's), as the API applies them. */
export function closuresFor<T extends Span & Pick<NewClosure, 'districts'>>(closures: readonly T[], district: string): T[] {
  return closures.filter((c) => !c.districts || c.districts.includes(normalisePlaceName(district)));
}

/** The closure that `date` (`YYYY-MM-DD`) falls in, both ends included. */
export function closureOn<T extends Span>(closures: readonly T[], date: string): T | undefined {
  return closures.find((c) => c.from <= date && date <= c.to);
}

/**
 * Whether one of `closures` has begun by `today` (a typhoon called off this morning): no day before it is left to deliver
 * on, so only 全部移到休息後 is offered, where 休息前 would have each order refused (CLOSURE.NO_DAY_TO_MOVE_TO).
 */
export const begunBy = (closures: readonly Span[], today: string): boolean => closures.some((c) => c.from <= today);

/** The day closing early (提早收工, `closesAt`) among `closings` that ends `date` first, as the API holds hours to it. */
export function closingOn<T extends Span & { closesAt?: string }>(closings: readonly T[], date: string): (T & { closesAt: string }) | undefined {
  return closings
    .filter((c): c is T & { closesAt: string } => c.closesAt !== undefined && c.from <= date && date <= c.to)
    .sort((a, b) => a.closesAt.localeCompare(b.closesAt))
    .at(0);
}

/** Whether hours ask for nothing before `closesAt`: a day closing early then leaves them no time, as the API holds them (`heldByClosure`). */
export const startsAfterClosing = (window: { start: string } | undefined, closesAt: string): boolean => window !== undefined && window.start >= closesAt;

/** `date` itself when open, else the first day after the closures it falls in. */
export function nextOpenDay(closures: readonly Span[], date: string): string {
  let day = date;
  for (let c = closureOn(closures, day); c; c = closureOn(closures, day)) day = addDays(c.to, 1);
  return day;
}

/** Whether `date` (`YYYY-MM-DD`) falls on one of a customer's closed weekdays (0 = Sunday, as the API counts). */
export function onClosedWeekday(closedDays: readonly number[], date: string): boolean {
  // Noon UTC is the same calendar day everywhere the SPA runs, Taipei included.
  return closedDays.includes(new Date(`${date}T12:00:00Z`).getUTCDay());
}

/**
 * `date` itself when an order may be delivered then, else the first day after it that is in no closure and on none of
 * the customer's closed weekdays, as the API requires (ORDER.BUSINESS_CLOSED, ORDER.CUSTOMER_CLOSED).
 */
export function nextDeliverableDay(closures: readonly Span[], closedDays: readonly number[], date: string): string {
  let day = nextOpenDay(closures, date);
  // Seven tries cover every weekday: a customer closed all week has no such day, and keeps the date asked.
  for (let tries = 0; tries < 7 && onClosedWeekday(closedDays, day); tries += 1) day = nextOpenDay(closures, addDays(day, 1));
  return onClosedWeekday(closedDays, day) ? date : day;
}

/** How many days a closure lasts, both ends included. */
export function closureDays({ from, to }: Span): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** `2/16（一）–2/20（五）`, or one day alone when it starts and ends on it. */
export function formatDateRange({ from, to }: Span, locale: AppLocale = 'zh-TW', weekday = true): string {
  const start = formatShortDate(from, locale, weekday);
  return from === to ? start : `${start}–${formatShortDate(to, locale, weekday)}`;
}

/** How far ahead an order form names the closures (and offers the office 緊急配送 on them). */
export const CLOSURE_HINT_DAYS = 60;

/** Closures not over by `today` that start within `days` of it, soonest first: what a date picker warns of. */
export function comingClosures<T extends Span>(closures: readonly T[], today: string, days: number): T[] {
  const horizon = addDays(today, days);
  return closures.filter((c) => c.to >= today && c.from <= horizon).sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * What a customer is told of a closure on `today`: before it, the last day to order (the day before
 * it starts); once under way, the day deliveries resume.
 */
export function closureNotice(closure: Span, today: string): { kind: 'upcoming'; orderBy: string } | { kind: 'underway'; reopen: string } {
  return closure.from <= today ? { kind: 'underway', reopen: addDays(closure.to, 1) } : { kind: 'upcoming', orderBy: addDays(closure.from, -1) };
}

/** Closures that take any day of `from`…`to` (both included), by start: e.g. the ones in a week. */
export function closuresWithin<T extends Span>(closures: readonly T[], from: string, to: string): T[] {
  return closures.filter((c) => c.from <= to && from <= c.to).sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * One move's answers in turn as one (the API stops starting moves past its time and answers `remaining`, and is asked
 * again): every order moved, the last word on each that stayed (one refused again, or moved since), each day's load as
 * last read with all that moved in. An order moved earlier learns of those moved later to the same door (which name it
 * among theirs), so a customer left with several orders on a day is named once.
 */
export function mergedMoves(first: ClosureOrdersMoved, next: ClosureOrdersMoved): ClosureOrdersMoved {
  const joinedLater = new Map<string, string[]>();
  for (const m of next.moved) for (const id of m.sameDayOrders) joinedLater.set(id, [...(joinedLater.get(id) ?? []), m.id]);
  const moved = [...first.moved.map((m) => ({ ...m, sameDayOrders: [...m.sameDayOrders, ...(joinedLater.get(m.id) ?? [])] })), ...next.moved];
  const movedIds = new Set(moved.map((m) => m.id));
  const stayed = new Map([...first.notMoved, ...next.notMoved].map((o) => [o.id, o]));
  const days = new Map(first.days.map((d) => [d.date, d]));
  for (const d of next.days) days.set(d.date, { ...d, movedIn: d.movedIn + (days.get(d.date)?.movedIn ?? 0) });
  return {
    moved,
    notMoved: [...stayed.values()].filter((o) => !movedIds.has(o.id)),
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    remaining: next.remaining,
  };
}

/**
 * A closure's move to the end: `send(round)` asks the API once more while it answers orders `remaining` (a typhoon day of
 * hundreds), `progress` hears how many moved so far and how many are left. A round that moved none ends it (with its
 * `remaining`), as asking again would only spin.
 */
export async function moveUntilDone(
  send: (round: number) => Promise<ClosureOrdersMoved>,
  progress: (moved: number, remaining: number) => void = () => undefined,
): Promise<ClosureOrdersMoved> {
  let result = await send(0);
  for (let round = 1; result.remaining > 0; round++) {
    progress(result.moved.length, result.remaining);
    const next = await send(round);
    result = mergedMoves(result, next);
    if (next.moved.length === 0) break;
  }
  return result;
}

/**
 * The customers a closure move left with more than one open order on a day, with how many: two stops at one door unless
 * the office combines them. A moved order and its `sameDayOrders` are all that customer's open orders that day, so each
 * of those orders that moved names the same ones: one entry per customer and day.
 */
export function sameDayClashes({ moved }: ClosureOrdersMoved): { customerName: string; date: string; count: number }[] {
  const byDoor = new Map<string, { customerName: string; date: string; count: number }>();
  for (const m of moved) {
    if (m.sameDayOrders.length === 0) continue;
    const orders = [m.id, ...m.sameDayOrders].sort();
    byDoor.set(`${m.to}|${orders.join()}`, { customerName: m.customerName, date: m.to, count: orders.length });
  }
  return [...byDoor.values()];
}

/**
 * Whether a pending order is one a closure's move took off its day right after its stop failed (a truck called back, its
 * stops marked 未送達): its customer was told the new day, yet like any pending order it is planned only once confirmed,
 * which the board says on its card (audit 25 F5). Its last entry is the move, the one before it the failed stop's return
 * to pending.
 */
export function failedThenMovedOffClosure(order: Pick<Order, 'status' | 'timeline'>): boolean {
  const [before, move] = order.timeline.slice(-2);
  return order.status === 'pending' && move?.closure !== undefined && !move.closure.lifted && before?.from === 'failed' && before.to === 'pending';
}
