import { decodeJwt, decodeProtectedHeader } from 'jose';
import { setContainer } from '../adapters/container';
import { loadConfig } from '../config/load-config';
import { aCustomer } from '../domain/test-support/customer-mother';
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
  await users.doc('u-turnkey').set({
    uid: 'u-turnkey', username: 'turnkey', displayName: 'Turnkey', role: 'turnkey', passwordHash: await hashPassword('pw-turnkey'), disabled: false,
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

  it('answers a wrong password, an unknown user and a disabled account with a wrong password alike with 401 in the caller language', async () => {
    for (const body of [
      { username: 'office', password: 'wrong' },
      { username: 'nobody', password: 'x' },
      { username: 'gone', password: 'not-pw' },
    ]) {
      const res = await call('POST', '/api/auth/login', { body, lang: 'en' });
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: 'AUTH.INVALID_CREDENTIALS', message: 'Wrong username or password.' });
    }
  });

  it('records a sign-in in the audit log under its account, with the address and no password; not the Turnkey machine’s runs nor a refused one', async () => {
    const auditLog = stack.container.db.collection('auditLog');
    const signIns = async (uid: string) => (await auditLog.where('actor.uid', '==', uid).where('route', '==', '/login').get()).docs.map((d) => d.data());
    expect((await call('POST', '/api/auth/login', { body: { username: 'office', password: 'correct horse' } })).status).toBe(200);
    const [entry, ...more] = await signIns('u-office');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ function: 'auth', method: 'POST', actor: { uid: 'u-office', role: 'office' }, entityId: 'u-office', ip: expect.any(String) });
    expect(JSON.parse(entry?.['bodyJson'] as string)).toEqual({ username: 'office', password: '[REDACTED]' });
    expect((await call('POST', '/api/auth/login', { body: { username: 'turnkey', password: 'pw-turnkey' } })).status).toBe(200);
    expect(await signIns('u-turnkey')).toEqual([]);
    expect((await call('POST', '/api/auth/login', { body: { username: 'gone', password: 'pw' } })).status).toBe(403);
    expect(await signIns('u-gone')).toEqual([]);
  });

  it('tells whoever signs in to a disabled account with its password that it is disabled, in their language', async () => {
    const res = await call('POST', '/api/auth/login', { body: { username: 'gone', password: 'pw' } });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({ code: 'AUTH.ACCOUNT_DISABLED', message: '此帳號已停用，無法登入；如有疑問請洽公司。' });
    expect(res.body.token).toBeUndefined();
  });

  it('locks an account after repeated failures, even for the right password, and says when to retry', async () => {
    for (let i = 0; i < 5; i++) await call('POST', '/api/auth/login', { body: { username: 'driver3', password: `bad-${i}` } });
    const locked = await call('POST', '/api/auth/login', { body: { username: 'driver3', password: 'pw-driver' } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('AUTH.RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps the refused sign-ins for the admin to look through by account: why, when, from where, never the password', async () => {
    const failures = (query: string, as: 'admin' | 'office' = 'admin') => call('GET', `/api/users/sign-in-failures${query}`, { as });
    const driver3 = await failures('?username=Driver3');
    expect(driver3.status).toBe(200);
    const items = driver3.body.items as { reason: string; uid?: string; username: string; ip: string; at: string }[];
    expect(items.map((f) => f.reason)).toEqual(['locked_out', ...Array(5).fill('wrong_password')]);
    expect(items[1]).toMatchObject({ username: 'driver3', uid: 'u-driver3', ip: expect.any(String), at: expect.any(String) });
    expect(JSON.stringify(items)).not.toMatch(/bad-|pw-driver/);
    const all = (await failures('?limit=200')).body.items as { reason: string; username: string }[];
    expect(all).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'nobody', reason: 'unknown_account' }), expect.objectContaining({ username: 'gone', reason: 'account_disabled' })]));
    expect(all.some((f) => f.username === 'turnkey')).toBe(false);
    expect((await failures('', 'office')).status).toBe(403);
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

describe('changing one’s own password', () => {
  const customer = { uid: 'u-customer7', username: 'customer7', displayName: '林先生', role: 'customer', customerId: 'cust-7', disabled: false };
  const signIn = async (password: string) => call('POST', '/api/auth/login', { body: { username: 'customer7', password } });
  const withBearer = (token: string, method: string, path: string, body?: unknown, lang?: string) =>
    fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { code: string; message: string; fields?: { path: string }[] }; sessionsValidFrom?: string } }));
  /** Tokens count whole seconds: sessions must begin in an earlier second than the change for it to end them. */
  const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));

  beforeAll(async () => {
    await stack.container.db.collection('users').doc(customer.uid).set({ ...customer, passwordHash: await hashPassword('old-password-1') });
  });

  it('refuses a wrong current password with a field error in the caller’s language, and changes nothing', async () => {
    const { token } = (await signIn('old-password-1')).body;
    const res = await withBearer(token, 'POST', '/api/auth/password', { currentPassword: 'not-it', newPassword: 'new-password-1' }, 'en');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'AUTH.WRONG_PASSWORD', message: 'Your current password is not correct.' });
    expect(res.body.error?.fields?.map((f) => f.path)).toEqual(['body.currentPassword']);
    expect((await signIn('old-password-1')).status).toBe(200);
    expect((await withBearer(token, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('refuses a new password that is too short or the same as the current one', async () => {
    const { token } = (await signIn('old-password-1')).body;
    const short = await withBearer(token, 'POST', '/api/auth/password', { currentPassword: 'old-password-1', newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error?.fields).toEqual([{ path: 'body.newPassword', message: '密碼至少 10 個字元' }]);
    const same = await withBearer(token, 'POST', '/api/auth/password', { currentPassword: 'old-password-1', newPassword: 'old-password-1' });
    expect(same.status).toBe(400);
    expect(same.body.error?.fields).toEqual([{ path: 'body.newPassword', message: '新密碼不能與目前的密碼相同' }]);
  });

  it('counts wrong current passwords against the account like failed sign-ins', async () => {
    await stack.container.db.collection('users').doc('u-customer8').set({
      ...customer, uid: 'u-customer8', username: 'customer8', customerId: 'cust-8', passwordHash: await hashPassword('old-password-8'),
    });
    const { token } = (await call('POST', '/api/auth/login', { body: { username: 'customer8', password: 'old-password-8' } })).body;
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push((await withBearer(token, 'POST', '/api/auth/password', { currentPassword: `guess-${i}`, newPassword: 'new-password-8' })).status);
    expect(tries).toEqual([400, 400, 400, 400, 400, 429]);
    expect((await call('POST', '/api/auth/login', { body: { username: 'customer8', password: 'old-password-8' } })).status).toBe(429);
  });

  it('sets the new password and ends every session of the account at once, its own too', async () => {
    const here = (await signIn('old-password-1')).body.token as string;
    const elsewhere = (await signIn('old-password-1')).body.token as string;
    await nextSecond();
    const res = await withBearer(here, 'POST', '/api/auth/password', { currentPassword: 'old-password-1', newPassword: 'new-password-1' });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.sessionsValidFrom ?? '')).toBeGreaterThan(Date.now() - 60_000);
    for (const token of [elsewhere, here]) {
      const stale = await withBearer(token, 'GET', '/api/auth/me');
      expect(stale.status).toBe(401);
      expect(stale.body.error?.code).toBe('AUTH.UNAUTHENTICATED');
    }
    expect((await signIn('old-password-1')).status).toBe(401);
    const fresh = await signIn('new-password-1');
    expect(fresh.status).toBe(200);
    expect((await withBearer(fresh.body.token, 'GET', '/api/auth/me')).body).toEqual({ uid: 'u-customer7', role: 'customer', customerId: 'cust-7' });
    const stored = (await stack.container.db.collection('users').doc('u-customer7').get()).data();
    expect(stored?.sessionsValidFrom).toBe(res.body.sessionsValidFrom);
    expect(JSON.stringify(stored)).not.toContain('new-password-1');
    const audited = (await stack.container.db.collection('auditLog').where('function', '==', 'auth').where('route', '==', '/password').get()).docs.map((d) => d.data());
    expect(audited).toEqual([
      expect.objectContaining({ method: 'POST', route: '/password', actor: expect.objectContaining({ uid: 'u-customer7' }), bodyJson: JSON.stringify({ currentPassword: '[REDACTED]', newPassword: '[REDACTED]' }) }),
    ]);
  });
});

