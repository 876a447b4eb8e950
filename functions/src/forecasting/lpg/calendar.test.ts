import { addDays, dailyTemperature, dayNumber, inLunarNewYearWindow, isoDate, LUNAR_NEW_YEAR, TAIPEI_MONTHLY_MEAN_TEMP_C } from './calendar';

describe('calendar', () => {
  it('round-trips ISO dates through day numbers, across month and leap-year ends', () => {
    expect(isoDate(dayNumber('2028-02-28') + 1)).toBe('2028-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(() => dayNumber('2025/01/01')).toThrow(RangeError);
  });

  it('ships Lunar New Year dates for 2020–2030 and marks the days around them', () => {
    expect(LUNAR_NEW_YEAR.map((date) => date.slice(0, 4))).toEqual(
      ['2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030'],
    );
    expect(inLunarNewYearWindow(dayNumber('2026-02-10'))).toBe(true);
    expect(inLunarNewYearWindow(dayNumber('2026-06-10'))).toBe(false);
  });

  it('interpolates the Taipei climatology, preferring observed months', () => {
    expect(dailyTemperature(dayNumber('2025-01-15'))).toBeCloseTo(TAIPEI_MONTHLY_MEAN_TEMP_C[0] ?? 0);
    expect(dailyTemperature(dayNumber('2025-07-15'))).toBeGreaterThan(dailyTemperature(dayNumber('2025-01-15')) + 10);
    const between = dailyTemperature(dayNumber('2025-01-31'));
    expect(between).toBeGreaterThan(16.1);
    expect(between).toBeLessThan(16.5);
    expect(dailyTemperature(dayNumber('2025-01-15'), { '2025-01': 12 })).toBeCloseTo(12);
  });
});
