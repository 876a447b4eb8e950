import { dailyTrend } from './daily-trend';

describe('dailyTrend', () => {
  it('lists every day of the window oldest first, zero where the consumer wrote nothing', () => {
    const trend = dailyTrend(
      [
        { id: 'daily-2026-11-27', day: '2026-11-27', orders: { created: 4, delivered: 3 }, revenue: { delivered: 2460 } },
        { id: 'daily-2026-11-29', day: '2026-11-29', orders: { created: 2 } },
      ],
      '2026-11-29',
      3,
    );
    expect(trend.days).toEqual([
      { day: '2026-11-27', booked: 4, delivered: 3, cancelled: 0, revenueDelivered: 2460 },
      { day: '2026-11-28', booked: 0, delivered: 0, cancelled: 0, revenueDelivered: 0 },
      { day: '2026-11-29', booked: 2, delivered: 0, cancelled: 0, revenueDelivered: 0 },
    ]);
    expect(trend).toMatchObject({ booked: 6, delivered: 3, revenueDelivered: 2460 });
  });

  it('leaves out counters of days outside the window, across a month end', () => {
    const trend = dailyTrend(
      [
        { id: 'daily-2026-11-30', day: '2026-11-30', orders: { created: 5, cancelled: 1 } },
        { id: 'daily-2026-12-01', day: '2026-12-01', orders: { created: 5, cancelled: 1 } },
        { id: 'daily-2026-12-02', day: '2026-12-02', orders: { created: 7 } },
      ],
      '2026-12-01',
      2,
    );
    expect(trend.days.map((d) => d.day)).toEqual(['2026-11-30', '2026-12-01']);
    expect(trend.booked).toBe(10);
    expect(trend.cancelRate).toBeCloseTo(0.2);
  });

  it('has no cancellation rate when nothing was booked', () => {
    expect(dailyTrend([], '2026-11-29', 7).cancelRate).toBeNull();
  });
});
