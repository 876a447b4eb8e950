/**
 * Before a closure (春節 above all) the customers who would run out during it are told to order
 * early. Who is told, by when they should order, and what they read: pure rules, the job only
 * loads and sends.
 */
import { addDays } from '../calendar';
import { closuresFor, coversDistrict, nextOpenDay, previousOpenDay, type ClosureList, type ClosurePeriod } from '../closures';
import type { OrderSource } from '../orders/order';
import { OPEN_STATUSES, type OrderStatus } from '../orders/status';
import type { DemandAdjustment } from '../predictions/demand-adjustment';
import { calendarDateSchema, z } from '../schema';
import { closureDays, formatDate, type NoticeLocale } from './templates';

/** How many days ahead a closure is announced: a week gives every customer a few open days to order. */
export const REMIND_DAYS = 7;

/** The closures to announce today: those starting from tomorrow to `REMIND_DAYS` ahead (one already begun is too late). */
export function closuresToRemind<C extends ClosurePeriod>(closures: readonly C[], today: string): C[] {
  const first = addDays(today, 1);
  const last = addDays(today, REMIND_DAYS);
  return closures.filter((c) => first <= c.from && c.from <= last).sort((a, b) => a.from.localeCompare(b.from));
}

/** What a customer brings to the decision. */
export interface ReminderCandidate {
  /** The stored prediction's deliver-by day (`nextRefill.safeDeliveryDate`) under the 需求調整 in force; null without a prediction. */
  readonly safeDeliveryDate: string | null;
  /**
   * When a 需求調整 moved `safeDeliveryDate`: the stored day, at the customer's usual use, and the adjustments the days up to
   * the moved one are under. Absent when none moved it.
   */
  readonly usual?: { readonly safeDeliveryDate: string; readonly adjustedBy: readonly Pick<DemandAdjustment, 'reason' | 'factor'>[] };
  /** Weekdays the customer takes no deliveries (0 = Sunday). */
  readonly closedDays: readonly number[];
  /** Where they are delivered (their address's district): a closure of other districts is nothing to them. */
  readonly district: string;
  /**
   * The customer's orders; only open ones count, and a failed one (nobody home) still waiting to be rescheduled: the
   * truck is coming back, so a reminder to order would bring a second one. The caller passes only recent failed orders
   * (`openOrders`, `FAILED_ORDER_OPEN_DAYS`).
   */
  readonly orders: readonly { readonly requestedDate: string; readonly status: OrderStatus; readonly source?: OrderSource }[];
  /** A service call stopped their supply (停止供氣, `customers/{id}.supplyStop`): no cylinder goes to them until an inspection passes. */
  readonly supplyStopped: boolean;
}

export interface ClosureReminder {
  readonly closure: ClosurePeriod;
  /** The day to order for: the customer's deliver-by day, or the last open day before the closure if that is earlier. */
  readonly orderBy: string;
  /**
   * The same-day cut-off (`HH:mm`) of the depot serving the customer, if it keeps one: an order for `orderBy` itself must
   * come before it, so the reminder names the hour as well ("12/4 前" alone reads as "by the 3rd" or "any time on the 4th").
   */
  readonly cutoff?: string;
  /**
   * The day of the night's suggestion still pending for the customer by the closure's last day: nobody asked for it, so
   * it does not stand for their order, yet an order of theirs on top of it would bring two trucks. The reminder tells
   * them it is pencilled in and that the office will call to confirm it, instead of asking them to order.
   */
  readonly suggested?: string;
  /**
   * The reasons of the 需求調整 (寒流) that alone bring the customer's run-out into the closure: at their usual use the gas
   * would last past it, so the reminder names the higher use instead of "your usual use".
   */
  readonly heavierUseDuring?: readonly string[];
}

/**
 * Why a customer is not reminded: the closure holds in other districts; their supply is stopped (an order would be refused,
 * and the installation was found unsafe: what they hear is the service call's notice to fix it first); no prediction; not due (the gas lasts past the closure, or the
 * prediction is stale and its day already past); an open order on or before the closure's last day
 * already covers them; no open day left before the closure (today included) to deliver on.
 */
export type ClosureReminderSkip = 'NOT_COVERED' | 'SUPPLY_STOPPED' | 'NO_PREDICTION' | 'NOT_DUE' | 'OPEN_ORDER' | 'NO_OPEN_DAY';

/** A suggestion of the nightly job that the office has not confirmed with the customer yet. */
const unconfirmedSuggestion = (o: ReminderCandidate['orders'][number]): boolean => o.source === 'forecast' && o.status === 'pending';

/**
 * Whether an order of the customer's, still to come (or failed, to be rescheduled), is due by the closure's last day. A
 * suggestion still pending is not theirs: they have not asked for it, and may not know of it.
 */
export const coversClosure = (closure: ClosurePeriod, orders: ReminderCandidate['orders']): boolean =>
  orders.some((o) => (OPEN_STATUSES.includes(o.status) || o.status === 'failed') && o.requestedDate <= closure.to && !unconfirmedSuggestion(o));

