import { codeReplaces, type PortalSignup, type User } from '../../domain/users';
import type { ThrottleState } from './login-throttle';
import { confirmPortalSignup, sendPortalSignupCode, type ConfirmPortalSignupDeps, type SendPortalSignupCodeDeps, type SignupCustomer } from './portal-signup';

const T0 = new Date('2026-11-28T02:00:00Z');
const shop: SignupCustomer = { id: 'cust-127', name: '林記麵館', status: 'active', phones: ['(02)2345-6789', '0912-345-678'] };

/** One customer list, throttle, code store, outbox and account list shared by the sending and the confirming, as Firestore is. */
function world(customers: readonly (SignupCustomer & { code: string })[], canText = true) {
  let now = T0;
  let nextCode = 7301;
  const states = new Map<string, ThrottleState>();
  const signups = new Map<string, PortalSignup>();
  const texts: { customerId: string; mobile: string; text: string }[] = [];
  const accounts = new Map<string, User>();
  const throttle = {
    get: async (k: string) => states.get(k) ?? null,
    update: async (k: string, next: (s: ThrottleState | null) => ThrottleState) => void states.set(k, next(states.get(k) ?? null)),
    clear: async (k: string) => void states.delete(k),
  };
  const findCustomer = async (code: string) => customers.find((c) => c.code === code) ?? null;
  const clock = { now: () => now };
  const send: SendPortalSignupCodeDeps = {
    findCustomer,
    hashCode: async (code) => `hash-of-${code}`,
    randomInt: (max) => nextCode++ % max,
    save: async (signup) => codeReplaces(signup, signups.get(signup.customerId) ?? null) && Boolean(signups.set(signup.customerId, signup)),
    textTo: (customerId, mobile) => (canText ? async (text) => void texts.push({ customerId, mobile, text }) : null),
    clock,
  };
  const confirm: ConfirmPortalSignupDeps = {
    findCustomer,
    find: async (customerId) => signups.get(customerId) ?? null,
    throttle,
    verifyCode: async (code, stored) => stored === `hash-of-${code}`,
    hashPassword: async (password) => `hash-of-${password}`,
    open: async (signup, user) => {
      if (signups.get(signup.customerId) !== signup) return false;
      if ([...accounts.values()].some((a) => a.username === user.username)) throw Object.assign(new Error('taken'), { code: 'USER.USERNAME_TAKEN' });
      accounts.set(user.uid, user);
      signups.delete(signup.customerId);
      return true;
    },
    clock,
  };
  const codeOf = (i: number) => /(\d{6})/.exec(texts[i]?.text ?? '')?.[1] ?? 'none';
  return { send, confirm, states, signups, texts, accounts, codeOf, later: (ms: number) => void (now = new Date(now.getTime() + ms)) };
}
const asked = (customerCode: string, mobile: string, locale: 'zh-TW' | 'en' = 'zh-TW', requestedAt = T0) => ({ customerCode, mobile, locale, requestedAt });
const opening = (oneTimeCode: string, extra: Partial<{ mobile: string; username: string }> = {}) => ({
  customerCode: 'C00127',
  mobile: '0912345678',
  oneTimeCode,
  username: 'lin-noodles',
  password: 'a-long-password',
  ip: '203.0.113.9',
  uid: 'u-req1',
  ...extra,
});

