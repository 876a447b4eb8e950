/**
 * 催款: customers on account whose charges are past due hear about it, politely first and more
 * firmly as it ages. Who is told, at which stage, and what they read: pure rules over a receivables
 * line; the job only loads, recomputes and sends.
 */
import { dueDateOf, overdueOf, type Receivable } from '../billing';
import { addDays, daysBetween } from '../calendar';
import { z, type MessageCatalogue } from '../schema';
import { NOTIFICATION_CHANNELS } from './port';
import { formatDate, formatNtd, type NoticeLocale } from './templates';

/**
 * The stages of a reminder, by days past the oldest unpaid month's due day. A few days' grace before
 * the first: transfers made on the due day take a day or two to show, and a reminder to someone who
 * has paid is what customers remember.
 */
export const REMINDER_STAGES = ['first', 'second', 'final'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];
const STAGE_FROM_DAYS: Readonly<Record<ReminderStage, number>> = { first: 5, second: 31, final: 61 };

/** Below this a shortfall is change left over (a rounded transfer), not worth a message. */
export const MIN_OVERDUE_NTD = 100;

/** A payment this recent may already cover the rest, or the customer is in touch with the office. */
export const QUIET_DAYS_AFTER_PAYMENT = 7;

export interface PaymentReminder {
  readonly stage: ReminderStage;
  /** Past due: the balance less what is not yet due. */
  readonly overdue: number;
  readonly balance: number;
  /** The oldest month still unpaid; absent when the balance reaches back past the months the ledger reads. */
  readonly oldestUnpaidMonth?: string;
  /** That month's due day. */
  readonly dueDate?: string;
  /** The Taipei day the figures are as of. */
  readonly asOf: string;
}

/** Why a customer on the ledger is not reminded today. */
export type PaymentReminderSkip = 'NOT_OVERDUE' | 'BELOW_MINIMUM' | 'GRACE' | 'RECENT_PAYMENT';

type Line = Pick<Receivable, 'balance' | 'aging' | 'oldestUnpaidMonth' | 'lastPaymentOn' | 'asOf'>;

/** The stage a past-due balance has reached, whatever the grace and quiet rules say. */
function stageOf(line: Line): { stage: ReminderStage; daysLate: number } | null {
  const { aging } = line;
  if (overdueOf(line) <= 0) return null;
  // The buckets are exact where the oldest month is not (it can lie beyond the months the ledger reads).
  const daysLate = line.oldestUnpaidMonth ? daysBetween(dueDateOf(line.oldestUnpaidMonth), line.asOf) : Number.POSITIVE_INFINITY;
  if (aging.days61to90 + aging.over90 > 0) return { stage: 'final', daysLate: Math.max(daysLate, STAGE_FROM_DAYS.final) };
  if (aging.days31to60 > 0) return { stage: 'second', daysLate: Math.max(daysLate, STAGE_FROM_DAYS.second) };
  return { stage: 'first', daysLate };
}

function reminderOf(line: Line, stage: ReminderStage): PaymentReminder {
  return {
    stage,
    overdue: overdueOf(line),
    balance: line.balance,
    ...(line.oldestUnpaidMonth ? { oldestUnpaidMonth: line.oldestUnpaidMonth, dueDate: dueDateOf(line.oldestUnpaidMonth) } : {}),
    asOf: line.asOf,
  };
}

/** Whether the daily run reminds this customer, and at which stage, on the line's day. */
export function paymentReminderFor(line: Line): PaymentReminder | PaymentReminderSkip {
  const reached = stageOf(line);
  if (!reached) return 'NOT_OVERDUE';
  if (overdueOf(line) < MIN_OVERDUE_NTD) return 'BELOW_MINIMUM';
  if (reached.daysLate < STAGE_FROM_DAYS.first) return 'GRACE';
  if (line.lastPaymentOn && line.lastPaymentOn > addDays(line.asOf, -QUIET_DAYS_AFTER_PAYMENT)) return 'RECENT_PAYMENT';
  return reminderOf(line, reached.stage);
}

/** The reminder the office sends by hand, for whatever is past due, at the stage it has reached, grace or not. */
export function manualPaymentReminder(line: Line): PaymentReminder | 'NOT_OVERDUE' {
  const reached = stageOf(line);
  return reached ? reminderOf(line, reached.stage) : 'NOT_OVERDUE';
}

/**
 * `payment-<customerId>-<month>-<stage>`: each stage once per unpaid month, however often the job
 * runs. Paying the oldest month moves the reminders on to the next one, which starts its own stages.
 */
export const paymentReminderId = (customerId: string, r: Pick<PaymentReminder, 'stage' | 'oldestUnpaidMonth'>): string =>
  `payment-${customerId}-${r.oldestUnpaidMonth ?? 'older'}-${r.stage}`;

