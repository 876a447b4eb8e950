/**
 * The books-closed date (關帳日): once a month's statements have gone out, the admin closes the books through its last
 * day, and no money record dated on or before it may be written or voided any more. A slip of the year (2016 for 2026)
 * would otherwise change the opening balance of every statement since, months the customers already have on paper; a
 * correction of a closed month goes into an open one, as a bookkeeper's would.
 */
import { conflict, DomainError } from '../errors';
import type { Actor } from '../events';
import { calendarDateSchema, instantSchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';
import { monthBounds, taipeiMonth } from './statement';

/** A Taipei day that is the last of its month. */
const monthEndSchema = calendarDateSchema.refine((day) => monthBounds(day.slice(0, 7)).lastDay === day, 'BOOKS.NOT_MONTH_END');

export const closeBooksInputSchema = z
  .object({
    /** The last day of the last month closed. */
    closedThrough: monthEndSchema,
    /** Why; required to move the date back (reopening a month customers have statements of). */
    reason: z.string().trim().max(200).optional(),
    /** Close although drivers' days in it have no hand-in recorded (司機日結): their cash can then be recorded only after reopening. */
    confirmUnsettledDays: z.boolean().optional(),
    /** Close although sales in it have an invoice voided and not reissued (作廢未重開): they stay without one. */
    confirmUnreissuedInvoices: z.boolean().optional(),
    /** Close although a month in it has 月結 invoices still to issue: its statements would go out without them. */
    confirmInvoiceRunsDue: z.boolean().optional(),
  })
  .openapi('CloseBooksInput', { example: { closedThrough: '2026-10-31', reason: '' } });
export type CloseBooksInput = z.infer<typeof closeBooksInputSchema>;

/** `settings/books`: the one closing of the distributor's books; absent until the first close. */
export const booksClosingSchema = z
  .object({
    closedThrough: calendarDateSchema,
    reason: z.string().optional(),
    by: actorSchema,
    at: instantSchema,
  })
  .openapi('BooksClosing');
export type BooksClosing = z.infer<typeof booksClosingSchema>;

/**
 * An allowance's cancel (作廢折讓) with the e-invoice issuer: the Taipei day it was issued and since when (an instant).
 * Closing that day meanwhile would make the cancel's write refuse what the issuer has done.
 */
export interface CancelUnderWay {
  readonly day: string;
  readonly since: string;
}

/** How long a cancel under way holds a close back: far beyond the issuer's answer (10 s), so only one whose process died meanwhile is older. */
export const CANCEL_HOLD_MS = 5 * 60_000;

/**
 * Whether a cancel marked under way `since` (an instant) still holds what it holds (a close of its day, the credit it
 * takes away): past `CANCEL_HOLD_MS` its process died, and nothing else would ever take the mark away.
 */
export const cancelStillUnderWay = (since: string, now: Date): boolean => now.getTime() - Date.parse(since) < CANCEL_HOLD_MS;

/** A driver's day with stops handled or a truck sent out, by Taipei day. */
export interface DriverDay {
  readonly date: string;
  readonly driverId: string;
}

/** A driver's day the office has recorded no hand-in for (司機日結), with the driver's name. */
export interface UnsettledDriverDay extends DriverDay {
  readonly driverName: string;
}

/** The days drivers worked with no settlement recorded, by day then driver, each once. */
export function unsettledDriverDays(worked: readonly DriverDay[], settled: readonly DriverDay[], names: ReadonlyMap<string, string>): UnsettledDriverDay[] {
  const key = (d: DriverDay) => `${d.date}|${d.driverId}`;
  const done = new Set(settled.map(key));
  const open = new Map(worked.filter((d) => !done.has(key(d))).map((d) => [key(d), { date: d.date, driverId: d.driverId, driverName: names.get(d.driverId) ?? d.driverId }]));
  return [...open.values()].sort((a, b) => a.date.localeCompare(b.date) || a.driverName.localeCompare(b.driverName));
}

/** A void invoice not reissued (作廢未重開), by the Taipei day it was issued: its sale has no valid invoice. */
export interface UnreissuedInvoice {
  readonly number: string;
  readonly day: string;
}

/** A month with orders on account (月結) whose invoice its run has not issued, and for how many customers. */
export interface InvoiceRunDue {
  readonly month: string;
  readonly customers: number;
}

const slashed = (day: string) => day.replaceAll('-', '/');

/**
 * The closing after `input`; the same date again answers the closing as it is. Only a month that has ended can be
 * closed; moving the date back (the admin's alone, as setting it is) needs the reason (the audit log keeps both).
 * @throws `BOOKS.MONTH_NOT_ENDED` (precondition, path `closedThrough`) for the running month or a later one;
 * `BOOKS.REOPEN_REASON_REQUIRED` (precondition, path `reason`) for moving it back without a reason;
 * `BOOKS.ALLOWANCE_CANCEL_UNDER_WAY` (conflict, with `day`) while an allowance of a day it would close is being cancelled;
 * `BOOKS.UNSETTLED_DAYS` (conflict, with `days` and `unsettled`) for drivers' days it would close with no hand-in recorded,
 * unless `confirmUnsettledDays`: once closed, their cash can be recorded only by reopening the month;
 * `BOOKS.UNREISSUED_INVOICES` (conflict, with `numbers` and `unreissued`) for invoices of days it would close voided and not
 * reissued, unless `confirmUnreissuedInvoices`; `BOOKS.INVOICE_RUNS_DUE` (conflict, with `months` and `due`) for months it
 * would close whose 月結 invoices have not all been issued, unless `confirmInvoiceRunsDue`. Each kind is asked in turn, the
 * caller confirming one and sending again, so each answer names one kind of work left.
 */
export function closeBooks(
  current: BooksClosing | undefined,
  input: CloseBooksInput,
  ctx: {
    readonly by: Actor;
    readonly now: Date;
    readonly cancelsUnderWay?: readonly CancelUnderWay[];
    readonly unsettled?: readonly UnsettledDriverDay[];
    readonly unreissued?: readonly UnreissuedInvoice[];
    readonly invoiceRunsDue?: readonly InvoiceRunDue[];
  },
): BooksClosing {
  if (current?.closedThrough === input.closedThrough) return current;
  if (input.closedThrough.slice(0, 7) >= taipeiMonth(ctx.now)) {
    throw new DomainError('BOOKS.MONTH_NOT_ENDED', 'precondition', `${input.closedThrough.slice(0, 7)} has not ended`, { path: 'closedThrough', month: input.closedThrough.slice(0, 7) });
  }
  if (current && input.closedThrough < current.closedThrough && !input.reason) {
    throw new DomainError('BOOKS.REOPEN_REASON_REQUIRED', 'precondition', 'Reopening closed months needs a reason', { path: 'reason' });
  }
  const held = ctx.cancelsUnderWay?.find((c) => c.day <= input.closedThrough && cancelStillUnderWay(c.since, ctx.now));
  if (held) throw conflict('BOOKS.ALLOWANCE_CANCEL_UNDER_WAY', `An allowance of ${held.day} is being cancelled`, { day: held.day });
  const closes = (day: string) => day <= input.closedThrough && (!current || day > current.closedThrough);
  const unsettled = (ctx.unsettled ?? []).filter((d) => closes(d.date));
  if (unsettled.length > 0 && !input.confirmUnsettledDays) {
    throw conflict('BOOKS.UNSETTLED_DAYS', `${unsettled.length} drivers' days with no settlement`, {
      path: 'closedThrough',
      count: unsettled.length,
      days: unsettled.map((d) => `${d.date.slice(5).replace('-', '/')} ${d.driverName}`),
      unsettled,
    });
  }
  const unreissued = (ctx.unreissued ?? []).filter((i) => closes(i.day));
  if (unreissued.length > 0 && !input.confirmUnreissuedInvoices) {
    throw conflict('BOOKS.UNREISSUED_INVOICES', `${unreissued.length} void invoices not reissued`, {
      path: 'closedThrough',
      count: unreissued.length,
      numbers: unreissued.map((i) => `${i.number} ${slashed(i.day.slice(5))}`),
      unreissued,
    });
  }
  const runsDue = (ctx.invoiceRunsDue ?? []).filter((r) => closes(monthBounds(r.month).lastDay));
  if (runsDue.length > 0 && !input.confirmInvoiceRunsDue) {
    throw conflict('BOOKS.INVOICE_RUNS_DUE', `${runsDue.length} months with monthly invoices not issued`, {
      path: 'closedThrough',
      count: runsDue.reduce((sum, r) => sum + r.customers, 0),
      months: runsDue.map((r) => slashed(r.month)),
      due: runsDue,
    });
  }
  return { closedThrough: input.closedThrough, ...(input.reason ? { reason: input.reason } : {}), by: ctx.by, at: ctx.now.toISOString() };
}

/** What a money record is refused as, by kind: each names what could not be written. */
export const BOOKS_CLOSED_CODES = [
  'PAYMENT.BOOKS_CLOSED',
  'PAYMENT.VOID_BOOKS_CLOSED',
  'REFUND.BOOKS_CLOSED',
  'REFUND.VOID_BOOKS_CLOSED',
  'DEPOSIT.BOOKS_CLOSED',
  'SETTLEMENT.BOOKS_CLOSED',
  'ALLOWANCE.CANCEL_BOOKS_CLOSED',
] as const;
export type BooksClosedCode = (typeof BOOKS_CLOSED_CODES)[number];

/**
 * @throws `code` (precondition, with `path`, `closedThrough`, `day` and `through`, the date as the office writes it,
 * 2026/10/31) for a money record dated on or before the books-closed date.
 */
export function assertBooksOpen(closedThrough: string | undefined, day: string, code: BooksClosedCode, path: string): void {
  if (closedThrough === undefined || day > closedThrough) return;
  throw new DomainError(code, 'precondition', `${day} is in the books closed through ${closedThrough}`, { path, closedThrough, day, through: closedThrough.replaceAll('-', '/') });
}

const CONTACT = { 'zh-TW': '如需更正請聯絡管理員', en: 'ask an admin if it needs correcting' };
const closed = (zh: string, en: string) => ({ 'zh-TW': `{through} 以前的帳已關帳，${zh}；${CONTACT['zh-TW']}`, en: `The books are closed through {through}: ${en}; ${CONTACT.en}` });
const voidClosed = (zh: string, en: string, undone = 'voided') => ({
  'zh-TW': `這筆${zh}的日期 {day} 在已關帳的月份（{through} 以前），不能作廢；請在未關帳的月份登記更正`,
  en: `This ${en} is dated {day}, in the books closed through {through}, so it cannot be ${undone}; record the correction in an open month`,
});

export const booksMessages: MessageCatalogue = {
  'BOOKS.NOT_MONTH_END': { 'zh-TW': '關帳日須為月底最後一天', en: 'The books close at the last day of a month' },
  'BOOKS.MONTH_NOT_ENDED': { 'zh-TW': '{month} 還沒結束，不能關帳', en: '{month} has not ended yet, so it cannot be closed' },
  'BOOKS.REOPEN_REASON_REQUIRED': { 'zh-TW': '重新開啟已關帳的月份須填寫原因', en: 'Reopening closed months needs a reason' },
  'BOOKS.ALLOWANCE_CANCEL_UNDER_WAY': {
    'zh-TW': '{day} 的一張折讓正在作廢（等候電子發票平台回覆），請稍候再關帳',
    en: 'An allowance of {day} is being cancelled at the e-invoice platform; close the books again in a moment',
  },
  'BOOKS.UNSETTLED_DAYS': {
    'zh-TW': '還有 {count} 筆司機日結沒有登記：{days:list}；關帳後就不能再登記這些日子收回的現金。請先到報表的司機日結登記，或確定仍要關帳',
    en: "A driver's day has no settlement recorded: {days:list}. Once closed, the cash of that day can no longer be recorded; record it in the reports' driver settlement first, or confirm to close anyway | {count} drivers' days have no settlement recorded: {days:list}. Once closed, the cash of those days can no longer be recorded; record them in the reports' driver settlement first, or confirm to close anyway",
    countedBy: 'count',
  },
  'BOOKS.UNREISSUED_INVOICES': {
    'zh-TW': '還有 {count} 張作廢發票尚未重新開立：{numbers:list}；這些銷售目前沒有有效發票。請先到發票頁重新開立，或確定仍要關帳',
    en: 'A void invoice has not been reissued: {numbers:list}; its sale has no valid invoice. Reissue it on the invoices page first, or confirm to close anyway | {count} void invoices have not been reissued: {numbers:list}; their sales have no valid invoice. Reissue them on the invoices page first, or confirm to close anyway',
    countedBy: 'count',
  },
  'BOOKS.INVOICE_RUNS_DUE': {
    'zh-TW': '{months:list} 的月結發票還有 {count} 位客戶沒有開立；請先開立月結發票，或確定仍要關帳',
    en: 'The monthly invoice of {months:list} has not been issued for a customer; issue the monthly invoices first, or confirm to close anyway | The monthly invoices of {months:list} have not been issued for {count} customers; issue the monthly invoices first, or confirm to close anyway',
    countedBy: 'count',
  },
  'PAYMENT.BOOKS_CLOSED': closed('無法登記該日的收款', 'no payment can be recorded on that day'),
  'PAYMENT.VOID_BOOKS_CLOSED': voidClosed('收款', 'payment'),
  'REFUND.BOOKS_CLOSED': closed('無法登記該日的退款', 'no refund can be recorded on that day'),
  'REFUND.VOID_BOOKS_CLOSED': voidClosed('退款', 'refund'),
  'DEPOSIT.BOOKS_CLOSED': closed('無法登記該日的押金', 'no deposit can be recorded on that day'),
  // An allowance counts on the statement of the Taipei day it was issued: cancelling it would change that month.
  'ALLOWANCE.CANCEL_BOOKS_CLOSED': voidClosed('折讓', 'allowance', 'cancelled'),
  'SETTLEMENT.BOOKS_CLOSED': closed('無法登記或更改該日的司機日結', "no driver's settlement can be recorded or changed on that day"),
};
