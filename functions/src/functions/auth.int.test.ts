import { decodeJwt, decodeProtectedHeader } from 'jose';
import { hashPassword } from '../domain/users/password';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'auth', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const users = stack.container.db.collection('users');
  await users.doc('u-office').set({
    uid: 'u-office', username: 'office', displayName: '辦公室 王小姐', role: 'office', passwordHash: await hashPassword('correct horse'), disabled: false,
  });
  await users.doc('u-driver3').set({
    uid: 'u-driver3', username: 'driver3', displayName: '司機 三', role: 'driver', driverId: 'drv-3', passwordHash: await hashPassword('pw-driver'), disabled: false,
  });
  await users.doc('u-gone').set({
    uid: 'u-gone', username: 'gone', displayName: '離職', role: 'office', passwordHash: await hashPassword('pw'), disabled: true,
  });
});
afterAll(() => stack.close());

describe('login with the local dev issuer', () => {
  it('returns a token whose claims the API honours, and never the password hash', async () => {
    const res = await call('POST', '/api/auth/login', { body: { username: 'Driver3', password: 'pw-driver' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ uid: 'u-driver3', username: 'driver3', displayName: '司機 三', role: 'driver', driverId: 'drv-3' });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt/);
    const me = await fetch(`${stack.url}/api/auth/me`, { headers: { authorization: `Bearer ${res.body.token}` } });
    expect(await me.json()).toEqual({ uid: 'u-driver3', role: 'driver', driverId: 'drv-3' });
  });

  it('also returns a Firebase custom token for the same uid and role claims (emulator-style locally)', async () => {
    const res = await call('POST', '/api/auth/login', { body: { username: 'driver3', password: 'pw-driver' } });
    expect(res.status).toBe(200);
    expect(decodeProtectedHeader(res.body.firebaseToken).alg).toBe('none');
    expect(decodeJwt(res.body.firebaseToken)).toMatchObject({
      aud: 'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit',
      uid: 'u-driver3',
      claims: { role: 'driver', driverId: 'drv-3' },
    });
    const asApiToken = await fetch(`${stack.url}/api/auth/me`, { headers: { authorization: `Bearer ${res.body.firebaseToken}` } });
    expect(asApiToken.status).toBe(401);
  });

  it('stores only a salted scrypt hash', async () => {
    const doc = (await stack.container.db.collection('users').doc('u-office').get()).data();
    expect(doc?.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(doc)).not.toContain('correct horse');
  });

  it('answers a wrong password, an unknown user and a disabled account alike with 401 in the caller language', async () => {
    for (const body of [
      { username: 'office', password: 'wrong' },
      { username: 'nobody', password: 'x' },
      { username: 'gone', password: 'pw' },
    ]) {
      const res = await call('POST', '/api/auth/login', { body, lang: 'en' });
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: 'AUTH.INVALID_CREDENTIALS', message: 'Wrong username or password.' });
    }
  });

  it('locks an account after repeated failures, even for the right password, and says when to retry', async () => {
    for (let i = 0; i < 5; i++) await call('POST', '/api/auth/login', { body: { username: 'driver3', password: `bad-${i}` } });
    const locked = await call('POST', '/api/auth/login', { body: { username: 'driver3', password: 'pw-driver' } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('AUTH.RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects a malformed login body with field errors', async () => {
    const res = await call('POST', '/api/auth/login', { body: { username: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.password', 'body.username']);
  });

  it('publishes the JWKS that verifies its tokens', async () => {
    const res = await call('GET', '/api/auth/jwks.json');
    expect(res.body.keys).toHaveLength(1);
    expect(res.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(res.body.keys[0].d).toBeUndefined();
  });
});
