/**
 * Business closures (休息日): days the distributor does not deliver, the Lunar New Year above all.
 * Nobody can order for them, recurring orders move off them and the forecast treats them as closed.
 */
import { addDays, daysBetween, weekday } from '../calendar';
import { DomainError, conflict } from '../errors';
import type { Actor } from '../events';
import { OPEN_STATUSES, ORDER_STATUSES, type OrderStatus } from '../orders/status';
import { calendarDateSchema, instantSchema, timeOfDaySchema, timeWindowSchema, z, type MessageCatalogue, type TimeWindow } from '../schema';
import { DISTRICT_CENTRES } from '../customers/district-centres';
import { normalisePlaceName } from '../customers/place-name';

/** Longest closure, both ends included: a month covers any holiday and keeps a typo from closing a year. */
export const MAX_CLOSURE_DAYS = 31;

/**
 * The districts (鄉鎮市區) the company serves, by city: those of 台北市 and 新北市 the gazetteer knows. A closure names
 * them without their city, as orders and customers' addresses do (`Order.district`); the two cities share no name.
 */
export const SERVED_DISTRICTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(DISTRICT_CENTRES).map(([city, districts]) => [city, Object.keys(districts)]),
);
const servedDistricts: ReadonlySet<string> = new Set(Object.values(SERVED_DISTRICTS).flat());
/** One served district by its name (臺 written 台); a closure's and an announcement's audience name them so. */
export const servedDistrictSchema = z.string().trim().transform(normalisePlaceName).refine((d) => servedDistricts.has(d), 'CLOSURE.UNKNOWN_DISTRICT');
export const SERVED_DISTRICT_COUNT = servedDistricts.size;

const closureFields = z.object({
  name: z.string().trim().min(1).max(30),
  from: calendarDateSchema,
  to: calendarDateSchema,
  /**
   * Where the closure holds: the districts named (停班停課 is announced per county and district, and deliveries go on
   * elsewhere), or, absent, the whole company.
   */
  districts: z
    .array(servedDistrictSchema)
    .min(1)
    .max(SERVED_DISTRICT_COUNT)
    .transform((ds) => [...new Set(ds)])
    .optional(),
  /**
   * 提早收工: the days stay open but deliveries end at this Taipei time (除夕's half day). Absent: nobody delivers those
   * days at all. Such a closure is no closed day to any day rule (`loadClosures` leaves it out); it shortens the day.
   */
  closesAt: timeOfDaySchema.optional(),
});

/** What an admin posts: a named period, both ends included. */
export const closureInputSchema = closureFields
  .superRefine((c, ctx) => {
    // zod still runs this when a date is malformed; that date's own error says enough.
    if (!calendarDateSchema.safeParse(c.from).success || !calendarDateSchema.safeParse(c.to).success) return;
    if (c.to < c.from) ctx.addIssue({ code: 'custom', message: 'CLOSURE.END_BEFORE_START', path: ['to'] });
    else if (daysBetween(c.from, c.to) + 1 > MAX_CLOSURE_DAYS) ctx.addIssue({ code: 'custom', message: 'CLOSURE.TOO_LONG', path: ['to'] });
  })
  .openapi('ClosureInput', { example: { name: '颱風假', from: '2031-01-22', to: '2031-01-22', districts: ['烏來區', '坪林區'] } });
export type ClosureInput = z.infer<typeof closureInputSchema>;

/** One stored `closures/{id}`. */
export const closureSchema = closureFields
  .extend({ id: z.string().min(1), createdAt: instantSchema, createdBy: z.string().min(1) })
  .openapi('Closure');
export type Closure = z.infer<typeof closureSchema>;

/** An open order whose day a new closure takes: the office moves it (nothing moves on its own). */
export const affectedOrderSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    /** Where it is delivered: a closure of some districts takes only the orders in them. */
    district: z.string(),
    requestedDate: calendarDateSchema,
    /** The hours asked for: what a day closing early (`closesAt`) leaves without time. */
    timeWindow: timeWindowSchema.optional(),
    status: z.enum(ORDER_STATUSES),
  })
  .openapi('ClosureAffectedOrder');
export type AffectedOrder = z.infer<typeof affectedOrderSchema>;

/**
 * What a closure's move takes off its days: the open orders, and the failed ones, which wait for another day as well (a
 * closure cannot start before today, so these failed today: the stops of an afternoon called off, 標記未送達 on the road).
 */
const MOVABLE_STATUSES: readonly OrderStatus[] = [...OPEN_STATUSES, 'failed'];

/**
 * The orders among `orders` that a closure leaves without a delivery day: open or failed ones on its days, by date (on a
 * day closing early, those asking for hours after it). An order staff deliver through the closure anyway (緊急配送, its
 * `closureOverride`) has its day.
 */
