import { codeReplaces, type PasswordReset } from '../../domain/users';
import type { CredentialRecord } from './login';
import type { ThrottleState } from './login-throttle';
import { confirmPasswordReset, sendPasswordResetCode, type ConfirmPasswordResetDeps, type SendPasswordResetCodeDeps } from './password-reset';

const T0 = new Date('2026-11-28T02:00:00Z');
/** The system's time, which tokens are dated by: hours off the functions' where a test pins theirs. */
const SYSTEM_NOW = new Date('2026-11-28T07:30:00Z');
const customer: CredentialRecord = { uid: 'u-c00127', username: 'c00127', displayName: '王小姐', role: 'customer', customerId: 'c-127', passwordHash: 'hash-of-old', disabled: false };
const office: CredentialRecord = { uid: 'u-office', username: 'office', displayName: '櫃台', role: 'office', passwordHash: 'hash-of-old', disabled: false };

/** One account store, throttle, code store and outbox shared by the sending and the confirming, as Firestore is. */
function world(accounts: readonly CredentialRecord[], reachable = true) {
  let now = T0;
  let nextCode = 4821;
  const states = new Map<string, ThrottleState>();
  const resets = new Map<string, PasswordReset>();
  const sent: { customerId: string; text: string; key: string }[] = [];
  const passwords: { uid: string; passwordHash: string; now: Date }[] = [];
  const throttle = {
    get: async (k: string) => states.get(k) ?? null,
    update: async (k: string, next: (s: ThrottleState | null) => ThrottleState) => void states.set(k, next(states.get(k) ?? null)),
    clear: async (k: string) => void states.delete(k),
  };
  const findByUsername = async (username: string) => accounts.find((a) => a.username === username) ?? null;
  const clock = { now: () => now };
  const send: SendPasswordResetCodeDeps = {
    findByUsername,
    hashCode: async (code) => `hash-of-${code}`,
    randomInt: (max) => nextCode++ % max,
    save: async (reset) => codeReplaces(reset, resets.get(reset.uid) ?? null) && Boolean(resets.set(reset.uid, reset)),
    reach: async (customerId) => (reachable ? async (text, key) => void sent.push({ customerId, text, key }) : null),
    clock,
  };
  const confirm: ConfirmPasswordResetDeps = {
    findByUsername,
    find: async (uid) => resets.get(uid) ?? null,
    throttle,
    verifyCode: async (code, stored) => stored === `hash-of-${code}`,
    hashPassword: async (password) => `hash-of-${password}`,
    use: async (reset, passwordHash, at) => {
      if (resets.get(reset.uid) !== reset) return false;
      resets.delete(reset.uid);
      passwords.push({ uid: reset.uid, passwordHash, now: at });
      return true;
    },
    clock,
    tokenClock: { now: () => SYSTEM_NOW },
  };
  const codeOf = (text: string | undefined) => /(\d{6})/.exec(text ?? '')?.[1] ?? 'none';
  return { send, confirm, states, resets, sent, passwords, codeOf, later: (ms: number) => void (now = new Date(now.getTime() + ms)) };
}
const asked = (username: string, locale: 'zh-TW' | 'en' = 'zh-TW', requestedAt = T0) => ({ username, locale, requestedAt });
const confirming = (oneTimeCode: string) => ({ username: 'c00127', oneTimeCode, newPassword: 'brand-new-password', ip: '203.0.113.9' });

