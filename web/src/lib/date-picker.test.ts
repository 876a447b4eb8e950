import { TZDate } from '@date-fns/tz';
import { afterToday, beforeToday, pickerDay } from './date-picker';

// A date picker hands over its cells as midnights of the device's zone, whose calendar fields are the day shown: a device
// in Taipei, one in UTC, and one in Tokyo, whose midnight is still the day before in Taipei.
describe.each(['Asia/Taipei', 'UTC', 'Asia/Tokyo'])('a picker on a device in %s', (zone) => {
  const cell = (year: number, monthIndex: number, day: number): Date => new TZDate(year, monthIndex, day, zone);

  it('names the day a cell shows', () => {
    expect(pickerDay(cell(2026, 11, 2))).toBe('2026-12-02');
    expect(pickerDay(cell(2027, 1, 5))).toBe('2027-02-05');
  });

  it('greys out the days before today in Taipei, where 16:30 UTC on 12/1 is already 12/2', () => {
    const now = new Date('2026-12-01T16:30:00Z');
    expect(beforeToday(cell(2026, 11, 1), now)).toBe(true);
    expect(beforeToday(cell(2026, 11, 2), now)).toBe(false);
    expect(beforeToday(cell(2026, 11, 3), now)).toBe(false);
  });

  it('greys out the days after today in Taipei, where 16:30 UTC on 11/30 is already 12/1', () => {
    const now = new Date('2026-11-30T16:30:00Z');
    expect(afterToday(cell(2026, 10, 30), now)).toBe(false);
    expect(afterToday(cell(2026, 11, 1), now)).toBe(false);
    expect(afterToday(cell(2026, 11, 2), now)).toBe(true);
  });
});
