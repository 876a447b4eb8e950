import { DomainError } from '../../domain/errors';

/** Failed-login throttling, per account and per address, as a pure policy over stored counters. */
export interface ThrottleLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export interface ThrottleState {
  readonly failures: number;
  readonly windowStartMs: number;
  readonly lockedUntilMs: number;
}

export const ACCOUNT_LIMIT: ThrottleLimit = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_LIMIT: ThrottleLimit = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export function retryAfterMs(state: ThrottleState | null, nowMs: number): number {
  return state && state.lockedUntilMs > nowMs ? state.lockedUntilMs - nowMs : 0;
}

export function afterFailure(state: ThrottleState | null, limit: ThrottleLimit, nowMs: number): ThrottleState {
  const fresh = !state || nowMs - state.windowStartMs >= limit.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartMs = fresh ? nowMs : state.windowStartMs;
  const lockedUntilMs = failures >= limit.maxFailures ? nowMs + limit.lockMs : (state?.lockedUntilMs ?? 0);
  return { failures, windowStartMs, lockedUntilMs };
}

/** The key a username's failed checks are counted under. */
export const accountKey = (username: string): string => `account:${username}`;

/** Stores one counter per key (`account:<name>`, `ip:<addr>`); updates are atomic per key. */
export interface ThrottleStore {
  get(key: string): Promise<ThrottleState | null>;
  update(key: string, next: (current: ThrottleState | null) => ThrottleState): Promise<void>;
  clear(key: string): Promise<void>;
}

/**
 * Runs one password check under the throttle, for a sign-in and a password change alike, so guesses through either
 * count against the same account: refused with AUTH.RATE_LIMITED while the account or the address is locked out; a
 * failed check (`check` answers null) counts against both, a passed one clears the account's count.
 */
export async function throttledPasswordCheck<T>(
  at: { readonly throttle: ThrottleStore; readonly username: string; readonly ip: string; readonly nowMs: number },
  check: () => Promise<T | null>,
): Promise<T | null> {
  const account = accountKey(at.username);
  const address = `ip:${at.ip}`;
  const states = await Promise.all([at.throttle.get(account), at.throttle.get(address)]);
  const wait = Math.max(...states.map((s) => retryAfterMs(s, at.nowMs)));
  if (wait > 0) {
    throw new DomainError('AUTH.RATE_LIMITED', 'rate_limited', 'Too many failed password checks', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
  }
  const passed = await check();
  if (passed !== null) {
    await at.throttle.clear(account);
    return passed;
  }
  await Promise.all([
    at.throttle.update(account, (s) => afterFailure(s, ACCOUNT_LIMIT, at.nowMs)),
    at.throttle.update(address, (s) => afterFailure(s, ADDRESS_LIMIT, at.nowMs)),
  ]);
  return null;
}