/**
 * Whether a customer hears about `closure`. The forecast already moves a deliver-by day that falls
 * in a closure to before it, so "may run out during it" reads as a deliver-by day no later than
 * the closure's last day. `closures` are all known ones: a closure right before this one is no
 * day to order for either.
 */
export function closureReminderFor(
  closure: ClosurePeriod,
  candidate: ReminderCandidate,
  ctx: { readonly today: string; readonly closures: ClosureList },
): ClosureReminder | ClosureReminderSkip {
  if (!coversDistrict(closure, candidate.district)) return 'NOT_COVERED';
  if (candidate.supplyStopped) return 'SUPPLY_STOPPED';
  const safe = candidate.safeDeliveryDate;
  if (safe === null) return 'NO_PREDICTION';
  if (safe > closure.to || safe < ctx.today) return 'NOT_DUE';
  if (coversClosure(closure, candidate.orders)) return 'OPEN_ORDER';
  // A customer due well before the closure is told their own day: the break's eve would be too late.
  const lastBefore = addDays(closure.from, -1);
  const closures = closuresFor(ctx.closures, candidate.district);
  const due = previousOpenDay(closures, safe < lastBefore ? safe : lastBefore, candidate.closedDays);
  // Already past for a customer closed today: the first open day from now, if one is left before the break.
  const orderBy = due !== undefined && due >= ctx.today ? due : nextOpenDay(closures, ctx.today, candidate.closedDays);
  if (orderBy === undefined || orderBy > lastBefore) return 'NO_OPEN_DAY';
  const suggestion = candidate.orders.find((o) => unconfirmedSuggestion(o) && o.requestedDate <= closure.to);
  const heavier = heavierUseDuring(closure, candidate.usual);
  return { closure, orderBy, ...(suggestion ? { suggested: suggestion.requestedDate } : {}), ...(heavier.length > 0 ? { heavierUseDuring: heavier } : {}) };
}

/** The raising adjustments' reasons, once each, when the usual deliver-by day lies past the closure; none otherwise. */
function heavierUseDuring(closure: ClosurePeriod, usual: ReminderCandidate['usual']): string[] {
  if (usual === undefined || usual.safeDeliveryDate <= closure.to) return [];
  return [...new Set(usual.adjustedBy.filter((a) => a.factor > 1).map((a) => a.reason))];
}

/**
 * How a closure's reminders went: how many were sent or wait for the next run, and the customers nobody could tell (no
 * LINE, no mobile to text, no portal account; or a number the provider refused for good), whom the office phones.
 */
export const closureRemindersSchema = z
  .object({
    sent: z.number().int(),
    pending: z.number().int(),
    unreached: z.array(
      z.object({
        customerId: z.string(),
        customerName: z.string(),
        phone: z.string().optional(),
        orderBy: calendarDateSchema,
        errorCode: z.string().openapi({ example: 'INBOX.NO_ACCOUNT' }),
        /** They have ordered since (an order due by the closure's last day): nothing left to call about. */
        ordered: z.boolean(),
      }),
    ),
  })
  .openapi('ClosureReminders');
export type ClosureReminders = z.infer<typeof closureRemindersSchema>;

/** `closure-<closureId>-<customerId>`: one reminder per customer and closure, however often the job runs. */
export const closureReminderId = (closureId: string, customerId: string): string => `closure-${closureId}-${customerId}`;

/** The reminder a customer reads, dates on the Taipei calendar. */
export function renderClosureReminder(r: ClosureReminder, locale: NoticeLocale = 'zh-TW'): string {
  const { closure, orderBy, cutoff, suggested, heavierUseDuring: heavier } = r;
  if (locale === 'en') {
    const use = heavier ? `With higher use during ${heavier.join(', ')}, your gas` : 'At your usual use your gas';
    const ask = suggested
      ? `we have pencilled in a delivery for you on ${formatDate(suggested, 'en')} and will call to confirm it, so there is no need to order.`
      : `please order by ${cutoff ? `${cutoff} on ` : ''}${formatDate(orderBy, 'en')}.`;
    return `Lucky Gas reminder: we are closed ${closureDays(closure, 'en')} (${closure.name}). ${use} may run out during the break: ${ask}`;
  }
  // Names like 臨時休息 already say it; 春節 does not.
  const closed = closure.name.endsWith('休息') ? closure.name : `${closure.name}休息`;
  const by = cutoff ? `${formatDate(orderBy, 'zh-TW')}${cutoff} ` : formatDate(orderBy, 'zh-TW');
  const use = heavier ? `${heavier.join('、')}期間用量較大` : '依您的用量';
  const ask = suggested ? `我們已為您預排 ${formatDate(suggested, 'zh-TW')}送氣，將由專人來電確認，不必另外訂購。` : `請於 ${by}前訂購。`;
  return `幸福氣提醒：${closureDays(closure, 'zh-TW')}${closed}。${use}，瓦斯可能在假期中用完，${ask}`;
}
