/** Seasonality of gas use in Taiwan: cold winters (water heaters, hot pot) and the Lunar New Year. */
import { addDays, taipeiInstant } from '../../domain/calendar';
import type { Closure } from '../../domain/closures';
import { LUNAR_NEW_YEAR } from '../../forecasting/lpg/calendar';

/** Days before New Year's Eve when households and restaurants stock up. */
export const LNY_RUSH_DAYS = 14;
/** Days from New Year's Eve on with (almost) no deliveries. */
export const LNY_HOLIDAY_DAYS = 5;

/** New Year's Eve (除夕) of the lunar year that starts in the given Gregorian year. */
export function lunarNewYearsEve(year: number): string | undefined {
  const day = LUNAR_NEW_YEAR.find((date) => date.startsWith(`${year}-`));
  return day ? addDays(day, -1) : undefined;
}

/**
 * The business closures the holiday above implies: 春節 from 除夕 for `LNY_HOLIDAY_DAYS` days, for
 * every year from `firstDay`'s to the year after `today`'s, so the demo's history (which has no
 * deliveries then) and the closures the API enforces agree. Entered by the admin two months ahead.
 */
export function demoClosures(firstDay: string, today: string): Closure[] {
  const years = Array.from({ length: Number(today.slice(0, 4)) - Number(firstDay.slice(0, 4)) + 2 }, (_, i) => Number(firstDay.slice(0, 4)) + i);
  return years.flatMap((year) => {
    const eve = lunarNewYearsEve(year);
    if (!eve) return [];
    const enteredOn = [addDays(eve, -60), addDays(today, -1)].sort()[0] as string;
    return [
      {
        id: `cl-${eve}-lny`,
        name: '春節',
        from: eve,
        to: addDays(eve, LNY_HOLIDAY_DAYS - 1),
        createdAt: taipeiInstant(enteredOn, '10:00'),
        createdBy: 'u-admin',
      },
    ];
  });
}

const eveFor = (date: string): string | undefined => lunarNewYearsEve(Number(date.slice(0, 4)));

export function isLunarHoliday(date: string): boolean {
  const eve = eveFor(date);
  return !!eve && date >= eve && date < addDays(eve, LNY_HOLIDAY_DAYS);
}

export function isLunarRush(date: string): boolean {
  const eve = eveFor(date);
  return !!eve && date >= addDays(eve, -LNY_RUSH_DAYS) && date < eve;
}

/** The first day after the holiday, and the last day before it, for a date inside it. */
export function lunarHolidayBounds(date: string): { before: string; after: string } | undefined {
  const eve = eveFor(date);
  return eve ? { before: addDays(eve, -1), after: addDays(eve, LNY_HOLIDAY_DAYS) } : undefined;
}

const dayOfYear = (date: string): number =>
  Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000);

/** Relative consumption rate: peaks mid-January, lowest mid-July. */
export function seasonalRate(date: string, amplitude: number): number {
  return 1 + amplitude * Math.cos((2 * Math.PI * (dayOfYear(date) - 15)) / 365.25);
}

/** Extra cooking and stocking before the New Year. */
export const LNY_RUSH_RATE = 1.5;

export const isWinter = (date: string): boolean => ['12', '01', '02'].includes(date.slice(5, 7));
export const isSummer = (date: string): boolean => ['06', '07', '08'].includes(date.slice(5, 7));