describe('sendPortalSignupCode', () => {
  it('texts a code in the asker’s language to a mobile on the customer’s record, that mobile only; a new one replaces it', async () => {
    const w = world([{ ...shop, code: 'C00127' }]);
    await expect(sendPortalSignupCode(asked('C00127', '0912345678'), w.send)).resolves.toBe(true);
    expect(w.texts).toEqual([{ customerId: 'cust-127', mobile: '0912345678', text: expect.stringContaining('開通驗證碼：007301，10 分鐘內有效') }]);
    expect(w.signups.get('cust-127')).toMatchObject({ mobile: '0912345678', codeHash: 'hash-of-007301', expiresAt: '2026-11-28T02:10:00.000Z' });
    await sendPortalSignupCode(asked('C00127', '0912345678', 'en'), w.send);
    expect(w.texts[1]?.text).toMatch(/^\[Lucky Gas\] .*007302/);
    expect(w.signups.get('cust-127')?.codeHash).toBe('hash-of-007302');
    await expect(sendPortalSignupCode(asked('C00127', '0912345678', 'zh-TW', new Date(T0.getTime() - 1)), w.send)).resolves.toBe(false);
    expect(w.texts.length).toBe(2);
  });

  it('texts and stores nothing for an unknown code, another number, an inactive customer or no SMS', async () => {
    for (const [customers, code, mobile, canText] of [
      [[{ ...shop, code: 'C00127' }], 'C00999', '0912345678', true],
      [[{ ...shop, code: 'C00127' }], 'C00127', '0987654321', true],
      [[{ ...shop, code: 'C00127', status: 'inactive' }], 'C00127', '0912345678', true],
      [[{ ...shop, code: 'C00127' }], 'C00127', '0912345678', false],
    ] as const) {
      const w = world(customers, canText);
      await expect(sendPortalSignupCode(asked(code, mobile), w.send)).resolves.toBe(false);
      expect({ code, mobile, texts: w.texts, stored: w.signups.size }).toEqual({ code, mobile, texts: [], stored: 0 });
    }
  });
});

describe('confirmPortalSignup', () => {
  it('opens a customer account named after the customer with the code for that mobile, once', async () => {
    const w = world([{ ...shop, code: 'C00127' }]);
    await sendPortalSignupCode(asked('C00127', '0912345678'), w.send);
    await expect(confirmPortalSignup(opening(w.codeOf(0)), w.confirm)).resolves.toEqual({
      username: 'lin-noodles',
      account: { uid: 'u-req1', role: 'customer', customerId: 'cust-127' },
    });
    expect(w.accounts.get('u-req1')).toMatchObject({ username: 'lin-noodles', displayName: '林記麵館', role: 'customer', customerId: 'cust-127', passwordHash: 'hash-of-a-long-password', disabled: false });
    expect(w.signups.size).toBe(0);
    await expect(confirmPortalSignup(opening(w.codeOf(0), { username: 'second' }), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
  });

  it('refuses the code with another mobile, a wrong code, and an expired one, counting wrong ones against the customer code', async () => {
    const w = world([{ ...shop, code: 'C00127', phones: ['0912-345-678', '0922-111-222'] }]);
    await sendPortalSignupCode(asked('C00127', '0912345678'), w.send);
    await expect(confirmPortalSignup(opening(w.codeOf(0), { mobile: '0922111222' }), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID', details: { path: 'oneTimeCode' } });
    await expect(confirmPortalSignup(opening('000000'), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
    expect(w.states.get('account:signup:C00127')?.failures).toBe(2);
    w.later(10 * 60_000);
    await expect(confirmPortalSignup(opening(w.codeOf(0)), w.confirm)).rejects.toMatchObject({ code: 'AUTH.RESET_CODE_INVALID' });
    expect(w.accounts.size).toBe(0);
  });

  it('keeps the code when the username is taken, so another can be chosen', async () => {
    const w = world([{ ...shop, code: 'C00127' }]);
    await sendPortalSignupCode(asked('C00127', '0912345678'), w.send);
    w.accounts.set('u-other', { uid: 'u-other', username: 'lin-noodles' } as User);
    await expect(confirmPortalSignup(opening(w.codeOf(0)), w.confirm)).rejects.toMatchObject({ code: 'USER.USERNAME_TAKEN' });
    await expect(confirmPortalSignup(opening(w.codeOf(0), { username: 'lin-noodles-2' }), w.confirm)).resolves.toMatchObject({ username: 'lin-noodles-2' });
  });
});
