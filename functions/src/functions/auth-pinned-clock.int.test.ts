import { hashPassword } from '../domain/users/password';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

/** How far the functions' clock is set from the system's: browser suites pin it to an hour of the Taipei day. */
let offsetMs = 0;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'auth-pinned-clock', subscriptions: [], clock: { now: () => new Date(Date.now() + offsetMs) } });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());

const HOURS_6 = 6 * 3600_000;
const me = (token: string) => fetch(`${stack.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
/** Tokens count whole seconds: sessions must begin in an earlier second than the change for it to end them. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));

async function anAccount(username: string) {
  await stack.container.db.collection('users').doc(`u-${username}`).set({
    uid: `u-${username}`, username, displayName: '林先生', role: 'customer', customerId: `cust-${username}`, passwordHash: await hashPassword('old-password-1'), disabled: false,
  });
  const signIn = async (password: string) => call('POST', '/api/auth/login', { body: { username, password } });
  const changePassword = (token: string) =>
    fetch(`${stack.url}/api/auth/password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: 'old-password-1', newPassword: 'new-password-1' }),
    }).then((r) => r.status);
  return { signIn, changePassword };
}

describe('a password change where the functions’ clock is hours off the system’s', () => {
  it('ahead: the sessions it ends are those signed in before it by the system’s time, so signing in afresh works', async () => {
    offsetMs = HOURS_6;
    const account = await anAccount('ahead');
    const old = (await account.signIn('old-password-1')).body.token as string;
    await nextSecond();
    expect(await account.changePassword(old)).toBe(200);
    expect(await me(old)).toBe(401);
    const fresh = await account.signIn('new-password-1');
    expect(fresh.status).toBe(200);
    expect(await me(fresh.body.token as string)).toBe(200);
  });

  it('behind: a session signed in before it ends', async () => {
    offsetMs = -HOURS_6;
    const account = await anAccount('behind');
    const old = (await account.signIn('old-password-1')).body.token as string;
    await nextSecond();
    expect(await account.changePassword(old)).toBe(200);
    expect(await me(old)).toBe(401);
  });
});
