import { DomainError } from '../errors';

export class TimeoutError extends DomainError {
  constructor(what: string, readonly timeoutMs: number) {
    super('RESILIENCE.TIMEOUT', 'unavailable', `${what} did not answer within ${timeoutMs} ms`, { timeoutMs });
  }
}

/**
 * Runs `work` with a deadline. The work receives an `AbortSignal` that fires at the deadline so it
 * can cancel what it started (an HTTP request, a gRPC call) instead of leaving it running.
 */
export async function withTimeout<T>(
  what: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeoutError(what, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
