import { TimeoutError, withTimeout } from './timeout';

describe('withTimeout', () => {
  it('returns the result of work that finishes in time', async () => {
    await expect(withTimeout('fast', 1000, async () => 42)).resolves.toBe(42);
  });

  it('passes through the error of work that fails in time', async () => {
    await expect(withTimeout('failing', 1000, () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
  });

  it('rejects with an unavailable TimeoutError and aborts the signal at the deadline', async () => {
    let seen: AbortSignal | undefined;
    const slow = withTimeout('slow service', 20, (signal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    });
    await expect(slow).rejects.toBeInstanceOf(TimeoutError);
    await expect(slow).rejects.toMatchObject({ code: 'RESILIENCE.TIMEOUT', kind: 'unavailable' });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(TimeoutError);
  });
});
