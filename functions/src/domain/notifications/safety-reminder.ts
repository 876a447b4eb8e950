/**
 * 安全檢查通知: before a customer's gas installation falls due for its inspection (用戶安全檢查), the customer hears
 * that the technician (usually the driver, at the next delivery) will inspect it; after a failed one, which items to fix
 * before the re-check (復查). Who is told and what they read: pure rules, the job only loads, sends and marks.
 */
import { addDays } from '../calendar';
import type { CustomerStatus } from '../customers/customer';
import { remindedOnOf, type DueCandidate, type SafetyItem, type SafetySummary } from '../safety';
import { chooseAddress, recipientOf } from './channel';
import { formatDate, safetyItemNames, type NoticeLocale } from './templates';

/** How many days before the due day the customer hears: two weeks spans a household's next delivery or two. */
export const SAFETY_REMIND_DAYS = 14;

/** The last due day told on `today`: a customer due later is `NOT_DUE`, whatever else is true of them. */
export const safetyRemindDueBy = (today: string): string => addDays(today, SAFETY_REMIND_DAYS);

/** What a customer brings to the decision: the due list's fields, with what picks the channel and the language. */
export interface SafetyReminderCandidate extends DueCandidate {
  readonly status: CustomerStatus;
  readonly lineUserId?: string | undefined;
  readonly notificationLocale?: NoticeLocale | undefined;
}

export interface SafetyReminder {
  readonly customerId: string;
  /** The due day told; null for the invitation of a customer never inspected. */
  readonly dueOn: string | null;
  /** The due day already past on the day of the decision. */
  readonly overdue: boolean;
  readonly lastInspectedOn: string | null;
  /** Required items the last inspection found to fix, in checklist order: non-empty makes it a re-check notice. */
  readonly openItems: readonly SafetyItem[];
}

/**
 * Why a customer is not told today: inactive; their supply stopped (`SUPPLY_STOPPED`, 停止供氣: this notice promises the
 * technician at an upcoming delivery, and none comes. Their safety message is the service call's unsafe close notice,
 * once per stop: since when, what was found, not to use the installation, how to ask for the inspection. Told once per due
 * day as everyone, they are due from the stop's day, which that notice told, so nothing here repeats it; the office,
 * alerted, sees them on the due list); not due within `SAFETY_REMIND_DAYS`; already told of this due day (or
 * invited, when never inspected); no LINE and no mobile (`NO_CHANNEL`: the in-app inbox reaches only portal users, and a
 * notice of a technician's visit left where the customer may never look is no notice — the office phones them from the
 * due list instead).
 */
export type SafetyReminderSkip = 'INACTIVE' | 'SUPPLY_STOPPED' | 'NOT_DUE' | 'ALREADY_REMINDED' | 'NO_CHANNEL';

/** Whether the customer has LINE or a mobile, whichever of the two the deployment sends through. */
const reachable = (c: SafetyReminderCandidate): boolean => chooseAddress(recipientOf(c), { line: true, sms: true }).channel !== 'inbox';

/**
 * Whether the customer hears about their inspection on `today` (a Taipei day). At most one reminder per due day: a
 * customer overdue is told once, not daily, and a new inspection moves the due day, which starts a new cycle. A customer
 * never inspected is due at once by the safety rules, but gets ONE invitation only (its due day is null, so it never
 * changes until they are inspected): a daily nag about an inspection the office has not yet arranged helps nobody.
 */
export function safetyReminderFor(c: SafetyReminderCandidate, today: string): SafetyReminder | SafetyReminderSkip {
  if (c.status !== 'active') return 'INACTIVE';
  if (c.supplyStop) return 'SUPPLY_STOPPED';
  const dueOn = c.safety?.nextDueOn ?? null;
  if (dueOn !== null && dueOn > safetyRemindDueBy(today)) return 'NOT_DUE';
  if (remindedOnOf(c.safety, c.safetyReminder) !== null) return 'ALREADY_REMINDED';
  if (!reachable(c)) return 'NO_CHANNEL';
  return {
    customerId: c.id,
    dueOn,
    overdue: dueOn !== null && dueOn < today,
    lastInspectedOn: c.safety?.lastInspectedOn ?? null,
    openItems: [...(c.safety?.openItems ?? [])],
  };
}

/**
 * Whether a reminder decided earlier still says the truth when it is recorded: the customer is active, their supply not
 * stopped meanwhile, and still due on the same day (an inspection recorded meanwhile makes it stale).
 */
export const safetyReminderStillWanted = (
  r: Pick<SafetyReminder, 'dueOn'>,
  customer: { readonly status?: unknown; readonly safety?: SafetySummary | undefined; readonly supplyStop?: unknown } | undefined,
): boolean => customer?.status === 'active' && customer.supplyStop === undefined && (customer.safety?.nextDueOn ?? null) === r.dueOn;

/** `safety-<customerId>-<dueOn>` (`-invitation` when never inspected): one reminder per customer and due day, however often the job runs. */
export const safetyReminderId = (customerId: string, dueOn: string | null): string => `safety-${customerId}-${dueOn ?? 'invitation'}`;

/** The notice a customer reads, dates on the Taipei calendar. It promises a visit, never a penalty. */
export function renderSafetyReminder(r: SafetyReminder, locale: NoticeLocale = 'zh-TW'): string {
  const due = r.dueOn === null ? null : formatDate(r.dueOn, locale);
  const last = r.lastInspectedOn === null ? null : formatDate(r.lastInspectedOn, locale);
  const recheck = r.openItems.length > 0 && last !== null;
  if (locale === 'en') {
    const visit = `Our technician will ${recheck ? 're-check' : 'inspect'} it at an upcoming delivery; to arrange another time, please call us.`;
    if (due === null) {
      return `Lucky Gas safety inspection: the law asks that a certified technician inspect your gas installation (cylinders, regulator, hose, water heater) regularly, and we have no inspection on record for you. ${visit}`;
    }
    const when = r.overdue ? `was due ${due}` : `is due ${due}`;
    if (recheck) {
      const items = safetyItemNames(r.openItems, 'en');
      const fix =
        r.openItems.length === 1
          ? `found this item needs fixing: ${items}. The re-check ${when}: please have it fixed before then.`
          : `found these items need fixing: ${items}. The re-check ${when}: please have them fixed before it.`;
      return `Lucky Gas safety re-check: the inspection on ${last} ${fix} ${visit}`;
    }
    return `Lucky Gas safety inspection: the inspection of your gas installation ${when}. ${visit}`;
  }
  const visit = `我們的安全技術人員將於近期送氣時為您${recheck ? '復查' : '檢查'}；如需另約時間，請來電告知。`;
  if (due === null) {
    return `幸福氣安全檢查通知：依消防法規定，瓦斯設備（鋼瓶、調整器、管線、熱水器）須由合格安全技術人員定期檢查，您目前尚無檢查紀錄。${visit}`;
  }
  const when = r.overdue ? `已於 ${due}到期` : `將於 ${due}到期`;
  if (recheck) {
    return `幸福氣安全檢查復查通知：${last}檢查時發現下列項目需改善：${safetyItemNames(r.openItems, 'zh-TW')}。復查${when}，請於復查前完成改善。${visit}`;
  }
  return `幸福氣安全檢查通知：您的瓦斯設備安全檢查${when}。${visit}`;
}
