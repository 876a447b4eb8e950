import { debounce } from './debounce';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('debounce', () => {
  it('calls once the calls pause, with the latest arguments', () => {
    const fn = jest.fn();
    const typed = debounce(fn, 300);
    typed('林');
    jest.advanceTimersByTime(200);
    typed('林家');
    jest.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn.mock.calls).toEqual([['林家']]);
    jest.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('drops the pending call when cancelled', () => {
    const fn = jest.fn();
    const typed = debounce(fn, 300);
    typed('麵');
    typed.cancel();
    jest.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
