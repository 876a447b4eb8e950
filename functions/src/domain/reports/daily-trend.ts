/**
 * Orders booked and delivered and delivered revenue per Taipei day: shared by 報表's trend (over the live counters) and its
 * CSV (`GET /api/reports/trend/export`), so both say the same.
 */
import { addDays } from '../calendar';

/** `reports/daily-<day>`: the counters the report consumer keeps per Taipei day (`daily-counters.ts`). */
export interface DailyReport {
  readonly id: string;
  readonly day: string;
  readonly orders?: Readonly<Record<string, number>>;
  readonly revenue?: Readonly<Record<string, number>>;
}

export interface TrendDay {
  readonly day: string;
  readonly booked: number;
  readonly delivered: number;
  readonly cancelled: number;
  readonly revenueDelivered: number;
}

export interface Trend {
  readonly days: TrendDay[];
  readonly booked: number;
  readonly delivered: number;
  readonly revenueDelivered: number;
  /** Cancelled ÷ booked over the window; null with nothing booked. */
  readonly cancelRate: number | null;
}

/** The `days` Taipei days ending with `end`, oldest first; a day without a counter document counts zero. */
export function dailyTrend(reports: readonly DailyReport[], end: string, days: number): Trend {
  const byDay = new Map(reports.map((r) => [r.day, r]));
  const series = Array.from({ length: days }, (_, i) => {
    const day = addDays(end, i - days + 1);
    const r = byDay.get(day);
    return {
      day,
      booked: r?.orders?.['created'] ?? 0,
      delivered: r?.orders?.['delivered'] ?? 0,
      cancelled: r?.orders?.['cancelled'] ?? 0,
      revenueDelivered: r?.revenue?.['delivered'] ?? 0,
    };
  });
  const sum = (pick: (d: TrendDay) => number) => series.reduce((s, d) => s + pick(d), 0);
  const booked = sum((d) => d.booked);
  return {
    days: series,
    booked,
    delivered: sum((d) => d.delivered),
    revenueDelivered: sum((d) => d.revenueDelivered),
    cancelRate: booked > 0 ? sum((d) => d.cancelled) / booked : null,
  };
}
