/**
 * 週報: a Monday–Sunday week's sales in Taipei, as the owner reviews them on Monday morning, read as 月報 reads a month
 * (`monthly-sales.ts`: the same figures, breakdowns and CSV) against the week before and the same week a year before
 * (52 weeks back, so Monday still faces Monday: a weekday's trade differs from a Sunday's).
 */
import { addDays, weekday } from '../calendar';
import { taipeiDate } from '../clock';
import type { CsvLocale } from '../billing/statement-csv';
import { DomainError } from '../errors';
import { calendarDateSchema, z } from '../schema';
import {
  changeFrom,
  changeSchema,
  periodSchema,
  periodTotals,
  salesBreakdowns,
  salesBreakdownsSchema,
  salesCsv,
  salesTotalsSchema,
  type SalesCsvHead,
  type SalesPeriod,
  type SalesReportInput,
} from './monthly-sales';

const comparisonSchema = z.object({ week: calendarDateSchema.describe('The Monday the compared week begins on'), totals: salesTotalsSchema, change: changeSchema });

export const weeklySalesSchema = z
  .object({
    week: calendarDateSchema.describe('The Monday the week begins on'),
    period: periodSchema,
    /** False for the running week: more deliveries may come. */
    closed: z.boolean(),
    totals: salesTotalsSchema,
    previousWeek: comparisonSchema,
    lastYear: comparisonSchema,
  })
  .extend(salesBreakdownsSchema.shape)
  .openapi('WeeklySales');
export type WeeklySales = z.infer<typeof weeklySalesSchema>;

/** The Monday of the week `date` falls in (Monday–Sunday, as offices in Taiwan count the working week). */
export const weekOf = (date: string): string => addDays(date, -((weekday(date) + 6) % 7));

/** The week's seven days. */
export const weekPeriod = (week: string): SalesPeriod => ({ from: week, to: addDays(week, 6) });

/** The week the owner asks about on Monday: the last one ended in Taipei. */
export const lastClosedWeek = (now: Date): string => addDays(weekOf(taipeiDate(now)), -7);

/** The weeks a report compares: the week, the one before, the one 52 weeks before. */
export const comparedWeeks = (week: string): { week: string; previous: string; lastYear: string } => ({ week, previous: addDays(week, -7), lastYear: addDays(week, -364) });

/**
 * @throws `REPORT.WEEK_IN_FUTURE` (precondition) for a week that has not begun in Taipei; the running week is allowed, as a
 * report not yet closed.
 */
export function assertReportWeek(week: string, now: Date): void {
  const current = weekOf(taipeiDate(now));
  if (week > current) throw new DomainError('REPORT.WEEK_IN_FUTURE', 'precondition', `the week of ${week} has not begun (now the week of ${current})`, { week });
}

/**
 * The report of the week `week` falls in.
 * @throws `REPORT.WEEK_IN_FUTURE` for a week that has not begun.
 */
export function weeklySales(week: string, input: SalesReportInput): WeeklySales {
  const monday = weekOf(week);
  assertReportWeek(monday, input.now);
  const period = weekPeriod(monday);
  const { previous, lastYear } = comparedWeeks(monday);
  const totals = periodTotals(period, input.orders, input.counters);
  return {
    week: monday,
    period,
    closed: period.to < taipeiDate(input.now),
    totals,
    previousWeek: { week: previous, totals: input.previous, change: changeFrom(totals, input.previous) },
    lastYear: { week: lastYear, totals: input.lastYear, change: changeFrom(totals, input.lastYear) },
    ...salesBreakdowns(period, input.orders, input.customers, { period: weekPeriod(previous), orders: input.previousOrders }),
  };
}

const WEEK_HEAD: Readonly<Record<CsvLocale, (report: WeeklySales) => SalesCsvHead>> = {
  'zh-TW': (r) => ({
    title: '週報',
    notClosed: '本週尚未結束',
    totalsHeader: ['項目', `本週 ${r.week} 起`, `上週 ${r.previousWeek.week} 起`, '較上週 %', `去年同週 ${r.lastYear.week} 起`, '較去年同週 %'],
    rowChange: ['鋼瓶較上週 %', '營收較上週 %'],
  }),
  en: (r) => ({
    title: 'Weekly sales',
    notClosed: 'week still running',
    totalsHeader: ['figure', `week of ${r.week}`, `previous week ${r.previousWeek.week}`, 'change %', `same week last year ${r.lastYear.week}`, 'change %'],
    rowChange: ['cylinders vs previous week %', 'revenue vs previous week %'],
  }),
};

/** The week's report as a CSV for Excel in the caller's language, laid out as 月報's. */
export const weeklySalesCsv = (report: WeeklySales, locale: CsvLocale): string =>
  salesCsv(report.week, report, WEEK_HEAD[locale](report), [report.previousWeek, report.lastYear], locale);
