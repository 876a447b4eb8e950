/**
 * 期別: Taiwan's uniform invoices run in bi-monthly periods (Jan–Feb … Nov–Dec). Every invoice number book (字軌)
 * belongs to one period, VAT is filed per period, and the lottery draws per period.
 */
import { taipeiDate } from '../clock';
import { z } from '../schema';

/** `YYYY-MM/MM`, an odd month then the even one after it, e.g. `2026-11/12`. */
export const invoicePeriodSchema = z
  .string('INVOICE.PERIOD_INVALID')
  .regex(/^\d{4}-(01\/02|03\/04|05\/06|07\/08|09\/10|11\/12)$/, 'INVOICE.PERIOD_INVALID')
  .openapi({ description: 'Bi-monthly invoice period (期別), YYYY-MM/MM', example: '2026-11/12' });
export type InvoicePeriod = z.infer<typeof invoicePeriodSchema>;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The period a Taipei calendar date (`YYYY-MM-DD`) falls in. */
export function periodOfDate(date: string): InvoicePeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = month % 2 === 1 ? month : month - 1;
  return `${year}-${pad2(first)}/${pad2(first + 1)}`;
}

/** The period of an instant, on the Taipei calendar (an invoice issued 2026-12-31T16:30Z is January's). */
export const periodOfInstant = (instant: Date): InvoicePeriod => periodOfDate(taipeiDate(instant));

/** The ROC-calendar form printed on invoices and used by the office: 民國 year = AD − 1911, e.g. `115年11-12月`. */
export function rocPeriodLabel(period: InvoicePeriod): string {
  const year = Number(period.slice(0, 4)) - 1911;
  return `${year}年${period.slice(5, 7)}-${period.slice(8, 10)}月`;
}

/** The period after this one (Nov–Dec 2026 → Jan–Feb 2027). */
export function nextPeriod(period: InvoicePeriod): InvoicePeriod {
  const year = Number(period.slice(0, 4));
  const first = Number(period.slice(5, 7));
  return first === 11 ? `${year + 1}-01/02` : `${year}-${pad2(first + 2)}/${pad2(first + 3)}`;
}

/** The period before this one (Jan–Feb 2027 → Nov–Dec 2026). */
export function previousPeriod(period: InvoicePeriod): InvoicePeriod {
  const year = Number(period.slice(0, 4));
  const first = Number(period.slice(5, 7));
  return first === 1 ? `${year - 1}-11/12` : `${year}-${pad2(first - 2)}/${pad2(first - 1)}`;
}

/** Firestore ids cannot hold `/`: `invoiceBooks/2026-11-12` is the book of `2026-11/12`. */
export const periodDocId = (period: InvoicePeriod): string => period.replace('/', '-');

/**
 * The last Taipei day an invoice of the period may still be voided (作廢): the 13th of the month after the period
 * ends. The seller files the period's VAT return (401) by the 15th, and the e-invoice platform closes the period's
 * changes before that; after it, a mistake is corrected with an allowance (折讓), not a void.
 */
export function voidDeadline(period: InvoicePeriod): string {
  const year = Number(period.slice(0, 4));
  const last = Number(period.slice(8, 10));
  return last === 12 ? `${year + 1}-01-13` : `${year}-${pad2(last + 1)}-13`;
}

/** Whether an invoice of the period may still be voided at `now` (through the whole deadline day in Taipei). */
export const withinVoidDeadline = (period: InvoicePeriod, now: Date): boolean => taipeiDate(now) <= voidDeadline(period);

/** MIG's 期別 of a period: the ROC year and its even month, `yyyMM` (`2026-11/12` → `11512`). */
export const rocYearMonth = (period: InvoicePeriod): string => `${Number(period.slice(0, 4)) - 1911}${period.slice(8, 10)}`;

/** The instant the period ends: Taipei midnight starting the next one (UTC+8, no daylight saving). */
export function periodEnd(period: InvoicePeriod): Date {
  const next = nextPeriod(period);
  return new Date(`${next.slice(0, 7)}-01T00:00:00+08:00`);
}

/** The two Taipei months (`YYYY-MM`) of a period, in order: what the 發票 page subtotals it by. */
export const periodMonths = (period: InvoicePeriod): [string, string] => [period.slice(0, 7), `${period.slice(0, 5)}${period.slice(8, 10)}`];