export function affectedOrders(closure: ClosurePeriod, orders: readonly (AffectedOrder & { readonly closureOverride?: object })[]): AffectedOrder[] {
  return orders
    .filter((o) => MOVABLE_STATUSES.includes(o.status) && heldByClosure([closure], o))
    .map(({ id, customerId, customerName, district, requestedDate, timeWindow, status }) => ({ id, customerId, customerName, district, requestedDate, ...(timeWindow ? { timeWindow } : {}), status }))
    .sort((a, b) => a.requestedDate.localeCompare(b.requestedDate) || a.id.localeCompare(b.id));
}

/** Where the office sends the orders a closure takes: to the last open day before it, or the first after. */
export const MOVE_DIRECTIONS = ['before', 'after'] as const;
export type MoveDirection = (typeof MOVE_DIRECTIONS)[number];

export const moveOrdersInputSchema = z
  .object({ direction: z.enum(MOVE_DIRECTIONS) })
  .openapi('ClosureMoveOrdersInput', { example: { direction: 'before' } });

/** What a bulk move did: each order moved (and what else its customer has open that day), or why it stayed (a message in the caller's language). */
export const moveOrdersResultSchema = z
  .object({
    moved: z.array(
      affectedOrderSchema.pick({ id: true, customerName: true }).extend({
        from: calendarDateSchema,
        to: calendarDateSchema,
        /** The customer's other open orders on `to` (moved there too, or booked): two stops unless the office combines them. */
        sameDayOrders: z.array(z.string()),
      }),
    ),
    notMoved: z.array(affectedOrderSchema.extend({ code: z.string(), message: z.string() })),
    /** Each day orders moved to, with the open orders it now carries and how many of them moved in. */
    days: z.array(z.object({ date: calendarDateSchema, openOrders: z.number().int().nonnegative(), movedIn: z.number().int().nonnegative() })),
    /**
     * The orders still on the closure that this request had no time left for (a typhoon day of hundreds within the
     * function's minute): the same move again takes them.
     */
    remaining: z.number().int().nonnegative(),
  })
  .openapi('ClosureMoveOrdersResult');
export type MoveOrdersResult = z.infer<typeof moveOrdersResultSchema>;

/**
 * The day an order the closure takes moves to, for a customer closed on `closedDays` weekdays: the
 * last open day before the closure or the first after it. Undefined when that day would be before
 * today (a closure already running has no "before" left) or the customer is closed every weekday.
 */
export function dayOffClosure(
  closure: ClosurePeriod,
  closures: ClosureList,
  direction: MoveDirection,
  closedDays: readonly number[],
  today: string,
): string | undefined {
  const day =
    direction === 'before'
      ? previousOpenDay(closures, addDays(closure.from, -1), closedDays)
      : nextOpenDay(closures, addDays(closure.to, 1), closedDays);
  return day !== undefined && day >= today ? day : undefined;
}

/** What the order rules need of a closure; the forecast takes the same shape. */
export type ClosurePeriod = Pick<Closure, 'name' | 'from' | 'to' | 'districts' | 'closesAt'>;
export type ClosureList = readonly ClosurePeriod[];

/** Whether a closure holds for a place in `district` (`Order.district`, a customer's `address.district`). */
export const coversDistrict = (closure: ClosurePeriod, district: string): boolean =>
  closure.districts === undefined || closure.districts.includes(normalisePlaceName(district));

/**
 * The closures that hold for a place in `district`: what every question about one order's or one customer's day reads
 * (the day rules below know nothing of places).
 */
export const closuresFor = <C extends ClosurePeriod>(closures: readonly C[], district: string): C[] => closures.filter((c) => coversDistrict(c, district));

/** The closures of the whole company: those that stop a whole run (催款), and what the model's hold-out score, which scores no places, reads. */
export const companyClosures = <C extends ClosurePeriod>(closures: readonly C[]): C[] => closures.filter((c) => c.districts === undefined);

/** Whether two closures' places meet: always when either covers the whole company, else only where they share a district. */
const scopesMeet = (a: ClosurePeriod, b: ClosurePeriod): boolean =>
  a.districts === undefined || b.districts === undefined || a.districts.some((d) => b.districts?.includes(d));

/** `cl-<from>-<10 of the request id>`: sorts by date in the console; a retried request names the same closure. */
export const closureId = (from: string, requestId: string): string => `cl-${from}-${requestId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 10)}`;

/** The closure a date falls in (both ends included), if any. */
export function closureOn<C extends ClosurePeriod>(closures: readonly C[], date: string): C | undefined {
  return closures.find((c) => c.from <= date && date <= c.to);
}

