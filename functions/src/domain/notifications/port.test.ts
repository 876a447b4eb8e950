import { conflict } from '../errors';
import { isRetryableSendError, permanentSendError, retryableSendError } from './port';

describe('send error classification', () => {
  it('marks provider outages retryable and rejected requests permanent', () => {
    const cause = new Error('socket hang up');
    const outage = retryableSendError('LINE.UNAVAILABLE', 'LINE answered 503', { status: 503 }, cause);
    expect(outage).toMatchObject({ code: 'LINE.UNAVAILABLE', kind: 'unavailable', details: { status: 503 }, cause });
    expect(isRetryableSendError(outage)).toBe(true);
    expect(isRetryableSendError(permanentSendError('LINE.REJECTED', 'bad user id'))).toBe(false);
  });

  it('retries unknown failures (a bug in transit is not proof the message is bad)', () => {
    expect(isRetryableSendError(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryableSendError(conflict('X.Y', 'other domain error'))).toBe(false);
  });
});
