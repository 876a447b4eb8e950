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

  it('sums the days per size against the fulls, ordering whole cylinders for what they do not cover', () => {
    const days = dailyOutlook(stored, [{ requestedDate: '2026-12-02', items: [{ size: 20, quantity: 6 }] }], [], '2026-12-02', 3);
    expect(dailyTotals(days, new Map([[20, 7]]))).toEqual([{ size: 20, booked: 6, mean: 7.7, expected: 9.5, fulls: 7, short: 3 }]);
    expect(dailyTotals(days, new Map([[20, 12]]))[0]?.short).toBe(0);
  });
});
