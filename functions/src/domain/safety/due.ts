/** Which customers are due for their safety inspection, and in what order the office works through them. */
import { addDays, daysBetween } from '../calendar';
import { calendarDateSchema, z } from '../schema';
import { SAFETY_ITEMS } from './checklist';
import { INSPECTION_RESULTS, type SafetySummary } from './inspection';

/** How far ahead "due" looks by default: a stop within a month of its due day is worth inspecting while the driver is there. */
export const DUE_SOON_DAYS = 30;

export const safetyDueSchema = z
  .object({
    /** Null: never inspected, so due now. */
    nextDueOn: calendarDateSchema.nullable(),
    due: z.boolean(),
    /** Days past `nextDueOn` (0 when not yet past or never inspected). */
    overdueDays: z.number().int().nonnegative(),
    openItems: z.array(z.enum(SAFETY_ITEMS)),
    /** A service call found the installation unsafe and the supply was stopped (停止供氣): no cylinder before an inspection passes. */
    supplyStopped: z.literal(true).optional(),
  })
  .openapi('SafetyDue', { example: { nextDueOn: '2026-12-28', due: true, overdueDays: 0, openItems: ['hose'] } });
export type SafetyDue = z.infer<typeof safetyDueSchema>;

/**
 * `customers/{id}.supplyStop`: 停止供氣, written when a service call (報修) closes as unsafe or an inspection finds a hazard
 * (`SUPPLY_STOPPING_ITEMS`), with the checklist items found unsafe and the record that found them (`serviceCallId` or
 * `inspectionId`), so the refusal can say which. The customer is due an inspection from that day, whatever the last one
 * said, until one passes on or after it.
 */
export const supplyStopSchema = z
  .object({
    serviceCallId: z.string().optional(),
    inspectionId: z.string().optional(),
    since: calendarDateSchema,
    items: z.array(z.enum(SAFETY_ITEMS)),
    /** The inspector's words when they stopped it by hand (`SafetyInspection.supplyStopReason`). */
    reason: z.string().optional(),
  })
  .openapi('SupplyStop', { example: { serviceCallId: 'svc-3f2a', since: '2026-12-01', items: ['hose'] } });
export type SupplyStop = z.infer<typeof supplyStopSchema>;

/** What stopped the supply, as the refusal names it. */
export const supplyStopSourceOf = (stop: SupplyStop): 'inspection' | 'serviceCall' => (stop.inspectionId ? 'inspection' : 'serviceCall');

/**
 * Items whose failure means gas escapes now: a failed leak test (soap or detector), left open, keeps gas away until a
 * re-check passes. An ageing hose or a regulator past its date waits for the 30-day re-check with the supply on: if it
 * leaks, the leak test fails too. So does ageing fixed piping or a worn valve (`piping`): a valve that leaks now is found
 * by the same soap or detector and fails `leakTest`, which stops the supply; one that only needs replacing does not.
 */
export const SUPPLY_STOPPING_ITEMS: ReadonlySet<(typeof SAFETY_ITEMS)[number]> = new Set(['leakTest'] as const);

/**
 * The stop an inspection starts on its day, null when it starts none: one leaving a hazard open stops on the hazards; one
 * the inspector stopped by hand (`supplyStopReason`) on every item left to fix, with their reason.
 */
export function supplyStopOfInspection(inspection: {
  readonly id: string;
  readonly inspectedOn: string;
  readonly openItems: readonly (typeof SAFETY_ITEMS)[number][];
  readonly supplyStopReason?: string | undefined;
}): SupplyStop | null {
  const stop = { inspectionId: inspection.id, since: inspection.inspectedOn };
  if (inspection.supplyStopReason) return { ...stop, items: [...inspection.openItems], reason: inspection.supplyStopReason };
  const hazards = inspection.openItems.filter((item) => SUPPLY_STOPPING_ITEMS.has(item));
  return hazards.length > 0 ? { ...stop, items: hazards } : null;
}

/** The stop once `inspection` is recorded: a pass on or after the day it stopped lifts it, anything else leaves it. */
export const supplyStopAfter = (stop: SupplyStop | undefined, inspection: { readonly result: string; readonly inspectedOn: string }): SupplyStop | undefined =>
  stop && inspection.result === 'pass' && inspection.inspectedOn >= stop.since ? undefined : stop;

