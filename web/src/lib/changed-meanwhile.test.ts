import { keepOwn } from './changed-meanwhile';

describe('a draft carried over onto a record someone else changed', () => {
  const before = { day: '2026-12-01', start: '09:00', end: '11:00', notes: '' };
  const after = { day: '2026-12-02', start: '14:00', end: '16:00', notes: '後門' };

  it('keeps what the caller changed and takes the rest as the record is now', () => {
    expect(keepOwn(before, after, { ...before, notes: '前門' })).toEqual({ ...after, notes: '前門' });
    expect(keepOwn(before, after, before)).toEqual(after);
  });

  it('keeps keys that go together whole when the caller changed any of them', () => {
    expect(keepOwn(before, after, { ...before, end: '12:00' }, [['start', 'end']])).toEqual({ ...after, start: '09:00', end: '12:00' });
    expect(keepOwn(before, after, { ...before, end: '12:00' })).toEqual({ ...after, end: '12:00' });
  });
});
