/**
 * 報表's 準時率 and trend as CSV, from the same functions the page computes them with (`punctualityByDriver`,
 * `dailyTrend`), so the file says what the screen says.
 */
import type { CsvLocale } from '../billing/statement-csv';
import { csvFile, type Cell } from '../csv';
import type { Trend } from './daily-trend';
import type { DriverPunctuality, PunctualitySummary } from './punctuality-summary';

const TEXTS = {
  'zh-TW': {
    punctualityTitle: '幸福氣 準時率',
    trendTitle: '幸福氣 每日趨勢',
    period: '期間',
    driverColumns: ['司機', '送達', '準時率', '準時', '遲到', '平均遲到（分鐘）', '提早', '未約時段', '失敗'],
    everyone: '全部司機',
    dayColumns: ['日期', '接單數', '送達數', '取消數', '送達營業額'],
    total: '合計',
    cancelRate: '取消率',
  },
  en: {
    punctualityTitle: 'Lucky Gas punctuality',
    trendTitle: 'Lucky Gas daily trend',
    period: 'Period',
    driverColumns: ['Driver', 'Delivered', 'On-time rate', 'On time', 'Late', 'Average late (min)', 'Early', 'No promise', 'Failed'],
    everyone: 'All drivers',
    dayColumns: ['Date', 'Booked', 'Delivered', 'Cancelled', 'Revenue delivered'],
    total: 'Total',
    cancelRate: 'Cancel rate',
  },
} as const satisfies Record<CsvLocale, unknown>;

/** A rate as the page shows it, one decimal of a percent; empty with nothing to rate. */
const percent = (rate: number | null): string => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);

/**
 * 準時率 over `from`..`to`: a line per driver (named by `nameOf`), least punctual first as on the page, then everyone's;
 * the average late in whole minutes, empty when none was late.
 */
export function punctualityCsv(summary: PunctualitySummary, period: { from: string; to: string }, nameOf: (driverId: string) => string, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const line = (name: string, d: DriverPunctuality): Cell[] => [
    name,
    d.delivered,
    percent(d.onTimeRate),
    d.onTime,
    d.late,
    d.averageLate === null ? '' : Math.round(d.averageLate),
    d.early,
    d.unpromised,
    d.failed,
  ];
  return csvFile([[t.punctualityTitle], [t.period, period.from, period.to], [...t.driverColumns], ...summary.drivers.map((d) => line(nameOf(d.driverId), d)), line(t.everyone, summary.all)]);
}

/** The trend a day a line, oldest first, then its totals and cancel rate. */
export function dailyTrendCsv(trend: Trend, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const cancelled = trend.days.reduce((n, d) => n + d.cancelled, 0);
  return csvFile([
    [t.trendTitle],
    [t.period, trend.days[0]?.day ?? '', trend.days.at(-1)?.day ?? ''],
    [...t.dayColumns],
    ...trend.days.map((d): Cell[] => [d.day, d.booked, d.delivered, d.cancelled, d.revenueDelivered]),
    [t.total, trend.booked, trend.delivered, cancelled, trend.revenueDelivered],
    [t.cancelRate, percent(trend.cancelRate)],
  ]);
}