/** The stored due day: the summary's, or the day the supply stopped when earlier; null when never inspected and not stopped. */
function dueDayOf(summary: SafetySummary | undefined, stop: SupplyStop | undefined): string | null {
  const next = summary?.nextDueOn ?? null;
  if (!stop) return next;
  return next !== null && next < stop.since ? next : stop.since;
}

/** The day from which the inspection is due: a never-inspected customer is due today. */
const dueFrom = (summary: SafetySummary | undefined, today: string, stop?: SupplyStop): string => dueDayOf(summary, stop) ?? today;

/** Whether the customer is due within `withinDays` of today (0: due today or overdue). */
export function safetyDueOf(summary: SafetySummary | undefined, today: string, withinDays: number, stop?: SupplyStop): SafetyDue {
  const from = dueFrom(summary, today, stop);
  return {
    nextDueOn: dueDayOf(summary, stop),
    due: from <= addDays(today, withinDays),
    overdueDays: Math.max(0, daysBetween(from, today)),
    openItems: SAFETY_ITEMS.filter((item) => summary?.openItems.includes(item) || stop?.items.includes(item)),
    ...(stop ? { supplyStopped: true as const } : {}),
  };
}

/** A customer in the due list, as the office calls them. */
export const dueCustomerSchema = z
  .object({
    customerId: z.string(),
    code: z.string(),
    name: z.string(),
    address: z.string(),
    phone: z.string(),
    lastInspectedOn: calendarDateSchema.nullable(),
    result: z.enum(INSPECTION_RESULTS).nullable(),
    nextDueOn: calendarDateSchema.nullable(),
    overdueDays: z.number().int().nonnegative(),
    openItems: z.array(z.enum(SAFETY_ITEMS)),
    /** The Taipei day the customer was sent a reminder of the inspection now due (安全檢查通知); null when not. */
    remindedOn: calendarDateSchema.nullable(),
    supplyStopped: z.literal(true).optional(),
  })
  .openapi('SafetyDueCustomer');
export type DueCustomer = z.infer<typeof dueCustomerSchema>;

/**
 * `customers/{id}.safetyReminder`: the last safety reminder sent, for which due day (null: the invitation of a customer
 * never inspected) and on which Taipei day. Kept beside `safety` rather than in it: the invitation has no summary to live in.
 */
export interface SafetyReminderMark {
  readonly dueOn: string | null;
  readonly sentOn: string;
}

/** The day the customer was told of the inspection now due; a new inspection moves the due day and so starts afresh. */
export const remindedOnOf = (safety: SafetySummary | undefined, mark: SafetyReminderMark | undefined): string | null =>
  mark && mark.dueOn === (safety?.nextDueOn ?? null) ? mark.sentOn : null;

/** What the due list needs of a customer record. */
export interface DueCandidate {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly address: { readonly full: string };
  readonly phones: readonly string[];
  readonly safety?: SafetySummary | undefined;
  readonly safetyReminder?: SafetyReminderMark | undefined;
  readonly supplyStop?: SupplyStop | undefined;
}

/** The sort key: the due day (today for the never inspected), then the code, unique, so pages never overlap. */
const keyOf = (c: DueCandidate, today: string): string => `${dueFrom(c.safety, today, c.supplyStop)}~${c.code}`;

/**
 * Overdue first (the longest overdue at the top), then the soonest due; the never inspected count as due today.
 * Ties go by customer code so the order is stable from page to page.
 */
export function sortDue<T extends DueCandidate>(candidates: readonly T[], today: string): T[] {
  return [...candidates].sort((a, b) => keyOf(a, today).localeCompare(keyOf(b, today)));
}

export const dueListQuerySchema = z.object({
  withinDays: z.coerce.number().int().min(0).max(365).default(DUE_SOON_DAYS),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(40).optional(),
});
export type DueListQuery = z.infer<typeof dueListQuerySchema>;

export interface DuePage {
  readonly items: DueCustomer[];
  readonly nextCursor: string | null;
  /** Customers due in all, across pages. */
  readonly total: number;
}

