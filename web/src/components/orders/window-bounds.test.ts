import { wholeWindow } from './window-bounds';

const offered = { first: '07:00', last: '21:30' };
const none = { start: '', end: '' };

describe('a delivery window picked on one side only', () => {
  it('reads 結束 alone as "before": from the first hour offered', () => {
    expect(wholeWindow({ start: '', end: '11:00' }, none, offered)).toEqual({ start: '07:00', end: '11:00' });
  });

  it('reads 開始 alone as "after": to the last hour offered, a day closing early its closing', () => {
    expect(wholeWindow({ start: '14:00', end: '' }, none, offered)).toEqual({ start: '14:00', end: '21:30' });
    expect(wholeWindow({ start: '09:00', end: '' }, none, { first: '07:00', last: '12:00' })).toEqual({ start: '09:00', end: '12:00' });
  });

  it('takes the window off when either end of a whole one is cleared', () => {
    const whole = { start: '09:00', end: '11:00' };
    expect(wholeWindow({ start: '09:00', end: '' }, whole, offered)).toEqual(none);
    expect(wholeWindow({ start: '', end: '11:00' }, whole, offered)).toEqual(none);
  });

  it('leaves a whole window, and none, as they are', () => {
    expect(wholeWindow({ start: '09:00', end: '10:30' }, { start: '07:00', end: '10:30' }, offered)).toEqual({ start: '09:00', end: '10:30' });
    expect(wholeWindow(none, { start: '09:00', end: '11:00' }, offered)).toEqual(none);
  });
});
