import { pickerDay } from '../../lib/date-picker';
import { addDays, taipeiDate } from '../../lib/format';

/** `YYYY-MM`, as the statements API takes a month. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH.test(value);

/** The running month in Taipei. */
export const currentMonth = (now: Date = new Date()): string => taipeiDate(now).slice(0, 7);

/** A month's last day, `YYYY-MM-DD`. */
export const lastDayOf = (month: string): string => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

/** The month a statement opens on: the last one closed, as the office bills at the start of a month. */
export const lastClosedMonth = (now: Date = new Date()): string => addDays(`${currentMonth(now)}-01`, -1).slice(0, 7);

/** Months after the running one have no statement yet: the picker greys them out (it hands over the month's first day). */
export function isFutureMonth(pickerDate: Date, now: Date = new Date()): boolean {
  return pickerDay(pickerDate).slice(0, 7) > currentMonth(now);
}
