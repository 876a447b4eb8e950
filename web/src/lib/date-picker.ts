import { format } from 'date-fns';
import { taipeiDate } from './format';

/**
 * The calendar day of a date picker's cell as `YYYY-MM-DD`: Element Plus hands cells over as local
 * midnight, so the device's own calendar fields are the day shown. Converting the instant to Taipei instead would name
 * the day before on a device east of Taipei (its midnight is still yesterday there).
 */
export const pickerDay = (cell: Date): string => format(cell, 'yyyy-MM-dd');

/** Days before today in Taipei: what a picker of days still to come (a closure, an announcement, a promise) greys out. */
export const beforeToday = (cell: Date, now: Date = new Date()): boolean => pickerDay(cell) < taipeiDate(now);

/** Days after today in Taipei: nothing has happened on them yet (a payment, an inspection), so the picker greys them out. */
export const afterToday = (cell: Date, now: Date = new Date()): boolean => pickerDay(cell) > taipeiDate(now);
