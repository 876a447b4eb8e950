import fc from 'fast-check';
import { addDays, daysBetween, taipeiInstant, weekday } from './calendar';

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days between dates as the inverse of addDays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 2000 }), (n) => {
        expect(daysBetween('2026-11-28', addDays('2026-11-28', n))).toBe(n);
      }),
    );
  });

  it('numbers weekdays from Sunday = 0', () => {
    expect(weekday('2026-11-29')).toBe(0);
    expect(weekday('2026-11-28')).toBe(6);
  });

  it('turns a Taipei wall-clock time into the UTC instant', () => {
    expect(taipeiInstant('2026-11-28', '07:30')).toBe('2026-11-27T23:30:00.000Z');
  });
});