/** Whether a window asks for nothing before `closesAt`: a day closing early then leaves it no time at all. */
export const startsAfterClosing = (window: TimeWindow | undefined, closesAt: string): boolean => window !== undefined && window.start >= closesAt;

/** Whether a closure leaves no time on its day for hours `window`: all day when it closes the day, else once it has closed. */
export const leavesNoTime = (closure: ClosurePeriod, window: TimeWindow | undefined): boolean =>
  closure.closesAt === undefined || startsAfterClosing(window, closure.closesAt);

/**
 * Whether a closure keeps an order from its day: on a day closed where it is delivered, and not delivered through it anyway
 * (緊急配送). A day closing early (`closesAt`) keeps only the orders whose window starts once it has closed.
 */
export const heldByClosure = (
  closures: readonly ClosurePeriod[],
  order: { readonly requestedDate: string; readonly district: string; readonly timeWindow?: TimeWindow; readonly closureOverride?: object },
): boolean => {
  const closure = closureOn(closuresFor(closures, order.district), order.requestedDate);
  if (!closure || order.closureOverride) return false;
  return leavesNoTime(closure, order.timeWindow);
};

/** Whether a closure ends its days early (提早收工) rather than closing them. */
export const closesEarly = <C extends ClosurePeriod>(c: C): c is C & { closesAt: string } => c.closesAt !== undefined;

/**
 * The early closing among `closures` (those of a place, `closuresFor`, or of the whole company) that ends `date` first,
 * with its `closesAt`; undefined on a day that ends as usual.
 */
export function closingOn<C extends ClosurePeriod>(closures: readonly C[], date: string): (C & { closesAt: string }) | undefined {
  return closures
    .filter((c): c is C & { closesAt: string } => closesEarly(c) && c.from <= date && date <= c.to)
    .sort((a, b) => a.closesAt.localeCompare(b.closesAt))
    .at(0);
}

