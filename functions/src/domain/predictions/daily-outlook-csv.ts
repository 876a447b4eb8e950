/**
 * The daily outlook (每日叫貨預估) as CSV for the filling plant's order: a row per day and size, then a row per size
 * against the fulls. UTF-8 with BOM, CRLF; texts in the caller's language, dates as ISO days for the spreadsheet with the
 * weekday beside them.
 */
import { weekday } from '../calendar';
import type { CsvLocale } from '../billing/statement-csv';
import { csvFile, type Cell } from '../csv';
import type { DailyOutlookDay, DailyTotal } from './daily-outlook';
import type { DemandAdjustment } from './demand-adjustment';

interface Texts {
  readonly title: string;
  readonly asOf: string;
  readonly area: string;
  readonly everyDepot: string;
  readonly adjusted: string;
  readonly adjustment: (a: DemandAdjustment) => string;
  readonly columns: readonly string[];
  readonly totals: readonly string[];
  readonly weekdays: readonly string[];
  readonly size: (size: number) => string;
  readonly closed: (name: string) => string;
  readonly closesEarly: (name: string, at: string) => string;
  readonly districts: (list: string) => string;
}

const TEXTS: Readonly<Record<CsvLocale, Texts>> = {
  'zh-TW': {
    title: '幸福氣 每日叫貨預估（分裝場）',
    asOf: '預測日',
    area: '範圍',
    everyDepot: '全部',
    adjusted: '需求調整',
    adjustment: (a) => `${a.reason} ×${a.factor}（${a.from}–${a.to}）`,
    columns: ['日期', '星期', '休息／提早收工', '規格', '已訂（瓶）', '預測平均', '預測 P10', '預測 P90', '預計需求'],
    totals: ['規格', '已訂合計', '預測合計', '預計需求合計', '庫存實瓶', '應叫貨'],
    weekdays: ['日', '一', '二', '三', '四', '五', '六'],
    size: (size) => `${size} 公斤`,
    closed: (name) => `${name}（休息）`,
    closesEarly: (name, at) => `${name}（${at} 提早收工）`,
    districts: (list) => `（${list}）`,
  },
  en: {
    title: 'Lucky Gas daily order outlook (filling plant)',
    asOf: 'Forecast of',
    area: 'Area',
    everyDepot: 'All depots',
    adjusted: 'Demand adjustment',
    adjustment: (a) => `${a.reason} ×${a.factor} (${a.from} to ${a.to})`,
    columns: ['Date', 'Day', 'Closed / closing early', 'Size', 'Booked', 'Forecast mean', 'Forecast P10', 'Forecast P90', 'Expected'],
    totals: ['Size', 'Booked', 'Forecast', 'Expected', 'Fulls in stock', 'To order'],
    weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    size: (size) => `${size} kg`,
    closed: (name) => `${name} (closed)`,
    closesEarly: (name, at) => `${name} (closing at ${at})`,
    districts: (list) => ` (${list})`,
  },
};

const tenths = (value: number): number => Math.round(value * 10) / 10;

/**
 * `depotName` absent: every depot's customers. Each 需求調整 over the days is named under the area, so whoever reads the
 * file (the filling plant, the next clerk) knows why those days are larger than the models alone said.
 */
export function dailyOutlookCsv(
  asOf: string,
  depotName: string | undefined,
  days: readonly DailyOutlookDay[],
  totals: readonly DailyTotal[],
  locale: CsvLocale,
  adjustments: readonly DemandAdjustment[] = [],
): string {
  const t = TEXTS[locale];
  const rows: Cell[][] = [
    [t.title],
    [t.asOf, asOf],
    [t.area, depotName ?? t.everyDepot],
    ...adjustments.map((a): Cell[] => [t.adjusted, t.adjustment(a)]),
    [],
    [...t.columns],
    ...days.flatMap((day) => {
      const marks = day.closures
        .map((c) => (c.closesAt === undefined ? t.closed(c.name) : t.closesEarly(c.name, c.closesAt)) + (c.districts ? t.districts(c.districts.join('、')) : ''))
        .join('; ');
      const head = [day.date, t.weekdays[weekday(day.date)] ?? '', marks];
      return day.bySize.length === 0
        ? [head]
        : day.bySize.map((l): Cell[] => [...head, t.size(l.size), l.booked, tenths(l.mean), tenths(l.p10), tenths(l.p90), tenths(l.expected)]);
    }),
    [],
    [...t.totals],
    ...totals.map((l): Cell[] => [t.size(l.size), l.booked, tenths(l.mean), tenths(l.expected), l.fulls, l.short]),
  ];
  return csvFile(rows);
}
