import { taipeiDate } from '../../lib/format';

/**
 * 統一發票 periods (期別) as the screens pick and show them. Invoices run in two-month periods starting on odd months
 * (1-2, 3-4 … 11-12); the API names one `2026-11/12`, the invoice prints it in the ROC year: 115年11-12月.
 */

const PERIOD = /^(\d{4})-(0[13579]|11)\/(0[2468]|1[02])$/;

const pad = (n: number) => String(n).padStart(2, '0');

export const isInvoicePeriod = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const m = PERIOD.exec(value);
  return m !== null && Number(m[3]) === Number(m[2]) + 1;
};

/** The period a Taipei calendar day (`YYYY-MM-DD`) falls in. */
export function invoicePeriodOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const first = month % 2 === 1 ? month : month - 1;
  return `${year}-${pad(first)}/${pad(first + 1)}`;
}

/** The running period in Taipei. */
export const currentInvoicePeriod = (now: Date = new Date()): string => invoicePeriodOf(taipeiDate(now));

/** The period before `period`: 2027-01/02 → 2026-11/12. */
export function previousInvoicePeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const first = Number(period.slice(5, 7));
  return first === 1 ? `${year - 1}-11/12` : `${year}-${pad(first - 2)}/${pad(first - 1)}`;
}

/**
 * The last day to file a period's 401 return: the 15th of the month after it (2026-09/10 → 2026-11-15). A void invoice
 * of a period past it belongs to a return already filed: reissuing it corrects that return, not the running one.
 */
export function filingDueOn(period: string): string {
  const year = Number(period.slice(0, 4));
  const after = Number(period.slice(8, 10)) + 1;
  return after > 12 ? `${year + 1}-01-15` : `${year}-${pad(after)}-15`;
}

/** Whether a period's return was due before the Taipei day `today`: filed, or late. */
export const isFiledPeriod = (period: string, today: string): boolean => today > filingDueOn(period);

/** The running period and the `count - 1` before it, newest first: what the office's picker offers. */
export function recentInvoicePeriods(count: number, now: Date = new Date()): string[] {
  const periods = [currentInvoicePeriod(now)];
  while (periods.length < count) periods.push(previousInvoicePeriod(periods[periods.length - 1] ?? ''));
  return periods;
}

/**
 * The parts of a period for the `invoices.period` text: zh-TW as the invoice prints it, 115年11-12月 (ROC year = year −
 * 1911, months as two digits like the API's `periodLabel`), English Nov–Dec 2026.
 */
export function invoicePeriodParams(period: string): { roc: number; year: number; from: string; to: string; fromName: string; toName: string } {
  const year = Number(period.slice(0, 4));
  const from = period.slice(5, 7);
  const to = period.slice(8, 10);
  const name = (month: string) => new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, Number(month) - 1, 15)));
  return { roc: year - 1911, year, from, to, fromName: name(from), toName: name(to) };
}
