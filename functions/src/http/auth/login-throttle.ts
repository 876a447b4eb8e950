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

/** Stores one counter per key (`account:<name>`, `ip:<addr>`); updates are atomic per key. */
export interface ThrottleStore {
  get(key: string): Promise<ThrottleState | null>;
  update(key: string, next: (current: ThrottleState | null) => ThrottleState): Promise<void>;
  clear(key: string): Promise<void>;
}
