import { dailyTrend } from './daily-trend';
import { dailyTrendCsv, punctualityCsv } from './kpi-csv';
import { punctualityByDriver } from './punctuality-summary';

const rows = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

describe("報表's 準時率 and trend as CSV", () => {
  it('lists each driver as the tab does (least punctual first, rate to a tenth of a percent, average late in whole minutes), then everyone', () => {
    const summary = punctualityByDriver([
      { id: 'punctuality-2026-11-26', day: '2026-11-26', drivers: { 'drv-1': { delivered: 3, onTime: 2, late: 1, minutesLate: 13 }, 'drv-2': { delivered: 2, unpromised: 2 } } },
    ]);
    const names: Record<string, string> = { 'drv-1': '陳司機' };
    expect(rows(punctualityCsv(summary, { from: '2026-11-01', to: '2026-11-30' }, (id) => names[id] ?? id, 'en'))).toEqual([
      'Lucky Gas punctuality',
      'Period,2026-11-01,2026-11-30',
      'Driver,Delivered,On-time rate,On time,Late,Average late (min),Early,No promise,Failed',
      '陳司機,3,66.7%,2,1,13,0,0,0',
      'drv-2,2,,0,0,,0,2,0',
      'All drivers,5,66.7%,2,1,13,0,2,0',
    ]);
  });

  it('gives every day of the trend a line, oldest first, then its totals and cancel rate', () => {
    const trend = dailyTrend([{ id: 'daily-2026-11-29', day: '2026-11-29', orders: { created: 4, delivered: 3, cancelled: 1 }, revenue: { delivered: 2460 } }], '2026-11-30', 2);
    expect(rows(dailyTrendCsv(trend, 'zh-TW'))).toEqual([
      '幸福氣 每日趨勢',
      '期間,2026-11-29,2026-11-30',
      '日期,接單數,送達數,取消數,送達營業額',
      '2026-11-29,4,3,1,2460',
      '2026-11-30,0,0,0,0',
      '合計,4,3,1,2460',
      '取消率,25.0%',
    ]);
  });
});
