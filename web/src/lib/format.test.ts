import { addDays, formatCalendarDate, formatDateTime, formatList, formatMoney, formatMonth, formatShortDate, formatTime, isCalendarDate, shortModelVersion, taipeiDate } from './format';

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
    expect(formatDateTime('2026-11-28T06:05:00Z')).toBe('2026/11/28\uff08六\uff0914:05');
  });
  it('shows the English weekday when the locale is en', () => {
    expect(formatDateTime('2026-11-28T06:05:00Z', 'en')).toBe('2026/11/28 (Sat) 14:05');
  });
  it('rolls over to the next Taipei day late in the UTC evening', () => {
    expect(formatDateTime('2026-11-28T16:30:00Z')).toBe('2026/11/29\uff08日\uff0900:30');
    expect(taipeiDate(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
  });
  it('formats a time of day in Taipei', () => {
    expect(formatTime('2026-11-28T01:00:00Z')).toBe('09:00');
  });
  it('formats a calendar date without shifting it, the weekday in full-width brackets as on every screen', () => {
    expect(formatCalendarDate('2026-11-28')).toBe('2026/11/28\uff08六\uff09');
    expect(formatCalendarDate('2026-11-30', 'en')).toBe('2026/11/30 (Mon)');
  });
  it('writes a short date as notices do, the weekday bracketed like the long one', () => {
    expect(formatShortDate('2026-02-16')).toBe('2/16\uff08一\uff09');
    expect(formatShortDate('2026-02-16', 'en')).toBe('2/16 (Mon)');
    expect(formatShortDate('2026-02-16', 'zh-TW', false)).toBe('2/16');
  });
  it('writes a month as the month pickers show it, and leaves anything else alone', () => {
    expect(formatMonth('2026-10')).toBe('2026/10');
    expect(formatMonth('2026-10-01')).toBe('2026-10-01');
  });
  it('adds days across month ends', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('takes a real YYYY-MM-DD date only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-11-31', '2026-1-05', '20261105', '', undefined, ['2026-11-05']].map(isCalendarDate)).toEqual(Array(8).fill(false));
  });
});

describe('shortModelVersion', () => {
  it('keeps the code version and the training day of a trained model, and leaves other versions alone', () => {
    expect(shortModelVersion('1.0.0+20261202T023640Z-2f09')).toBe('1.0.0 · 2026/12/02');
    expect(shortModelVersion('vertex-3')).toBe('vertex-3');
  });
  it('dates the training by the Taipei day, not the UTC one of the stamp: the weekly run at 03:00 on Sunday is Saturday 19:00 UTC', () => {
    expect(shortModelVersion('1.0.0+20261128T194625Z-d6c6')).toBe('1.0.0 · 2026/11/29');
  });
});

describe('formatList', () => {
  it('joins items as the language does', () => {
    expect(formatList(['一', '三'], 'zh-TW')).toBe('一、三');
    expect(formatList(['11/30（一） 待確認', '12/1（二） 待確認', '12/3（四） 已排程'], 'zh-TW')).toBe('11/30（一） 待確認、12/1（二） 待確認、12/3（四） 已排程');
    expect(formatList(['Mon', 'Wed', 'Fri'], 'en')).toBe('Mon, Wed, and Fri');
    expect(formatList(['12/1（二）'], 'zh-TW')).toBe('12/1（二）');
  });
});