/** The closures still running or ahead on `date` (`to >= date`), by start. */
export function upcomingClosures<C extends ClosurePeriod>(closures: readonly C[], date: string): C[] {
  return closures.filter((c) => c.to >= date).sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** A day the distributor delivers and the customer (closed on `closedDays` weekdays, 0 = Sunday) takes deliveries. */
export const isOpenDay = (closures: ClosureList, date: string, closedDays: readonly number[] = []): boolean =>
  !closureOn(closures, date) && !closedDays.includes(weekday(date));

/** Bounds the search: over a year of back-to-back closures is no calendar anyone keeps. */
const SEARCH_LIMIT = 400;

function walk(closures: ClosureList, date: string, step: 1 | -1, closedDays: readonly number[]): string | undefined {
  let d = date;
  for (let i = 0; i < SEARCH_LIMIT; i++, d = addDays(d, step)) if (isOpenDay(closures, d, closedDays)) return d;
  return undefined;
}

/** The first open day on or after `date` (undefined only if the customer is closed every weekday). */
export const nextOpenDay = (closures: ClosureList, date: string, closedDays: readonly number[] = []): string | undefined =>
  walk(closures, date, 1, closedDays);

/** The last open day on or before `date` (undefined only if the customer is closed every weekday). */
export const previousOpenDay = (closures: ClosureList, date: string, closedDays: readonly number[] = []): string | undefined =>
  walk(closures, date, -1, closedDays);

/**
 * The day to deliver by when `date` may be closed: `date` when open, else the last open day before it if that is not
 * before `earliest`, else the first open day after it (undefined only for a customer closed every weekday). Running
 * out during a closure is what a deliver-by day is there to avoid, so the day before comes first.
 */
export function openDayBy(closures: ClosureList, date: string, closedDays: readonly number[], earliest: string): string | undefined {
  const before = previousOpenDay(closures, date, closedDays);
  return before !== undefined && before >= earliest ? before : nextOpenDay(closures, date, closedDays);
}

/**
 * What an error about a closure tells the caller (and the message fills in): `days` is its first
 * day alone for a one-day closure, else both ends, shown as a range; `scope` whether it holds in its `districts` only,
 * which the texts then name after it (`{scope:CLOSURE.SCOPE}`: 颱風假（烏來區、坪林區）, as the screens do).
 */
export const closureDetails = (c: ClosurePeriod) => ({
  name: c.name,
  from: c.from,
  to: c.to,
  days: c.from === c.to ? c.from : [c.from, c.to],
  ...(c.closesAt ? { closesAt: c.closesAt } : {}),
  ...(c.districts ? { districts: c.districts, scope: 'districts' as const } : { scope: 'company' as const }),
});

export interface NewClosureContext {
  readonly id: string;
  readonly existing: ClosureList;
  /** Today in Taipei: a closure cannot start earlier. */
  readonly today: string;
  readonly by: Actor;
  readonly at: Date;
}

/**
 * A closure to store, checked against the ones that exist.
 * @throws `CLOSURE.IN_PAST` (precondition, path `from`), `CLOSURE.OVERLAPS` (conflict, the other's name/from/to).
 */
export function newClosure(input: ClosureInput, ctx: NewClosureContext): Closure {
  if (input.from < ctx.today) {
    throw new DomainError('CLOSURE.IN_PAST', 'precondition', `Closure starts ${input.from}, before ${ctx.today}`, { path: 'from' });
  }
  // Districts closed one by one as the announcements come are separate closures; a place has one closure a day.
  const other = ctx.existing.find((c) => c.from <= input.to && input.from <= c.to && scopesMeet(c, input));
  if (other) throw conflict('CLOSURE.OVERLAPS', `Overlaps ${other.name} ${other.from}–${other.to}`, closureDetails(other));
  return { ...input, id: ctx.id, createdAt: ctx.at.toISOString(), createdBy: ctx.by.uid };
}

/** `{name}` and `{days}` are filled in from the error's details (dates as M/D). */
export const closureMessages: MessageCatalogue = {
  'CLOSURE.END_BEFORE_START': { 'zh-TW': '結束日期不可早於開始日期', en: 'The last day cannot be before the first day' },
  'CLOSURE.TOO_LONG': { 'zh-TW': `休息日最長 ${MAX_CLOSURE_DAYS} 天`, en: `A closure lasts at most ${MAX_CLOSURE_DAYS} days` },
  'CLOSURE.IN_PAST': { 'zh-TW': '休息日不可從今天以前開始', en: 'A closure cannot start before today' },
  'CLOSURE.OVERLAPS': {
    'zh-TW': '與「{name}{scope:CLOSURE.SCOPE}」（{days}）重疊',
    en: 'Overlaps {name}{scope:CLOSURE.SCOPE} ({days})',
  },
  'CLOSURE.UNKNOWN_DISTRICT': { 'zh-TW': '不是本公司配送的鄉鎮市區', en: 'Not a district we deliver to' },
  'CLOSURE.NOT_FOUND': { 'zh-TW': '找不到休息日', en: 'Closure not found' },
  /** What follows a closure's name in a text, from `closureDetails`: its districts, when it holds there only. */
  'CLOSURE.SCOPE.districts': { 'zh-TW': '（{districts:list}）', en: ' in {districts:list}' },
  'CLOSURE.SCOPE.company': { 'zh-TW': '', en: '' },
  'CLOSURE.ORDER_OUT_FOR_DELIVERY': {
    'zh-TW': '已出車配送中：待司機回報，或在當天的訂單看板標記未送達後，再移動一次',
    en: 'It is out for delivery: once the driver reports it, or it is marked not delivered on the day’s orders board, move again',
  },
  'CLOSURE.NO_DAY_TO_MOVE_TO': {
    'zh-TW': '休息前已無可配送的日子，請改移到休息後',
    en: 'No delivery day is left before the closure; move it to after instead',
  },
};

/**
 * The days a move sent orders to, with how many open orders each now carries (`open`, read after the move) and how many
 * moved in: the open day after a typhoon takes its own orders and the closed day's, which the office plans trucks for.
 */
export function movedToDays(moved: readonly Pick<MoveOrdersResult['moved'][number], 'to'>[], open: readonly Pick<AffectedOrder, 'requestedDate'>[]): MoveOrdersResult['days'] {
  return [...new Set(moved.map((m) => m.to))].sort().map((date) => ({
    date,
    openOrders: open.filter((o) => o.requestedDate === date).length,
    movedIn: moved.filter((m) => m.to === date).length,
  }));
}

/**
 * For each moved order, its customer's other open orders on the day it moved to, from `open` (the open orders of those
 * customers on those days, read after the move): a move should not quietly make two stops at one door.
 */
export function withSameDayOrders(
  moved: readonly Omit<MoveOrdersResult['moved'][number], 'sameDayOrders'>[],
  customerOf: ReadonlyMap<string, string>,
  open: readonly Pick<AffectedOrder, 'id' | 'customerId' | 'requestedDate'>[],
): MoveOrdersResult['moved'] {
  return moved.map((m) => ({
    ...m,
    sameDayOrders: open.filter((o) => o.id !== m.id && o.customerId === customerOf.get(m.id) && o.requestedDate === m.to).map((o) => o.id).sort(),
  }));
}