describe('sendPasswordResetCode', () => {
  it('sends a customer a six-digit code in their language and keeps only its hash, valid for 10 minutes', async () => {
    const w = world([customer]);
    await expect(sendPasswordResetCode(asked('c00127'), w.send)).resolves.toBe(true);
    expect(w.sent).toEqual([{ customerId: 'c-127', text: expect.stringContaining('您的密碼重設驗證碼：004821，10 分鐘內有效'), key: 'password-reset:u-c00127:2026-11-28T02:10:00.000Z' }]);
    expect(w.resets.get('u-c00127')).toEqual({ uid: 'u-c00127', codeHash: 'hash-of-004821', requestedAt: T0.toISOString(), expiresAt: '2026-11-28T02:10:00.000Z' });
    await sendPasswordResetCode(asked('c00127', 'en'), w.send);
    expect(w.sent[1]?.text).toMatch(/^\[Lucky Gas\] Your password reset code is 004822\. It works for 10 minutes/);
  });

  it('texts nothing for a request overtaken by a later one, and a fresh code under a fresh key for the same request', async () => {
    const w = world([customer]);
    w.later(60_000);
    await sendPasswordResetCode(asked('c00127', 'zh-TW', new Date(T0.getTime() + 30_000)), w.send);
    await expect(sendPasswordResetCode(asked('c00127', 'zh-TW', T0), w.send)).resolves.toBe(false);
    expect(w.resets.get('u-c00127')?.codeHash).toBe('hash-of-004821');
    w.later(5_000);
    await expect(sendPasswordResetCode(asked('c00127', 'zh-TW', new Date(T0.getTime() + 30_000)), w.send)).resolves.toBe(true);
    expect(w.sent.map((s) => s.key)).toEqual(['password-reset:u-c00127:2026-11-28T02:11:00.000Z', 'password-reset:u-c00127:2026-11-28T02:11:05.000Z']);
    expect(w.resets.get('u-c00127')).toMatchObject({ codeHash: 'hash-of-004823', requestedAt: '2026-11-28T02:00:30.000Z', expiresAt: '2026-11-28T02:11:05.000Z' });
  });

  it('sends and stores nothing for an unknown, staff, disabled or unreachable account', async () => {
    for (const [accounts, username, reachable] of [
      [[customer], 'nobody', true],
      [[office], 'office', true],
      [[{ ...customer, disabled: true }], 'c00127', true],
      [[customer], 'c00127', false],
    ] as const) {
      const w = world(accounts, reachable);
      await expect(sendPasswordResetCode(asked(username), w.send)).resolves.toBe(false);
      expect({ username, sent: w.sent, stored: w.resets.size }).toEqual({ username, sent: [], stored: 0 });
    }
  });
});

describe('confirmPasswordReset', () => {
  it('sets the new password with the latest code once, ending the sessions signed in before now by the system’s time: the code is gone and the account’s failures cleared', async () => {
    const w = world([customer]);
    await sendPasswordResetCode(asked('c00127'), w.send);
    await sendPasswordResetCode(asked('c00127'), w.send);
    const [first, latest] = w.sent.map((s) => w.codeOf(s.text));
    await expect(confirmPasswordReset(confirming(first ?? ''), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID', kind: 'validation', details: { path: 'oneTimeCode' } });
    expect(w.states.get('account:c00127')?.failures).toBe(1);
    await expect(confirmPasswordReset(confirming(latest ?? ''), w.confirm)).resolves.toEqual({
      sessionsValidFrom: SYSTEM_NOW.toISOString(),
      account: { uid: 'u-c00127', role: 'customer', customerId: 'c-127' },
    });
    expect(w.passwords).toEqual([{ uid: 'u-c00127', passwordHash: 'hash-of-brand-new-password', now: SYSTEM_NOW }]);
    expect(w.states.has('account:c00127')).toBe(false);
    await expect(confirmPasswordReset(confirming(latest ?? ''), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
    expect(w.passwords.length).toBe(1);
  });

  it('refuses a code from its tenth minute on', async () => {
    const w = world([customer]);
    await sendPasswordResetCode(asked('c00127'), w.send);
    w.later(10 * 60_000);
    await expect(confirmPasswordReset(confirming(w.codeOf(w.sent[0]?.text)), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
    expect(w.passwords).toEqual([]);
  });

  it('counts wrong codes as wrong passwords: the fifth locks the account out of sign-in and reset alike', async () => {
    const w = world([customer]);
    await sendPasswordResetCode(asked('c00127'), w.send);
    for (let i = 0; i < 5; i += 1) await expect(confirmPasswordReset(confirming('999999'), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
    await expect(confirmPasswordReset(confirming(w.codeOf(w.sent[0]?.text)), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RATE_LIMITED' });
    expect(w.passwords).toEqual([]);
  });

  it('refuses a staff account’s username like a wrong code, and a code used meanwhile by another request', async () => {
    const staff = world([office]);
    await expect(confirmPasswordReset({ ...confirming('123456'), username: 'office' }, staff.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
    const w = world([customer]);
    await sendPasswordResetCode(asked('c00127'), w.send);
    const racing = { ...w.confirm, use: async () => false };
    await expect(confirmPasswordReset(confirming(w.codeOf(w.sent[0]?.text)), racing)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
  });
});
