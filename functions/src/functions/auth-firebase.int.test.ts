import { decodeJwt } from 'jose';
import { startTestStack, type TestStack } from '../local/test-support';
import { METADATA_ACCESS_TOKEN, SIGNER_ACCOUNT, startFirebaseAuthStandIns, type FirebaseAuthStandIns } from '../local/test-support/firebase-auth';
import { DEFAULT_DEMO_PASSWORD, demoUsers } from '../local/seed/users';
import { apiClient } from './test-support/api-client';

/**
 * Production login (LG_AUTH_MODE=firebase) end to end: the API checks the password, answers with a
 * custom token signed through IAM signJwt, and afterwards accepts the ID tokens Firebase Auth mints
 * for that custom token, with the rights of the role they carry.
 */
let google: FirebaseAuthStandIns;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  google = await startFirebaseAuthStandIns('auth-firebase');
  stack = await startTestStack({ suite: 'auth-firebase', subscriptions: [], overrides: google.overrides });
  call = apiClient(stack.url, stack.container);
  const users = await demoUsers([], 'auth-firebase', DEFAULT_DEMO_PASSWORD);
  await Promise.all(
    users.filter((u) => ['u-office', 'u-driver1', 'u-admin'].includes(u.uid)).map((u) => stack.container.db.collection('users').doc(u.uid).set(u)),
  );
});
afterAll(async () => {
  await stack.close();
  await google.stop();
});

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function loginAndSignIn(username: string): Promise<{ body: Record<string, unknown>; idToken: string }> {
  const res = await call('POST', '/api/auth/login', { body: { username, password: DEFAULT_DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return { body: res.body, idToken: await google.signInWithCustomToken(String(res.body.firebaseToken)) };
}

describe('login in firebase mode', () => {
  it('returns a signJwt-signed custom token and no API token of its own', async () => {
    const before = Date.now();
    const res = await call('POST', '/api/auth/login', { body: { username: 'office', password: DEFAULT_DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.token).toBeUndefined();
    expect(res.body.user).toEqual({ uid: 'u-office', username: 'office', displayName: '辦公室 小美', role: 'office' });
    expect(decodeJwt(res.body.firebaseToken)).toMatchObject({ iss: SIGNER_ACCOUNT, uid: 'u-office', claims: { role: 'office' } });
    expect(Date.parse(res.body.expiresAt) - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    // The function called signJwt with the access token of its runtime account (application default credentials).
    expect(google.signJwt.signed.at(-1)?.bearer).toBe(METADATA_ACCESS_TOKEN);
  });

  it('does not take its own custom token as an API bearer', async () => {
    const { body } = await loginAndSignIn('office');
    const res = await fetch(`${stack.url}/api/auth/me`, bearer(String(body.firebaseToken)));
    expect(res.status).toBe(401);
  });

  it('answers a wrong password with 401 in the caller language and signs nothing', async () => {
    const signedBefore = google.signJwt.signed.length;
    const res = await call('POST', '/api/auth/login', { body: { username: 'admin', password: 'wrong' }, lang: 'en' });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'AUTH.INVALID_CREDENTIALS', message: 'Wrong username or password.' });
    expect(google.signJwt.signed.length).toBe(signedBefore);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await call('POST', '/api/auth/login', { body: { username: 'admin', password: `bad-${i}` } });
    const locked = await call('POST', '/api/auth/login', { body: { username: 'admin', password: DEFAULT_DEMO_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('AUTH.RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 503, not a credentials error, when signJwt refuses', async () => {
    google.signJwt.failWith(403);
    try {
      const res = await call('POST', '/api/auth/login', { body: { username: 'driver1', password: DEFAULT_DEMO_PASSWORD } });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('SERVICE.UNAVAILABLE');
    } finally {
      google.signJwt.failWith(null);
    }
  });

  it('publishes no JWKS of its own', async () => {
    const res = await call('GET', '/api/auth/jwks.json');
    expect(res.status).toBe(404);
  });
});

describe('the Firebase ID token of the custom-token session as API bearer', () => {
  it('carries the role claims: the office may read customers but not the admin-only accounts', async () => {
    const { idToken } = await loginAndSignIn('office');
    const me = await fetch(`${stack.url}/api/auth/me`, bearer(idToken));
    expect(await me.json()).toEqual({ uid: 'u-office', role: 'office' });
    expect((await fetch(`${stack.url}/api/customers`, bearer(idToken))).status).toBe(200);
    const users = await fetch(`${stack.url}/api/users`, bearer(idToken));
    expect(users.status).toBe(403);
    expect(((await users.json()) as { error: { code: string } }).error.code).toBe('AUTH.FORBIDDEN');
  });

  it('gives a driver their driverId and refuses them staff endpoints', async () => {
    const { idToken } = await loginAndSignIn('driver1');
    const me = await fetch(`${stack.url}/api/auth/me`, bearer(idToken));
    expect(await me.json()).toEqual({ uid: 'u-driver1', role: 'driver', driverId: expect.any(String) });
    expect((await fetch(`${stack.url}/api/customers`, bearer(idToken))).status).toBe(403);
  });

  it('refuses ID tokens of another project or without role claims', async () => {
    const otherProject = await google.idToken({ role: 'admin', aud: 'someone-else' }, 'u-admin');
    expect((await fetch(`${stack.url}/api/auth/me`, bearer(otherProject))).status).toBe(401);
    const noRole = await google.idToken({}, 'u-admin');
    expect((await fetch(`${stack.url}/api/auth/me`, bearer(noRole))).status).toBe(401);
  });
});

describe('asking for a code in firebase mode with no LINE or SMS gateway', () => {
  it('answers 忘記密碼 and 開通帳號 with 202 as ever, saying codes cannot be sent (nothing prints them)', async () => {
    for (const [path, body] of [
      ['/api/auth/password-reset', { username: 'office' }],
      ['/api/auth/portal-signup', { customerCode: 'C09999', mobile: '0912-345-678' }],
    ] as const) {
      const res = await call('POST', path, { body });
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 202, body: { codeValidForMinutes: 10, channel: 'none' } });
    }
  });
});
