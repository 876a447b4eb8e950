import { DomainError } from '../../domain/errors';

export type Fetch = typeof fetch;

export interface ProviderCall {
  /** Error code prefix, e.g. `LINE` → `LINE.TIMEOUT`. */
  readonly provider: string;
  readonly timeoutMs: number;
  readonly fetch: Fetch;
}

/**
 * One HTTP call to an outside provider (LINE, SMS gateway, Routes API) with a deadline covering
 * the whole exchange. Failing to get an answer at all (timeout, refused connection, reset) is kind
 * `unavailable`, i.e. retryable: the notification providers' dedupe keys make a retry safe even if
 * the first request did arrive.
 */
export async function callProvider(call: ProviderCall, url: string, init: RequestInit): Promise<{ response: Response; body: string }> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await call.fetch(url, { ...init, signal });
    return { response, body: await response.text() };
  } catch (error) {
    const timedOut = signal.aborted;
    throw new DomainError(
      `${call.provider}.${timedOut ? 'TIMEOUT' : 'UNREACHABLE'}`,
      'unavailable',
      timedOut ? `${call.provider} did not answer within ${call.timeoutMs} ms` : `${call.provider} could not be reached`,
      { timeoutMs: call.timeoutMs },
      { cause: error },
    );
  }
}
