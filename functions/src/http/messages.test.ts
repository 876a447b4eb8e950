import { closureDetails } from '../domain/closures';
import { messageFor } from './messages';

describe('messageFor', () => {
  const closed = { ...closureDetails({ name: '春節', from: '2027-02-05', to: '2027-02-09' }), path: 'requestedDate' };

  it('fills placeholders from the details, calendar dates as M/D and a pair of them as a range, in the caller’s language', () => {
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'zh-TW', 'fallback', closed)).toBe('2/5–2/9 春節休息，請選擇其他日期');
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'en', 'fallback', closed)).toBe('We are closed 2/5–2/9 (春節); please choose another day');
  });

  it('names a one-day closure by its day alone', () => {
    const oneDay = closureDetails({ name: '盤點', from: '2026-12-02', to: '2026-12-02' });
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'zh-TW', 'fallback', oneDay)).toBe('12/2 盤點休息，請選擇其他日期');
    expect(messageFor('CLOSURE.OVERLAPS', 'en', 'fallback', oneDay)).toBe('Overlaps 盤點 (12/2)');
  });

  it('leaves a placeholder it has no detail for, and falls back for an unknown code', () => {
    expect(messageFor('CLOSURE.OVERLAPS', 'en', 'fallback', { name: '盤點' })).toBe('Overlaps 盤點 ({days})');
    expect(messageFor('NO.SUCH_CODE', 'en', 'fallback', closed)).toBe('fallback');
    expect(messageFor('ORDER.NOT_FOUND', 'zh-TW', 'fallback')).toBe('找不到訂單');
  });
});
