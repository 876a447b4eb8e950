import { DomainError } from '../../domain/errors';
import type { SignInFailure } from '../../domain/users';
import { login, type CredentialRecord, type LoginDeps } from './login';
import type { ThrottleState, ThrottleStore } from './login-throttle';

const NOW = new Date('2026-11-28T02:00:00Z');
const office: CredentialRecord = { uid: 'u-office', username: 'office', displayName: '辦公室', role: 'office', passwordHash: 'h', disabled: false };

function deps(overrides: Partial<LoginDeps>): LoginDeps & { states: Map<string, ThrottleState>; refused: Omit<SignInFailure, 'id'>[] } {
  const states = new Map<string, ThrottleState>();
  const refused: Omit<SignInFailure, 'id'>[] = [];
  const throttle: ThrottleStore = {
    get: async (k) => states.get(k) ?? null,
    update: async (k, next) => void states.set(k, next(states.get(k) ?? null)),
    clear: async (k) => void states.delete(k),
  };
  return {
    states,
    refused,
    failures: { record: async (f) => void refused.push(f) },
    users: { findByUsername: async (u) => (u === 'office' ? office : null) },
    throttle,
    issuer: null,
    verifyPassword: async (password) => password === 'right',
    clock: { now: () => NOW },
    tokenClock: { now: () => NOW },
    ttlSeconds: 3600,
    customTokens: { sign: async (p) => `custom-token-for-${p.uid}` },
    ...overrides,
  };
}

describe('login without the local issuer (firebase mode)', () => {
  it('answers the custom token, no API token, and a session end one TTL ahead', async () => {
    const result = await login({ username: 'Office', password: 'right', ip: '203.0.113.9' }, deps({}));
    expect(result).toEqual({
      expiresAt: '2026-11-28T03:00:00.000Z',
      firebaseToken: 'custom-token-for-u-office',
      user: { uid: 'u-office', username: 'office', displayName: '辦公室', role: 'office' },
    });
  });

  it('dates the session by the token clock, not a shifted functions clock, and records refusals by the functions clock', async () => {
    const real = new Date('2026-11-28T15:45:00Z');
    const signed: Date[] = [];
    const d = deps({ tokenClock: { now: () => real }, customTokens: { sign: async (_p, at) => (signed.push(at), 'custom') } });
    const result = await login({ username: 'office', password: 'right', ip: '203.0.113.9' }, d);
    expect(signed).toEqual([real]);
    expect(result.expiresAt).toBe('2026-11-28T16:45:00.000Z');
    await expect(login({ username: 'office', password: 'wrong', ip: '203.0.113.9' }, d)).rejects.toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
    expect(d.refused[0]?.at).toBe(NOW.toISOString());
  });

  it('still counts failures per account and per address', async () => {
    const d = deps({});
    await expect(login({ username: 'office', password: 'wrong', ip: '203.0.113.9' }, d)).rejects.toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
    expect([...d.states.keys()].sort()).toEqual(['account:office', 'ip:203.0.113.9']);
  });

  it('tells a disabled account so only after its right password, which counts as no failure; a wrong one is any wrong password', async () => {
    const d = deps({ users: { findByUsername: async (u) => (u === 'office' ? { ...office, disabled: true } : null) } });
    await expect(login({ username: 'office', password: 'wrong', ip: '203.0.113.9' }, d)).rejects.toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
    const refused = login({ username: 'office', password: 'right', ip: '203.0.113.9' }, d);
    await expect(refused).rejects.toMatchObject({ code: 'AUTH.ACCOUNT_DISABLED', kind: 'forbidden' });
    expect(d.states.has('account:office')).toBe(false);
  });

  it('keeps each refusal for the admin with why and from where, never the password, and nothing of a sign-in that passes', async () => {
    const d = deps({});
    const at = { ip: '203.0.113.9' };
    await expect(login({ username: 'Office', password: 'wrong', ...at }, d)).rejects.toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
    await expect(login({ username: 'driver9', password: 'wrong', ...at }, d)).rejects.toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
    await login({ username: 'office', password: 'right', ...at }, d);
    const disabled = deps({ users: { findByUsername: async () => ({ ...office, disabled: true }) } });
    await expect(login({ username: 'office', password: 'right', ...at }, disabled)).rejects.toMatchObject({ code: 'AUTH.ACCOUNT_DISABLED' });
    const stamp = { at: NOW.toISOString(), ip: '203.0.113.9' };
    expect(d.refused).toEqual([
      { ...stamp, username: 'office', uid: 'u-office', reason: 'wrong_password' },
      { ...stamp, username: 'driver9', reason: 'unknown_account' },
    ]);
    expect(disabled.refused).toEqual([{ ...stamp, username: 'office', uid: 'u-office', reason: 'account_disabled' }]);
  });

  it('keeps a sign-in the throttle refuses as locked out, and still refuses when the record cannot be kept', async () => {
    const d = deps({ failures: { record: () => Promise.reject(new Error('Firestore down')) } });
    d.states.set('account:office', { failures: 5, windowStartMs: NOW.getTime(), lockedUntilMs: NOW.getTime() + 60_000 });
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(login({ username: 'office', password: 'right', ip: '203.0.113.9' }, d)).rejects.toMatchObject({ code: 'AUTH.RATE_LIMITED' });
    quiet.mockRestore();
    const locked = deps({});
    locked.states.set('account:office', { failures: 5, windowStartMs: NOW.getTime(), lockedUntilMs: NOW.getTime() + 60_000 });
    await expect(login({ username: 'office', password: 'right', ip: '203.0.113.9' }, locked)).rejects.toMatchObject({ code: 'AUTH.RATE_LIMITED' });
    expect(locked.refused).toEqual([{ at: NOW.toISOString(), ip: '203.0.113.9', username: 'office', reason: 'locked_out' }]);
  });

  it('is unavailable without a custom-token signer, before judging or counting the password', async () => {
    const d = deps({ customTokens: null, verifyPassword: () => Promise.reject(new Error('must not be called')) });
    const refused = login({ username: 'office', password: 'wrong', ip: '203.0.113.9' }, d);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE', kind: 'unavailable' });
    expect(d.states.size).toBe(0);
  });
});