/**
 * `customers/{id}.safetyDueKey`, what the due list is queried by: the next due day (the day the supply stopped, when that is
 * earlier), `NEVER_INSPECTED` for a customer never inspected and not stopped, absent (null) for an inactive one, so they drop
 * out of the list. Kept on every write of the customer's status, safety summary or supply stop.
 */
export const NEVER_INSPECTED = '';
export const safetyDueKeyOf = (customer: { readonly status: string; readonly safety?: SafetySummary | undefined; readonly supplyStop?: SupplyStop | undefined }): string | null =>
  customer.status === 'active' ? (dueDayOf(customer.safety, customer.supplyStop) ?? NEVER_INSPECTED) : null;

/** The customer as stored: with `safetyDueKey` worked out from its status and summary (none when inactive). */
export function withSafetyDueKey<
  T extends { readonly status: string; readonly safety?: SafetySummary | undefined; readonly supplyStop?: SupplyStop | undefined; readonly safetyDueKey?: string | undefined },
>(customer: T): T {
  const key = safetyDueKeyOf(customer);
  const { safetyDueKey: _stale, ...rest } = customer;
  return (key === null ? rest : { ...rest, safetyDueKey: key }) as T;
}

/** Where a page of the due list starts: after this due day (today for the never inspected) and code. */
export interface DueCursor {
  readonly dueOn: string;
  readonly code: string;
}

/** A `nextCursor` read back; the customer codes hold no `~`, so the first one splits it. */
export function dueCursorOf(cursor: string | undefined): DueCursor | null {
  if (!cursor) return null;
  const at = cursor.indexOf('~');
  return at < 0 ? { dueOn: cursor, code: '' } : { dueOn: cursor.slice(0, at), code: cursor.slice(at + 1) };
}

/**
 * What the store reads for a page, given its cursor: the inspected customers due by `dueBy` after the cursor (by due day,
 * then code) and, when the cursor is not yet past today, the never inspected after it (by code), since they take today's
 * place in the order. `limit + 1` of each is enough to fill a page and tell whether another follows.
 */
export interface DueRange {
  readonly dueBy: string;
  readonly inspectedAfter: DueCursor | null;
  /** Null: the cursor is past today, so no never-inspected customer is left to show. */
  readonly neverInspectedAfter: { readonly code: string } | null;
  readonly take: number;
}

export function dueRangeOf(today: string, query: DueListQuery): DueRange {
  const cursor = dueCursorOf(query.cursor);
  const neverInspectedAfter = !cursor || cursor.dueOn < today ? { code: '' } : cursor.dueOn === today ? { code: cursor.code } : null;
  return { dueBy: addDays(today, query.withinDays), inspectedAfter: cursor, neverInspectedAfter, take: query.limit + 1 };
}

/**
 * One page of the customers due within `withinDays` of today, in `sortDue` order, from `candidates`: every customer, or
 * what the store read for `dueRangeOf`'s range (with the `total` it counted).
 */
export function dueListPage(candidates: readonly DueCandidate[], today: string, query: DueListQuery, total?: number): DuePage {
  const due = sortDue(
    candidates.filter((c) => safetyDueOf(c.safety, today, query.withinDays, c.supplyStop).due),
    today,
  );
  const start = query.cursor ? due.findIndex((c) => keyOf(c, today) > (query.cursor ?? '')) : 0;
  const page = start < 0 ? [] : due.slice(start, start + query.limit);
  const last = page.at(-1);
  const more = start >= 0 && start + query.limit < due.length;
  return {
    items: page.map((c) => {
      const status = safetyDueOf(c.safety, today, query.withinDays, c.supplyStop);
      return {
        customerId: c.id,
        code: c.code,
        name: c.name,
        address: c.address.full,
        phone: c.phones[0] ?? '',
        lastInspectedOn: c.safety?.lastInspectedOn ?? null,
        result: c.safety?.result ?? null,
        nextDueOn: status.nextDueOn,
        overdueDays: status.overdueDays,
        openItems: status.openItems,
        remindedOn: remindedOnOf(c.safety, c.safetyReminder),
        ...(status.supplyStopped ? { supplyStopped: true as const } : {}),
      };
    }),
    nextCursor: more && last ? keyOf(last, today) : null,
    total: total ?? due.length,
  };
}
