import { addDays, formatCalendarDate, formatDateTime, formatDocumentDate, formatMoney, formatTime, shortModelVersion, taipeiDate } from './format';

describe('formatMoney', () => {
  it('writes integer NT$ with thousands separators and no decimals', () => {
    expect(formatMoney(1250)).toBe('NT$1,250');
    expect(formatMoney(0)).toBe('NT$0');
    expect(formatMoney(1234567)).toBe('NT$1,234,567');
  });
  it('rounds stray fractions and keeps the sign in front', () => {
    expect(formatMoney(799.6)).toBe('NT$800');
    expect(formatMoney(-1250)).toBe('-NT$1,250');
  });
});

describe('Taipei dates and times', () => {
  it('shows an instant in Taipei time with the Chinese weekday', () => {
    expect(formatDateTime('2026-11-28T06:05:00Z')).toBe('2026/11/28 (六) 14:05');
  });
  it('shows the English weekday when the locale is en', () => {
    expect(formatDateTime('2026-11-28T06:05:00Z', 'en')).toBe('2026/11/28 (Sat) 14:05');
  });
  it('rolls over to the next Taipei day late in the UTC evening', () => {
    expect(formatDateTime('2026-11-28T16:30:00Z')).toBe('2026/11/29 (日) 00:30');
    expect(taipeiDate(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
  });
  it('formats a time of day in Taipei', () => {
    expect(formatTime('2026-11-28T01:00:00Z')).toBe('09:00');
  });
  it('formats a calendar date without shifting it', () => {
    expect(formatCalendarDate('2026-11-28')).toBe('2026/11/28 (六)');
    expect(formatCalendarDate('2026-11-30', 'en')).toBe('2026/11/30 (Mon)');
  });
  it('prints a calendar date as Taiwanese documents do, with the weekday in full-width brackets', () => {
    expect(formatDocumentDate('2026-11-05')).toBe('2026/11/05\uff08四\uff09');
    expect(formatDocumentDate('2026-11-05', 'en')).toBe('2026/11/05 (Thu)');
  });
  it('adds days across month ends', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('shortModelVersion', () => {
  it('keeps the code version and the training day of a trained model, and leaves other versions alone', () => {
    expect(shortModelVersion('1.0.0+20261128T194625Z-d6c6')).toBe('1.0.0 · 2026/11/28');
    expect(shortModelVersion('vertex-3')).toBe('vertex-3');
  });
});
