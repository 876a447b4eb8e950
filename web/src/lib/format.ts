import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enUS, zhTW } from 'date-fns/locale';

/** The business runs on Taipei time whatever the device's time zone says. */
export const TAIPEI = 'Asia/Taipei';

export type AppLocale = 'zh-TW' | 'en';

const dateFnsLocale = (locale: AppLocale) => (locale === 'en' ? enUS : zhTW);
/**
 * The weekday after a date, as a date-fns pattern: Chinese as the single character in full-width brackets, the way
 * Taiwanese documents and notices write it (`（六）`, escaped: code holds no Chinese text); English as the short name
 * in ASCII brackets after a space (` (Sat)`). Every date on every screen writes it so.
 */
const weekday = (locale: AppLocale) => (locale === 'en' ? ' (EEE)' : '\uff08EEEEE\uff09');

const moneyFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Integer NT$ amounts as `NT$1,250`; negative amounts as `-NT$1,250`. */
export function formatMoney(amount: number): string {
  const rounded = Math.round(amount);
  const sign = rounded < 0 ? '-' : '';
  return `${sign}NT$${moneyFormat.format(Math.abs(rounded))}`;
}

/** An ISO instant as `2026/11/28（六）14:05` in Taipei time, `2026/11/28 (Sat) 14:05` in English. */
export function formatDateTime(iso: string, locale: AppLocale = 'zh-TW'): string {
  return format(new TZDate(iso, TAIPEI), `yyyy/MM/dd${weekday(locale)}${locale === 'en' ? ' ' : ''}HH:mm`, {
    locale: dateFnsLocale(locale),
  });
}

/** An ISO instant as `14:05` in Taipei time. */
export function formatTime(iso: string): string {
  return format(new TZDate(iso, TAIPEI), 'HH:mm');
}

/** A `YYYY-MM-DD` calendar date in the pattern; anything else unchanged. */
function formatDay(date: string, pattern: string, locale: AppLocale): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return date;
  // Noon keeps the calendar date stable whatever offset the Date is read in.
  const day = new TZDate(y, m - 1, d, 12, 0, 0, TAIPEI);
  return format(day, pattern, { locale: dateFnsLocale(locale) });
}

/** A `YYYY-MM-DD` calendar date as `2026/11/28（六）`, `2026/11/28 (Sat)` in English. */
export function formatCalendarDate(date: string, locale: AppLocale = 'zh-TW'): string {
  return formatDay(date, `yyyy/MM/dd${weekday(locale)}`, locale);
}

/**
 * A `YYYY-MM-DD` calendar date as short as Taiwanese notices write it: `2/16（一）` (full-width
 * brackets), `2/16 (Mon)` in English; `2/16` without the weekday.
 */
export function formatShortDate(date: string, locale: AppLocale = 'zh-TW', withWeekday = true): string {
  return formatDay(date, withWeekday ? `M/d${weekday(locale)}` : 'M/d', locale);
}

/** A `YYYY-MM` month as `2026/10`, as the month pickers show it, for a compact cell; anything else unchanged. */
export function formatMonth(month: string): string {
  return /^\d{4}-\d{2}$/.test(month) ? month.replace('-', '/') : month;
}

/** A `YYYY-MM` month's parts for the `receivables.month` text: zh-TW writes 2026 年 8 月, English 2026-08. */
export const monthParams = (month: string): { year: string; month: number; mm: string } => ({ year: month.slice(0, 4), month: Number(month.slice(5)), mm: month.slice(5) });

/** Today's calendar date in Taipei as `YYYY-MM-DD`. */
export function taipeiDate(now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), TAIPEI), 'yyyy-MM-dd');
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (a page's `?date=` as typed or kept in a bookmark). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

/** The Taipei calendar date `days` after `date` (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return date;
  return format(new TZDate(y, m - 1, d + days, 12, 0, 0, TAIPEI), 'yyyy-MM-dd');
}

/**
 * A trained model's version (`<code version>+<UTC training time>-<hash>`) as a table can show it:
 * the code version and the training day in Taipei (the weekly run at 03:00 is the day before in UTC); anything else unchanged.
 */
export function shortModelVersion(version: string): string {
  const m = /^([^+]+)\+(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(version);
  if (!m) return version;
  const trained = new Date(`${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}Z`);
  return `${m[1]} · ${taipeiDate(trained).replaceAll('-', '/')}`;
}

/**
 * Items as one phrase in the page's language: `12/1（二）、12/3（四）`, `Mon and Wed`. Chinese lists take 、 throughout:
 * Intl's 和 runs into items that end in a word (「11/30（一） 待確認和12/1（二） 待確認」). Written as an escape: code holds no
 * CJK text (locales.test.ts).
 */
export function formatList(items: readonly string[], locale: string): string {
  return locale.startsWith('zh') ? items.join('\u3001') : new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
