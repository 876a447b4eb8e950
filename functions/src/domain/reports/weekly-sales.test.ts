import { assertReportWeek, lastClosedWeek, weekOf } from './weekly-sales';

describe('weekly sales (週報) weeks', () => {
  it('runs a week from Monday to Sunday: a Sunday belongs to the Monday six days before', () => {
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
    expect(weekOf('2026-12-06')).toBe('2026-11-30');
    expect(weekOf('2026-12-07')).toBe('2026-12-07');
  });

  it('takes last week from the Taipei day: ten past midnight on Monday in Taipei, still Sunday in UTC, ends the week', () => {
    expect(lastClosedWeek(new Date('2026-12-06T16:10:00Z'))).toBe('2026-11-30');
    expect(lastClosedWeek(new Date('2026-12-06T15:50:00Z'))).toBe('2026-11-23');
  });

  it('refuses a week not begun in Taipei and allows the running one', () => {
    expect(() => assertReportWeek('2026-12-07', new Date('2026-12-06T15:50:00Z'))).toThrow(expect.objectContaining({ code: 'REPORT.WEEK_IN_FUTURE' }));
    expect(() => assertReportWeek('2026-12-07', new Date('2026-12-06T16:10:00Z'))).not.toThrow();
  });
});