/** `payment-<customerId>-manual-<day>`: one by hand per customer and day, so a double click sends one. */
export const manualPaymentReminderId = (customerId: string, day: string): string => `payment-${customerId}-manual-${day}`;

/** The last reminder a customer was sent (or is being sent), as the ledger shows it. */
export const reminderSummarySchema = z
  .object({
    stage: z.enum(REMINDER_STAGES),
    manual: z.boolean(),
    channel: z.enum(NOTIFICATION_CHANNELS),
    status: z.enum(['pending', 'sent', 'failed']),
    at: z.string().openapi({ description: 'When it was recorded (ISO 8601)' }),
    errorCode: z.string().optional().openapi({ description: "A failure's code, for the ledger to say why: `INBOX.NO_ACCOUNT` when nobody could be reached (no LINE, no mobile to text, no portal account)", example: 'INBOX.NO_ACCOUNT' }),
  })
  .openapi('PaymentReminderSummary');
export type ReminderSummary = z.infer<typeof reminderSummarySchema>;

/** `2026 年 10 月` / `October 2026`. */
function monthName(month: string, locale: NoticeLocale): string {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  if (locale === 'zh-TW') return `${year} 年 ${mm} 月`;
  return `${new Date(Date.UTC(year, mm - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${year}`;
}

/** The reminder a customer reads. Nothing in it threatens what the office would not do. */
export function renderPaymentReminder(r: PaymentReminder, locale: NoticeLocale = 'zh-TW'): string {
  const asOf = formatDate(r.asOf, locale);
  if (locale === 'en') {
    const head = { first: 'Lucky Gas payment reminder', second: 'Lucky Gas: second payment reminder', final: 'Lucky Gas: final payment reminder' }[r.stage];
    const since = r.oldestUnpaidMonth && r.dueDate ? ` (from your ${monthName(r.oldestUnpaidMonth, 'en')} statement, due ${formatDate(r.dueDate, 'en')})` : '';
    const ask = r.stage === 'final' ? 'Please settle it as soon as possible, or call us if you need to arrange payment.' : 'If you have already paid, please ignore this message.';
    return `${head}: as of ${asOf}, ${formatNtd(r.overdue)} is overdue${since}; your balance is ${formatNtd(r.balance)}. ${ask}`;
  }
  const head = { first: '幸福氣繳款提醒', second: '幸福氣第二次繳款提醒', final: '幸福氣最後繳款通知' }[r.stage];
  const since = r.oldestUnpaidMonth && r.dueDate ? `（最早為 ${monthName(r.oldestUnpaidMonth, 'zh-TW')}帳款，繳款期限 ${formatDate(r.dueDate, 'zh-TW')}）` : '';
  const ask = r.stage === 'final' ? '請儘速繳清；如需安排付款方式，請來電與我們聯繫。' : '如已付款，請忽略此通知；如有疑問請來電洽詢。';
  return `${head}：截至 ${asOf}，您有 ${formatNtd(r.overdue)} 已逾期未付${since}，目前應付總額 ${formatNtd(r.balance)}。${ask}`;
}

/** The codes a reminder sent by hand can answer with; a provider's outage is told as such, not as ours. */
export const paymentReminderMessages: MessageCatalogue = {
  'RECEIVABLE.NOT_OVERDUE': { 'zh-TW': '此客戶目前沒有逾期帳款，無需催款', en: 'Nothing this customer owes is past due' },
  'LINE.UNAVAILABLE': { 'zh-TW': 'LINE 暫時無法傳送，請稍後再試', en: 'LINE is not taking messages right now; try again later' },
  'LINE.TIMEOUT': { 'zh-TW': 'LINE 沒有回應，請稍後再試', en: 'LINE did not answer; try again later' },
  'LINE.UNREACHABLE': { 'zh-TW': '無法連線到 LINE，請稍後再試', en: 'LINE could not be reached; try again later' },
  'SMS.UNAVAILABLE': { 'zh-TW': '簡訊服務暫時無法傳送，請稍後再試', en: 'The SMS gateway is not taking messages right now; try again later' },
  'SMS.TIMEOUT': { 'zh-TW': '簡訊服務沒有回應，請稍後再試', en: 'The SMS gateway did not answer; try again later' },
  'SMS.UNREACHABLE': { 'zh-TW': '無法連線到簡訊服務，請稍後再試', en: 'The SMS gateway could not be reached; try again later' },
  // A manual 催款 refused for good answers why in these words, never the provider's or the sender's own text.
  'INBOX.NO_ACCOUNT': {
    'zh-TW': '此客戶沒有 LINE、可收簡訊的手機或會員帳號，催款通知沒有送出，請改以電話聯繫',
    en: 'The customer has no LINE, no mobile to text and no portal account: the reminder was not sent; phone them',
  },
  'PAYMENT_REMINDER.NOT_DELIVERED': { 'zh-TW': '催款通知無法送達，請改以電話聯繫', en: 'The reminder could not be delivered; phone the customer' },
};
