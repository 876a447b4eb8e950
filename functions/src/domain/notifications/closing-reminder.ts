/**
 * Before a day closing early (提早收工, 除夕's half day) the customers with a delivery on it are told that deliveries end at
 * the closing then: one whose hours are past it is moved by the office (and told so), the others come before it. Who is
 * told and what they read: pure rules, the closure reminder job only loads and sends.
 */
import { coversDistrict, type ClosurePeriod } from '../closures';
import { OPEN_STATUSES, type OrderStatus } from '../orders/status';
import { closureDays, type NoticeLocale } from './templates';

/** What a customer brings to the decision. */
export interface ClosingReminderCandidate {
  /** Where they are delivered (their address's district): a closing of other districts is nothing to them. */
  readonly district: string;
  /** Their orders (only open ones count) and the days their recurring rules deliver (`materialise`'s, not yet orders). */
  readonly orders: readonly { readonly requestedDate: string; readonly status: OrderStatus }[];
  readonly recurringDays: readonly string[];
}

export interface ClosingReminder {
  readonly closure: ClosurePeriod & { readonly closesAt: string };
  /** The first day of the closing they have a delivery on: what the office calls about when nobody can be told. */
  readonly day: string;
}

/** Why a customer is not told: the closing holds in other districts, or nothing of theirs is delivered on its days. */
export type ClosingReminderSkip = 'NOT_COVERED' | 'NO_DELIVERY';

/** Whether a customer hears that `closure`'s days end early: only with an open order or a recurring delivery on one. */
export function closingReminderFor(closure: ClosurePeriod & { readonly closesAt: string }, candidate: ClosingReminderCandidate): ClosingReminder | ClosingReminderSkip {
  if (!coversDistrict(closure, candidate.district)) return 'NOT_COVERED';
  const days = [...candidate.orders.filter((o) => OPEN_STATUSES.includes(o.status)).map((o) => o.requestedDate), ...candidate.recurringDays]
    .filter((d) => closure.from <= d && d <= closure.to)
    .sort();
  const day = days[0];
  return day === undefined ? 'NO_DELIVERY' : { closure, day };
}

/** The notice a customer reads, dates on the Taipei calendar. */
export function renderClosingReminder({ closure }: ClosingReminder, locale: NoticeLocale = 'zh-TW'): string {
  const { name, closesAt } = closure;
  if (locale === 'en') {
    return `Lucky Gas reminder: on ${closureDays(closure, 'en')} (${name}) we stop delivering at ${closesAt}. You have gas coming that day: it comes by ${closesAt}, and if it was booked for later we will move it and tell you the new time.`;
  }
  return `幸福氣提醒：${closureDays(closure, 'zh-TW')}${name} ${closesAt} 提早收工，當天只送到 ${closesAt}。您當天的瓦斯會在 ${closesAt} 前送達；若原訂時段在 ${closesAt} 之後，我們會為您改期並另行通知。`;
}
