/**
 * Arithmetic on `YYYY-MM-DD` calendar dates. Done in UTC on purpose: a calendar date has no time zone,
 * and UTC has no daylight saving, so adding days never drifts.
 */
const DAY_MS = 86_400_000;

const toUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as JavaScript and the customers' `closedDays` count them. */
export function weekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** The UTC instant of a Taipei wall-clock time on a calendar date (Taipei is UTC+8 all year). */
export function taipeiInstant(date: string, timeOfDay: string): string {
  return new Date(Date.parse(`${date}T${timeOfDay}:00+08:00`)).toISOString();
}
