import { dailyOutlook, dailyTotals } from './daily-outlook';

const stored = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((from, n) => ({
  from,
  bySize: [{ size: 20 as const, mean: [5, 4.2, 0, 3.5][n] ?? 0, p10: 1, p90: 8 }],
}));

describe('dailyOutlook (the filling plant order, a day at a time)', () => {
  it('takes the booked cylinders or the mean, whichever is more: booked orders are part of the outlook, not on top of it', () => {
    const booked = [
      { requestedDate: '2026-12-02', items: [{ size: 20 as const, quantity: 3 }] },
      { requestedDate: '2026-12-02', items: [{ size: 20 as const, quantity: 3 }, { size: 50 as const, quantity: 1 }] },
      { requestedDate: '2026-12-04', items: [{ size: 20 as const, quantity: 2 }] },
    ];
    const days = dailyOutlook(stored, booked, [], '2026-12-02', 3);
    expect(days.map((d) => d.date)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
    expect(days[0]?.bySize).toEqual([
      { size: 20, booked: 6, mean: 4.2, p10: 1, p90: 8, expected: 6 },
      { size: 50, booked: 1, mean: 0, p10: 0, p90: 0, expected: 1 },
    ]);
    expect(days[2]?.bySize).toEqual([{ size: 20, booked: 2, mean: 3.5, p10: 1, p90: 8, expected: 3.5 }]);
  });

  it('marks a closed day and a day closing early, with the districts of a closure of some', () => {
    const closures = [
      { name: '盤點', from: '2026-12-03', to: '2026-12-03' },
      { name: '颱風', from: '2026-12-03', to: '2026-12-04', districts: ['烏來區'], closesAt: '10:00' },
    ];
    const days = dailyOutlook(stored, [], closures, '2026-12-02', 3);
    expect(days.map((d) => d.closures)).toEqual([[], [{ name: '盤點' }, { name: '颱風', closesAt: '10:00', districts: ['烏來區'] }], [{ name: '颱風', closesAt: '10:00', districts: ['烏來區'] }]]);
  });

  it("moves what the outlook still expects on a day nobody delivers to the working day before it, a week's total unchanged", () => {
    // 2026-12-06 is a Sunday: the company's only non-working days are its closures, here one declared after the night's run.
    const week = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'].map((from, n) => ({
      from,
      bySize: [
        { size: 20 as const, mean: [5, 4, 6, 3, 7, 8, 2][n]!, p10: 1, p90: 9 },
        ...(n === 5 ? [{ size: 4 as const, mean: 1.5, p10: 0, p90: 3 }] : []),
      ],
    }));
    const closures = [
      { name: '公司休息', from: '2026-12-06', to: '2026-12-06' },
      // Neither a day closing early nor a closure of some districts is a day nobody delivers.
      { name: '提早收工', from: '2026-12-02', to: '2026-12-02', closesAt: '12:00' },
      { name: '颱風', from: '2026-12-03', to: '2026-12-03', districts: ['烏來區'] },
    ];
    const days = dailyOutlook(week, [], closures, '2026-12-01', 7);
    const line = (date: string, size: number) => days.find((d) => d.date === date)?.bySize.find((l) => l.size === size);
    expect(line('2026-12-06', 20)).toEqual({ size: 20, booked: 0, mean: 0, p10: 0, p90: 0, expected: 0 });
    expect(line('2026-12-06', 4)).toMatchObject({ mean: 0, expected: 0 });
    expect(line('2026-12-05', 20)).toEqual({ size: 20, booked: 0, mean: 15, p10: 9, p90: 17, expected: 15 });
    expect(line('2026-12-05', 4)).toEqual({ size: 4, booked: 0, mean: 1.5, p10: 1.5, p90: 1.5, expected: 1.5 });
    expect([line('2026-12-02', 20)?.mean, line('2026-12-03', 20)?.mean, line('2026-12-07', 20)?.mean]).toEqual([4, 6, 2]);
    const before = dailyTotals(dailyOutlook(week, [], [], '2026-12-01', 7), new Map());
    expect(dailyTotals(days, new Map()).map((t) => [t.size, t.mean, t.expected])).toEqual(before.map((t) => [t.size, t.mean, t.expected]));
    // Closed from the first day shown: no working day before it here, so the first after it takes the need.
    const fromClosed = dailyOutlook(week, [], [{ name: '盤點', from: '2026-12-01', to: '2026-12-02' }], '2026-12-01', 7);
    expect(fromClosed.slice(0, 3).map((d) => d.bySize.find((l) => l.size === 20)?.mean)).toEqual([0, 0, 15]);
  });

  it('sums the days per size against the fulls, ordering whole cylinders for what they do not cover', () => {
    const days = dailyOutlook(stored, [{ requestedDate: '2026-12-02', items: [{ size: 20, quantity: 6 }] }], [], '2026-12-02', 3);
    expect(dailyTotals(days, new Map([[20, 7]]))).toEqual([{ size: 20, booked: 6, mean: 7.7, expected: 9.5, fulls: 7, short: 3 }]);
    expect(dailyTotals(days, new Map([[20, 12]]))[0]?.short).toBe(0);
  });
});
