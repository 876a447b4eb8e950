/**
 * Recurring orders ("every 4 weeks", "every Monday and Thursday"). A scheduled job materialises the
 * rules a few days ahead as ordinary orders. Ids are derived from rule and date (`rec-<ruleId>-<date>`), and each order
 * lists the occurrences it delivers (`recurringDates`), so running the job twice, or over overlapping windows, places
 * no occurrence twice.
 */
import { addDays, daysBetween, weekday } from '../calendar';
import { closureOn, closuresFor, leavesNoTime, MAX_CLOSURE_DAYS, previousOpenDay, type ClosureList } from '../closures';
import { calendarDateSchema, docIdSchema, timeWindowSchema, z } from '../schema';
import { sizeQuantityListSchema, sizeQuantitySchema, sumBySize, type SizeQuantity } from '../cylinders';
import { createOrderInputSchema, PAYMENT_METHODS, PRIORITIES, type CreateOrderInput } from './order';
import type { OrderStatus } from './status';

export const recurrenceSchema = z.discriminatedUnion('kind', [
  /** Every N weeks counted from the rule's start date (its weekday is the delivery day). */
  z.object({ kind: z.literal('every_n_weeks'), intervalWeeks: z.number().int().min(1).max(26) }),
  /** On the given weekdays every week, 0 = Sunday. */
  z.object({
    kind: z.literal('weekly'),
    weekdays: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'RECURRING.DUPLICATE_WEEKDAY'),
  }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const recurringRuleInputSchema = z
  .object({
    customerId: docIdSchema,
    recurrence: recurrenceSchema,
    startDate: calendarDateSchema,
    endDate: calendarDateSchema.optional(),
    items: sizeQuantityListSchema.min(1, 'ORDER.NO_ITEMS'),
    /** Absent: each order takes back what `defaultEmpties` says when it is created, from the cylinders on site then. */
    emptiesToCollect: sizeQuantityListSchema.optional(),
    paymentMethod: z.enum(PAYMENT_METHODS).optional(),
    timeWindow: timeWindowSchema.optional(),
    priority: z.enum(PRIORITIES).default('normal'),
    notes: z.string().max(500).default(''),
  })
  .refine((r) => !r.endDate || r.endDate >= r.startDate, { message: 'RECURRING.END_BEFORE_START', path: ['endDate'] })
  .openapi('RecurringRuleInput', {
    example: {
      customerId: 'cust-0001',
      recurrence: { kind: 'every_n_weeks', intervalWeeks: 4 },
      startDate: '2030-01-07',
      items: [{ size: 20, quantity: 1 }],
      emptiesToCollect: [{ size: 20, quantity: 1 }],
      priority: 'normal',
      notes: '',
    },
  });
export type RecurringRuleInput = z.infer<typeof recurringRuleInputSchema>;

export const recurringRuleSchema = z
  .intersection(recurringRuleInputSchema, z.object({ id: z.string(), active: z.boolean() }))
  .openapi('RecurringRule');
export type RecurringRule = z.infer<typeof recurringRuleSchema>;

/**
 * `recurringRules/{id}` as written: version 2 leaves out `emptiesToCollect` when the rule names none, so `[]` is a choice
 * to take nothing back. Rules written before (no `schemaVersion`) hold `[]` whether or not anyone chose it, the schema's
 * default then; nothing but a direct API call could set a rule's empties (no screen, no seed ever made rules), so their
 * `[]` is read as no choice and their orders take back `defaultEmpties` like any other. A rule that really was meant to
 * take nothing back is written again (deactivated and created with `[]`) to say so.
 */
export const RECURRING_RULE_SCHEMA_VERSION = 2;
export type StoredRecurringRule = RecurringRule & { readonly schemaVersion?: number };

export const storedRule = (rule: RecurringRule): StoredRecurringRule => ({ ...rule, schemaVersion: RECURRING_RULE_SCHEMA_VERSION });

export function ruleAsRead(stored: StoredRecurringRule): RecurringRule {
  const { schemaVersion, ...rule } = stored;
  if (schemaVersion !== undefined || rule.emptiesToCollect?.length !== 0) return rule;
  const { emptiesToCollect: _defaultOfOldSchema, ...noChoice } = rule;
  return noChoice;
}

/** The delivery dates of a rule within [from, to], both included, in order. */
export function occurrences(rule: RecurringRule, from: string, to: string): string[] {
  const first = from > rule.startDate ? from : rule.startDate;
  const last = rule.endDate && rule.endDate < to ? rule.endDate : to;
  const dates: string[] = [];
  const { recurrence } = rule;
  if (recurrence.kind === 'weekly') {
    for (let d = first; d <= last; d = addDays(d, 1)) if (recurrence.weekdays.includes(weekday(d))) dates.push(d);
    return dates;
  }
  const step = recurrence.intervalWeeks * 7;
  const offset = daysBetween(rule.startDate, first);
  for (let d = addDays(rule.startDate, Math.ceil(offset / step) * step); d <= last; d = addDays(d, step)) dates.push(d);
  return dates;
}

export const recurringOrderId = (ruleId: string, date: string): string => `rec-${ruleId}-${date}`;

export interface MaterialisedOrder {
  readonly id: string;
  readonly ruleId: string;
  readonly customerId: string;
  /** The rule's occurrences the order delivers, in order; the first names it. */
  readonly dates: readonly string[];
  /** Ready for `createOrder` with source `recurring`. */
  readonly input: CreateOrderInput;
}

/** What moves recurring orders: the distributor's closures and each customer's closed weekdays (0 = Sunday). */
export interface RecurringCalendar {
  /** Days closing early (提早收工) among them too: they move the occurrences whose hours start once the day has closed. */
  readonly closures: ClosureList;
  /** By customer id; a customer left out counts as open every weekday. */
  readonly closedDays: ReadonlyMap<string, readonly number[]>;
  /** By customer id, the district they are delivered in (`closuresFor`); a customer left out is held by every closure. */
  readonly districts?: ReadonlyMap<string, string>;
}

const NO_CLOSURES: RecurringCalendar = { closures: [], closedDays: new Map() };

/**
 * How far past the window occurrences are looked at: one inside the longest closure plus a week of
 * closed weekdays moves back by at most this much, possibly into the window.
 */
const MOVE_BACK_LIMIT = MAX_CLOSURE_DAYS + 7;

/**
 * The day an occurrence is delivered: on a closure day, the last day before it that the distributor
 * and the customer are both open (customers stock up before a holiday rather than go without); a day closing early
 * (提早收工) is such a day to hours starting once it has closed, and an open one to the others.
 * Other days stay as they are, a customer's own closed weekday included (the rule should not name one).
 */
function deliveryDate(date: string, rule: Pick<RecurringRule, 'customerId' | 'timeWindow'>, calendar: RecurringCalendar): string {
  const district = calendar.districts?.get(rule.customerId);
  const closures = district === undefined ? calendar.closures : closuresFor(calendar.closures, district);
  // The days its hours find no time on: closed ones, and for hours past a closing those closing early then.
  const noTime = closures.filter((c) => leavesNoTime(c, rule.timeWindow));
  if (!closureOn(noTime, date)) return date;
  return previousOpenDay(noTime, date, calendar.closedDays.get(rule.customerId)) ?? date;
}

/** The order of `dates` (a rule's occurrences) on `requestedDate`: the rule's cylinders once per occurrence. */
function orderOf(rule: RecurringRule, dates: readonly string[], requestedDate: string): MaterialisedOrder {
  const times = (lines: readonly SizeQuantity[]) => sumBySize(dates.map(() => lines));
  const input = createOrderInputSchema.parse({
    customerId: rule.customerId,
    items: times(rule.items),
    emptiesToCollect: rule.emptiesToCollect && times(rule.emptiesToCollect),
    paymentMethod: rule.paymentMethod,
    requestedDate,
    timeWindow: rule.timeWindow,
    priority: rule.priority,
    notes: rule.notes,
  });
  return { id: recurringOrderId(rule.id, dates[0]!), ruleId: rule.id, customerId: rule.customerId, dates, input };
}

/** The most cylinders an order line holds (`sizeQuantitySchema`). */
const MAX_PER_LINE = sizeQuantitySchema.shape.quantity.maxValue ?? Number.POSITIVE_INFINITY;

const fitsOneOrder = (lines: readonly SizeQuantity[]): boolean => lines.every((l) => l.quantity <= MAX_PER_LINE);

/** `dates` in runs small enough for one order each: a daily rule over a month's closure would overflow a line. */
function inOrders(rule: RecurringRule, dates: readonly string[]): string[][] {
  const most = Math.max(...rule.items.map((l) => l.quantity), ...(rule.emptiesToCollect ?? []).map((l) => l.quantity));
  const per = Math.max(1, Math.floor(MAX_PER_LINE / most));
  return Array.from({ length: Math.ceil(dates.length / per) }, (_, i) => dates.slice(i * per, (i + 1) * per));
}

/**
 * The orders to create for active rules with a delivery date up to `toDate`, leaving out occurrences whose id is in
 * `made`. An occurrence from `fromDate` on that falls on a closure is delivered before it (see `deliveryDate`), so one
 * up to `MOVE_BACK_LIMIT` days past the window may be due now. Occurrences of one rule delivered the same day (a
 * Monday moved back onto the Friday before a closure that Friday's own occurrence delivers) make one order with both
 * occurrences' cylinders, one stop and one invoice (split only where a line would pass what one order holds); it is
 * named after the first, and every window groups alike, so it is created once. Deterministic: the same rules, calendar
 * and window give the same orders, sorted by date then id.
 */
export function materialise(
  rules: readonly RecurringRule[],
  fromDate: string,
  toDate: string,
  made: Iterable<string>,
  calendar: RecurringCalendar = NO_CLOSURES,
): MaterialisedOrder[] {
  const existing = new Set(made);
  const out: MaterialisedOrder[] = [];
  for (const rule of rules) {
    if (!rule.active) continue;
    const byDay = new Map<string, string[]>();
    for (const date of occurrences(rule, fromDate, addDays(toDate, MOVE_BACK_LIMIT))) {
      const requestedDate = deliveryDate(date, rule, calendar);
      if (requestedDate > toDate || existing.has(recurringOrderId(rule.id, date))) continue;
      byDay.set(requestedDate, [...(byDay.get(requestedDate) ?? []), date]);
    }
    for (const [requestedDate, dates] of byDay) for (const part of inOrders(rule, dates)) out.push(orderOf(rule, part, requestedDate));
  }
  return out.sort((a, b) => a.input.requestedDate.localeCompare(b.input.requestedDate) || a.id.localeCompare(b.id));
}

/** An order a rule made already, as far as placing its next occurrences goes. */
export interface RecurringOrderMade {
  readonly id: string;
  readonly status: OrderStatus;
  readonly requestedDate: string;
  readonly items: readonly SizeQuantity[];
  readonly emptiesToCollect: readonly SizeQuantity[];
  /** The occurrences it delivers; orders made before they were listed deliver the one their id names. */
  readonly recurringDates?: readonly string[];
}

/** The occurrences an order of `ruleId` delivers. */
export const datesDelivered = (ruleId: string, order: RecurringOrderMade): readonly string[] =>
  order.recurringDates ?? [order.id.slice(recurringOrderId(ruleId, '').length)];

/** Statuses an order can still take more cylinders in: not yet on a truck (the same as its items' `EDITABLE_FIELDS`). */
const OPEN_FOR_MORE: readonly OrderStatus[] = ['pending', 'confirmed'];

export type RecurringPlacement =
  | { readonly kind: 'create'; readonly order: MaterialisedOrder }
  | { readonly kind: 'add'; readonly orderId: string; readonly dates: readonly string[]; readonly items: SizeQuantity[]; readonly emptiesToCollect?: SizeQuantity[] };

/**
 * Where the occurrences of `due` go, given the rule's orders already made that deliver any of them or are due's own
 * (read by id and by `recurringDates`). An occurrence some order delivers already is not placed again, wherever that
 * order is now (moved by the office, or a closure lifted since). The others join the rule's order on that day while it
 * is still pending or confirmed (the stock-up rides on the stop the customer expects, confirmed or not: the office
 * sees the cylinders change); once it is on a truck, delivered or cancelled (or would hold more than an order line
 * takes) they make an order of their own, a second stop the planner routes like any other. Null when nothing is left
 * to place.
 */
export function placement(rule: RecurringRule, due: MaterialisedOrder, made: readonly RecurringOrderMade[]): RecurringPlacement | null {
  const placed = new Set(made.flatMap((o) => datesDelivered(rule.id, o)));
  const dates = due.dates.filter((d) => !placed.has(d));
  if (dates.length === 0) return null;
  const order = orderOf(rule, dates, due.input.requestedDate);
  const { items, emptiesToCollect } = order.input;
  const takes = (o: RecurringOrderMade) =>
    fitsOneOrder(sumBySize([o.items, items])) && (!rule.emptiesToCollect || fitsOneOrder(sumBySize([o.emptiesToCollect, emptiesToCollect ?? []])));
  const open = made.find((o) => o.requestedDate === due.input.requestedDate && OPEN_FOR_MORE.includes(o.status) && takes(o));
  if (!open) return { kind: 'create', order };
  return { kind: 'add', orderId: open.id, dates, items, ...(rule.emptiesToCollect ? { emptiesToCollect } : {}) };
}

export const recurringMessages = {
  'RECURRING.DUPLICATE_WEEKDAY': { 'zh-TW': '星期重複', en: 'Duplicate weekday' },
  'RECURRING.END_BEFORE_START': { 'zh-TW': '結束日期須在開始日期之後', en: 'The end date must not be before the start date' },
} as const;
