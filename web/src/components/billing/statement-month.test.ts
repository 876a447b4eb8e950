import { currentMonth, isFutureMonth, isMonth, lastClosedMonth, lastDayOf } from './statement-month';

describe('statement months', () => {
  it('takes YYYY-MM only', () => {
    expect(isMonth('2026-11')).toBe(true);
    for (const bad of ['2026-13', '2026-1', '202611', undefined, ['2026-11']]) expect(isMonth(bad)).toBe(false);
  });

  it('counts months in Taipei, where 16:30 UTC on 11/30 is already December', () => {
    expect(currentMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(lastClosedMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-11');
    expect(lastClosedMonth(new Date('2027-01-15T04:00:00Z'))).toBe('2026-12');
  });

  it('ends a month on its last day, February and December too', () => {
    expect(['2026-11', '2026-12', '2027-02', '2028-02', '2026-01'].map(lastDayOf)).toEqual(['2026-11-30', '2026-12-31', '2027-02-28', '2028-02-29', '2026-01-31']);
  });

  it('greys out the months after the running one', () => {
    const now = new Date('2026-11-29T04:00:00Z');
    expect(isFutureMonth(new Date(2026, 10, 1), now)).toBe(false);
    expect(isFutureMonth(new Date(2026, 11, 1), now)).toBe(true);
    expect(isFutureMonth(new Date(2026, 9, 1), now)).toBe(false);
  });
});