describe('asking for a code: how codes travel in each configuration, whoever asks', () => {
  // Only the 202 bodies are compared (no consumer sends anything here), so each case runs the stack's own container
  // with its gateways and sign-in mode swapped: the local dev issuer prints a code no gateway carries, Firebase's does not.
  const cases = [
    // LG_NOTIFY_CHANNELS, sign-in, 忘記密碼, 開通帳號
    ['', 'local', 'log', 'log'],
    ['line', 'local', 'line-or-log', 'log'],
    ['sms', 'local', 'sms-or-log', 'sms'],
    ['line,sms', 'local', 'line-or-sms-or-log', 'sms'],
    ['', 'firebase', 'none', 'none'],
    ['line', 'firebase', 'line', 'none'],
    ['sms', 'firebase', 'sms', 'sms'],
    ['line,sms', 'firebase', 'line-or-sms', 'sms'],
  ] as const;
  const askers = [
    ['/api/auth/password-reset', { username: 'linked' }, 'reset'],
    ['/api/auth/password-reset', { username: 'landline' }, 'reset'],
    ['/api/auth/password-reset', { username: 'nobody-here' }, 'reset'],
    ['/api/auth/password-reset', { username: 'driver3' }, 'reset'],
    ['/api/auth/portal-signup', { customerCode: 'C00501', mobile: '0912-345-678' }, 'signup'],
    ['/api/auth/portal-signup', { customerCode: 'C09999', mobile: '0912-345-678' }, 'signup'],
  ] as const;

  beforeAll(async () => {
    const db = stack.container.db;
    const linked = aCustomer().withId('cust-linked').withCode('C00501').with({ phones: ['0912-345-678'], lineUserId: `U${'b2'.repeat(16)}` }).build();
    const landline = aCustomer().withId('cust-landline').withCode('C00502').with({ phones: ['02-2345-6789'] }).build();
    for (const c of [linked, landline]) await db.collection('customers').doc(c.id).set(c);
    for (const [uid, customerId] of [['linked', linked.id], ['landline', landline.id]]) {
      await db.collection('users').doc(`u-${uid}`).set({ uid: `u-${uid}`, username: uid, displayName: uid, role: 'customer', customerId, passwordHash: await hashPassword('pw'), disabled: false });
    }
  });
  afterAll(() => setContainer(stack.container));

  it.each(cases)('with LG_NOTIFY_CHANNELS=%j and %s sign-in: 忘記密碼 %s, 開通帳號 %s', async (channels, mode, reset, signup) => {
    const config = loadConfig({ LG_NOTIFY_CHANNELS: channels });
    setContainer({ ...stack.container, config: { ...stack.container.config, channels: config.channels, auth: { ...stack.container.config.auth, mode } } });
    // Each case asks again for the same accounts from the same address: the hourly limits are not what is tested here.
    const throttled = await stack.container.db.collection('loginThrottle').get();
    await Promise.all(throttled.docs.map((d) => d.ref.delete()));
    for (const [path, body, purpose] of askers) {
      const res = await call('POST', path, { body });
      const channel = purpose === 'reset' ? reset : signup;
      expect({ body, status: res.status, answer: res.body }).toEqual({ body, status: 202, answer: { codeValidForMinutes: 10, channel } });
    }
  });
});
