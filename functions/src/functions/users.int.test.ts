import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'users', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await stack.container.db.collection('drivers').doc('drv-9').set({ id: 'drv-9', name: '林志豪' });
});
afterAll(() => stack.close());

describe('users API (admin)', () => {
  it('creates an account that can sign in, with only a hash stored', async () => {
    const res = await call('POST', '/api/users', {
      as: 'admin',
      body: { username: 'Driver9', displayName: '司機 林志豪', role: 'driver', driverId: 'drv-9', password: 'a-long-password' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ uid: 'u-driver9', username: 'driver9', displayName: '司機 林志豪', role: 'driver', driverId: 'drv-9', disabled: false });
    const login = await call('POST', '/api/auth/login', { body: { username: 'driver9', password: 'a-long-password' } });
    expect(login.status).toBe(200);
    expect(login.body.user.driverId).toBe('drv-9');
    expect((await stack.container.db.collection('users').doc('u-driver9').get()).data()?.passwordHash).toMatch(/^scrypt\$/);
  });

  it('creates a Turnkey machine account without links, whose login token may read the uploads and nothing else', async () => {
    const res = await call('POST', '/api/users', {
      as: 'admin',
      body: { username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey', driverId: 'drv-9', password: 'a-long-password' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ uid: 'u-turnkey', username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey', disabled: false });
    const login = await call('POST', '/api/auth/login', { body: { username: 'turnkey', password: 'a-long-password' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ uid: 'u-turnkey', username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey' });
    const bearer = { authorization: `Bearer ${login.body.token as string}` };
    expect((await fetch(`${stack.url}/api/invoices/uploads`, { headers: bearer })).status).toBe(200);
    for (const path of ['/api/users', '/api/auth/me', '/api/orders', '/api/prices']) expect([path, (await fetch(`${stack.url}${path}`, { headers: bearer })).status]).toEqual([path, 403]);
  });

  it('refuses a taken username, a missing link and a short password with clear codes', async () => {
    const taken = await call('POST', '/api/users', {
      as: 'admin',
      body: { username: 'driver9', displayName: 'x', role: 'office', password: 'a-long-password' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('USER.USERNAME_TAKEN');
    const badLink = await call('POST', '/api/users', {
      as: 'admin',
      body: { username: 'cust9', displayName: 'x', role: 'customer', customerId: 'cust-nope', password: 'a-long-password' },
    });
    expect(badLink.status).toBe(400);
    expect(badLink.body.error.code).toBe('USER.LINK_MISMATCH');
    const short = await call('POST', '/api/users', { as: 'admin', body: { username: 'office9', displayName: 'x', role: 'office', password: 'short' } });
    expect(short.body.error.fields).toEqual([{ path: 'body.password', message: '密碼至少 10 個字元' }]);
  });

  it('disables an account so it can no longer sign in, and resets a password', async () => {
    expect((await call('PATCH', '/api/users/u-driver9', { as: 'admin', body: { disabled: true } })).body.disabled).toBe(true);
    expect((await call('POST', '/api/auth/login', { body: { username: 'driver9', password: 'a-long-password' } })).status).toBe(403);
    await call('PATCH', '/api/users/u-driver9', { as: 'admin', body: { disabled: false } });
    expect((await call('POST', '/api/users/u-driver9/password', { as: 'admin', body: { password: 'another-long-one' } })).status).toBe(200);
    expect((await call('POST', '/api/auth/login', { body: { username: 'driver9', password: 'another-long-one' } })).status).toBe(200);
  });

  it('takes access from a token its account already holds once the account is disabled', async () => {
    await call('POST', '/api/users', { as: 'admin', body: { username: 'office7', displayName: '辦公室 七', role: 'office', password: 'a-long-password' } });
    const login = await call('POST', '/api/auth/login', { body: { username: 'office7', password: 'a-long-password' } });
    const asOffice7 = (path: string) => fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${login.body.token}` } });
    expect((await call('PATCH', '/api/users/u-office7', { as: 'admin', body: { disabled: true } })).status).toBe(200);
    const refused = await asOffice7('/api/customers');
    expect(refused.status).toBe(401);
    // Its own code, so the app tells the person the account was disabled rather than that the session expired.
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AUTH.ACCOUNT_DISABLED');
  });

  it('keeps refusing a token of a disabled account once the account is enabled again: its owner signs in afresh', async () => {
    await call('POST', '/api/users', { as: 'admin', body: { username: 'office6', displayName: '辦公室 六', role: 'office', password: 'a-long-password' } });
    const login = await call('POST', '/api/auth/login', { body: { username: 'office6', password: 'a-long-password' } });
    const asOffice6 = (token: string) => fetch(`${stack.url}/api/customers`, { headers: { authorization: `Bearer ${token}` } });
    // Tokens count whole seconds: the sign-in must fall in an earlier second than the disabling.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    expect((await call('PATCH', '/api/users/u-office6', { as: 'admin', body: { disabled: true } })).status).toBe(200);
    expect((await call('PATCH', '/api/users/u-office6', { as: 'admin', body: { disabled: false } })).status).toBe(200);
    expect((await asOffice6(login.body.token)).status).toBe(401);
    const again = await call('POST', '/api/auth/login', { body: { username: 'office6', password: 'a-long-password' } });
    expect((await asOffice6(again.body.token)).status).toBe(200);
  });

  it('ends the sessions an account holds when an admin sets its password', async () => {
    await call('POST', '/api/users', { as: 'admin', body: { username: 'office8', displayName: '辦公室 八', role: 'office', password: 'a-long-password' } });
    const login = await call('POST', '/api/auth/login', { body: { username: 'office8', password: 'a-long-password' } });
    const asOffice8 = () => fetch(`${stack.url}/api/customers`, { headers: { authorization: `Bearer ${login.body.token}` } });
    expect((await asOffice8()).status).toBe(200);
    // Tokens count whole seconds: the sign-in must fall in an earlier second than the reset.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    expect((await call('POST', '/api/users/u-office8/password', { as: 'admin', body: { password: 'another-long-one' } })).status).toBe(200);
    expect((await asOffice8()).status).toBe(401);
    expect((await call('POST', '/api/auth/login', { body: { username: 'office8', password: 'another-long-one' } })).status).toBe(200);
  });

  it('ends the sessions of an account an admin demotes, and refuses a link to nothing without changing the account', async () => {
    await call('POST', '/api/users', { as: 'admin', body: { username: 'boss2', displayName: '主管 二', role: 'admin', password: 'a-long-password' } });
    const login = await call('POST', '/api/auth/login', { body: { username: 'boss2', password: 'a-long-password' } });
    const listUsers = () => fetch(`${stack.url}/api/users`, { headers: { authorization: `Bearer ${login.body.token}` } });
    expect((await listUsers()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const badLink = await call('PATCH', '/api/users/u-boss2', { as: 'admin', body: { role: 'customer', customerId: 'cust-nope' } });
    expect([badLink.status, badLink.body.error.code]).toEqual([400, 'USER.LINK_MISMATCH']);
    expect((await stack.container.db.collection('users').doc('u-boss2').get()).data()).toMatchObject({ role: 'admin' });
    expect((await listUsers()).status).toBe(200);
    expect((await call('PATCH', '/api/users/u-boss2', { as: 'admin', body: { role: 'office' } })).body.role).toBe('office');
    expect((await listUsers()).status).toBe(401);
    const again = await call('POST', '/api/auth/login', { body: { username: 'boss2', password: 'a-long-password' } });
    expect(again.body.user.role).toBe('office');
    expect((await fetch(`${stack.url}/api/users`, { headers: { authorization: `Bearer ${again.body.token}` } })).status).toBe(403);
  });

  it('refuses an admin disabling or demoting their own account, changing nothing', async () => {
    // The test principal `admin` is the account `u-admin`.
    await call('POST', '/api/users', { as: 'admin', body: { username: 'admin', displayName: '管理員', role: 'admin', password: 'a-long-password' } });
    for (const body of [{ disabled: true }, { role: 'office' }]) {
      const res = await call('PATCH', '/api/users/u-admin', { as: 'admin', body });
      expect([res.status, res.body.error.code]).toEqual([409, 'USER.SELF_LOCKOUT']);
    }
    expect((await stack.container.db.collection('users').doc('u-admin').get()).data()).toMatchObject({ role: 'admin', disabled: false });
  });

  it('lists accounts without hashes', async () => {
    const list = await call('GET', '/api/users', { as: 'admin' });
    expect(list.body.items.map((u: { username: string }) => u.username)).toContain('driver9');
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
  });

  it("names each portal account's customer in the list, code and name only, so the page needs no request per customer", async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-list-1').set({ id: 'cust-list-1', code: 'C0012', name: '林家麵店', phones: ['0912345678'], creditLimit: 5000 });
    const created = await call('POST', '/api/users', {
      as: 'admin',
      body: { username: 'linjia', displayName: '林老闆', role: 'customer', customerId: 'cust-list-1', password: 'a-long-password' },
    });
    expect(created.status).toBe(201);
    // A portal account whose customer record is gone keeps its id and no name.
    await db.collection('users').doc('u-orphan').set({ uid: 'u-orphan', username: 'orphan', displayName: '舊客戶', role: 'customer', customerId: 'cust-gone', disabled: false });
    const items = (await call('GET', '/api/users', { as: 'admin' })).body.items as Record<string, unknown>[];
    expect(items.find((u) => u['username'] === 'linjia')).toEqual({
      uid: created.body.uid,
      username: 'linjia',
      displayName: '林老闆',
      role: 'customer',
      customerId: 'cust-list-1',
      customerName: 'C0012 林家麵店',
      disabled: false,
    });
    expect(items.find((u) => u['username'] === 'orphan')).toMatchObject({ customerId: 'cust-gone' });
    expect(items.find((u) => u['username'] === 'orphan')).not.toHaveProperty('customerName');
    expect(items.filter((u) => !u['customerId']).every((u) => !('customerName' in u))).toBe(true);
    expect((await call('GET', '/api/users', { as: 'office' })).status).toBe(403);
  });
});
