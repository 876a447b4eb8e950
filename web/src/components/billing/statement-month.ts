import { addDays, taipeiDate } from '../../lib/format';

/** `YYYY-MM`, as the statements API takes a month. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH.test(value);

/** The running month in Taipei. */
export const currentMonth = (now: Date = new Date()): string => taipeiDate(now).slice(0, 7);

/** The month a statement opens on: the last one closed, as the office bills at the start of a month. */
export const lastClosedMonth = (now: Date = new Date()): string => addDays(`${currentMonth(now)}-01`, -1).slice(0, 7);

/** Months after the running one have no statement yet: the picker greys them out (it hands over the month's first day). */
export function isFutureMonth(pickerDate: Date, now: Date = new Date()): boolean {
  return pickerDay(pickerDate).slice(0, 7) > currentMonth(now);
}

/** Days after today in Taipei: no payment is received tomorrow, so the date picker greys them out. */
export function isFutureDay(pickerDate: Date, now: Date = new Date()): boolean {
  return pickerDay(pickerDate) > taipeiDate(now);
}

/** The day a picker's local-midnight date names, from its local calendar fields. */
export const pickerDay = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
