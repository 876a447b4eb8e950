import { aCustomer } from '../domain/test-support/customer-mother';
import { hashPassword } from '../domain/users/password';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館' }).build();
const customerB = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃' }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'portal-accounts', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customerA, customerB]) await db.collection('customers').doc(c.id).set(c);
  const passwordHash = await hashPassword('staff-password');
  await db.collection('users').doc('u-boss').set({ uid: 'u-boss', username: 'boss', displayName: '老闆', role: 'admin', passwordHash, disabled: false });
  await db.collection('users').doc('u-wang').set({ uid: 'u-wang', username: 'wang', displayName: '王老闆', role: 'customer', customerId: 'cust-b', passwordHash, disabled: false });
});
afterAll(() => stack.close());

const signIn = (username: string, password: string) => call('POST', '/api/auth/login', { body: { username, password } });
const asBearer = (token: string, path: string) => fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('a customer’s portal accounts (入口網站帳號), kept by the office', () => {
  it('opens an account named after the customer that signs in as that customer, and lists it', async () => {
    const res = await call('POST', '/api/customers/cust-a/portal-accounts', { as: 'office', body: { username: 'C00001', password: 'first-password' } });
    expect(res.status).toBe(201);
    // Its uid is opaque: the username a customer chose (their phone number, often) must not outlive an erasure in it.
    const { uid } = res.body;
    expect(uid).toMatch(/^u-[a-zA-Z0-9]{20}$/);
    expect(res.body).toEqual({ uid, username: 'c00001', displayName: '林記麵館', disabled: false });
    const login = await signIn('c00001', 'first-password');
    expect(login.status).toBe(200);
    expect(await (await asBearer(login.body.token, '/api/auth/me')).json()).toEqual({ uid, role: 'customer', customerId: 'cust-a' });
    const list = await call('GET', '/api/customers/cust-a/portal-accounts', { as: 'office' });
    expect(list.body.items).toEqual([{ uid, username: 'c00001', displayName: '林記麵館', disabled: false }]);
    expect((await call('GET', '/api/customers/cust-b/portal-accounts', { as: 'office' })).body.items.map((a: { uid: string }) => a.uid)).toEqual(['u-wang']);
  });

  it('refuses a username in use and an unknown customer, creating nothing', async () => {
    const taken = await call('POST', '/api/customers/cust-b/portal-accounts', { as: 'office', body: { username: 'boss', password: 'another-password' }, lang: 'en' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'USER.USERNAME_TAKEN', message: 'This username is taken' });
    expect((await stack.container.db.collection('users').doc('u-boss').get()).data()?.role).toBe('admin');
    const nobody = await call('POST', '/api/customers/cust-x/portal-accounts', { as: 'office', body: { username: 'cx001', password: 'another-password' } });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    expect((await stack.container.db.collection('users').doc('u-cx001').get()).exists).toBe(false);
    expect((await call('GET', '/api/customers/cust-x/portal-accounts', { as: 'office' })).status).toBe(404);
  });

  it('sets a forgotten password: the customer’s old sessions end and the new password signs in', async () => {
    const before = (await signIn('wang', 'staff-password')).body.token as string;
    expect((await asBearer(before, '/api/auth/me')).status).toBe(200);
    // Tokens count whole seconds: the sign-in must fall in an earlier second than the reset.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const res = await call('POST', '/api/customers/cust-b/portal-accounts/u-wang/password', { as: 'office', body: { password: 'remembered-now' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ uid: 'u-wang', username: 'wang', displayName: '王老闆', disabled: false });
    expect((await asBearer(before, '/api/auth/me')).status).toBe(401);
    expect((await signIn('wang', 'staff-password')).status).toBe(401);
    expect((await signIn('wang', 'remembered-now')).status).toBe(200);
  });

  it('reaches no account but the customer’s own: a staff account or another customer’s is not found, and keeps its password', async () => {
    for (const [customer, uid] of [['cust-a', 'u-boss'], ['cust-a', 'u-wang'], ['cust-a', 'u-nobody']] as const) {
      const res = await call('POST', `/api/customers/${customer}/portal-accounts/${uid}/password`, { as: 'office', body: { password: 'taken-over-now' } });
      expect({ uid, status: res.status, code: res.body.error?.code }).toEqual({ uid, status: 404, code: 'USER.NOT_FOUND' });
    }
    expect((await signIn('boss', 'staff-password')).status).toBe(200);
    expect((await signIn('wang', 'taken-over-now')).status).toBe(401);
  });
});
