import { dayNumber } from './calendar';
import { closedDays, offClosedDays, openOrderDay } from './closures';

const day = dayNumber('2026-02-16');
const lunarBreak = closedDays([{ from: '2026-02-16', to: '2026-02-20' }]);

describe('closedDays', () => {
  it('merges periods that overlap or touch, in date order', () => {
    const merged = closedDays([
      { from: '2026-10-10', to: '2026-10-10' },
      { from: '2026-02-19', to: '2026-02-22' },
      { from: '2026-02-16', to: '2026-02-20' },
      { from: '2026-02-23', to: '2026-02-23' },
    ]);
    expect(merged.ranges).toEqual([
      { first: day, last: day + 7 },
      { first: dayNumber('2026-10-10'), last: dayNumber('2026-10-10') },
    ]);
  });
});

describe('openOrderDay (where an order lands whose natural day is closed)', () => {
  it('leaves an open day alone', () => {
    expect(openOrderDay(lunarBreak, day - 3, () => day - 3, day - 10)).toBe(day - 3);
  });

  it('puts the order on the last open day before when the gas would run out during the closure', () => {
    expect(openOrderDay(lunarBreak, day + 1, () => day + 2, day - 10)).toBe(day - 1);
  });

  it('puts it on the first open day after when the spares last until then', () => {
    expect(openOrderDay(lunarBreak, day + 1, () => day + 12, day - 10)).toBe(day + 5);
  });

  it('only after, once the closure has begun', () => {
    expect(openOrderDay(lunarBreak, day + 2, () => day + 2, day + 1)).toBe(day + 5);
  });
});

describe('offClosedDays (the day distribution of many orders around a closure)', () => {
  // Uniform over the 20 days from day − 10: 5 % of orders a day.
  const uniform = (x: number): number => Math.min(Math.max((x - (day - 10.5)) / 20, 0), 1);
  const perDay = (cdf: (x: number) => number, d: number): number => cdf(d + 0.5) - cdf(d - 0.5);

  it('empties the closed days into the days around them, half before and half after, and loses nothing', () => {
    const moved = offClosedDays(uniform, lunarBreak, day - 10);
    for (let d = day; d <= day + 4; d++) expect(perDay(moved, d)).toBeCloseTo(0, 12);
    expect(perDay(moved, day - 1)).toBeCloseTo(0.05 + 0.125, 12);
    expect(perDay(moved, day + 5)).toBeCloseTo(0.05 + 0.125, 12);
    expect(perDay(moved, day - 5)).toBeCloseTo(0.05, 12);
    expect(moved(day + 30)).toBeCloseTo(1, 12);
  });

  it('sends them all after once the closure has begun', () => {
    const moved = offClosedDays(uniform, lunarBreak, day + 1);
    expect(perDay(moved, day - 1)).toBeCloseTo(0.05, 12);
    expect(perDay(moved, day + 5)).toBeCloseTo(0.05 + 0.25, 12);
  });
});
