import type { IsoDate, MonthlyTemperatures } from './types';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date (calendar dates carry no time zone). */
export function dayNumber(date: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not an ISO calendar date: ${date}`);
  return Math.round(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS);
}

export function isoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export { addDays } from '../../domain/calendar';

/**
 * Taipei station monthly mean temperature, °C, Jan..Dec (Central Weather Administration
 * 1991–2020 normals). The local default wherever observed temperatures are not supplied.
 */
export const TAIPEI_MONTHLY_MEAN_TEMP_C: readonly number[] = [
  16.1, 16.5, 18.5, 21.9, 25.2, 27.7, 29.6, 29.2, 27.4, 24.5, 21.5, 17.9,
];

/** Lunar New Year's Day (春節, first day of the first lunar month), 2020–2030. */
export const LUNAR_NEW_YEAR: readonly IsoDate[] = [
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-03',
];

/** Days around Lunar New Year with extra cooking (stock-up, family meals, restaurant banquets). */
export const LUNAR_NEW_YEAR_WINDOW = { before: 14, after: 5 } as const;

const LUNAR_NEW_YEAR_DAYS = LUNAR_NEW_YEAR.map(dayNumber);

export function inLunarNewYearWindow(day: number): boolean {
  return LUNAR_NEW_YEAR_DAYS.some(
    (lny) => day >= lny - LUNAR_NEW_YEAR_WINDOW.before && day <= lny + LUNAR_NEW_YEAR_WINDOW.after,
  );
}

/**
 * Daily mean temperature: monthly means (observed where given, else the climatology) placed on
 * the 15th and interpolated linearly, so burn rates change smoothly across month boundaries.
 */
export function dailyTemperature(day: number, observed: MonthlyTemperatures = {}): number {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const mid = Math.round(Date.UTC(year, month, 15) / DAY_MS);
  const otherMonth = day >= mid ? month + 1 : month - 1;
  const otherMid = Math.round(Date.UTC(year, otherMonth, 15) / DAY_MS);
  const share = Math.abs(day - mid) / Math.abs(otherMid - mid);
  return (1 - share) * monthTemperature(year, month, observed) + share * monthTemperature(year, otherMonth, observed);
}

function monthTemperature(year: number, month: number, observed: MonthlyTemperatures): number {
  const normalized = new Date(Date.UTC(year, month, 1));
  const key = normalized.toISOString().slice(0, 7);
  return observed[key] ?? TAIPEI_MONTHLY_MEAN_TEMP_C[normalized.getUTCMonth()] ?? 22;
}

export const REFERENCE_TEMP_C =
  TAIPEI_MONTHLY_MEAN_TEMP_C.reduce((total, value) => total + value, 0) / TAIPEI_MONTHLY_MEAN_TEMP_C.length;
