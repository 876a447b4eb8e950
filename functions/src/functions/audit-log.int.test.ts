import type { Timestamp } from '@google-cloud/firestore';
import { firestoreAuditLogStore } from '../adapters/firestore/audit-log-store';
import { auditEntryOf, type AuditedRequest } from '../domain/audit';
import { idempotencyScope } from '../http/idempotency';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const auditLog = () => stack.container.db.collection('auditLog');
const entriesOf = async (fn: string) => (await auditLog().where('function', '==', fn).get()).docs.map((d) => d.data());

beforeAll(async () => {
  stack = await startTestStack({ suite: 'audit-log', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await stack.container.db.collection('users').doc('u-admin').set({ uid: 'u-admin', username: 'admin', displayName: '陳經理', role: 'admin', passwordHash: 'scrypt$x', disabled: false });
});
afterAll(() => stack.close());

describe('the audit log written by the API', () => {
  it('writes exactly one entry for a change: actor, route template, params, entity, status, the body with the password redacted, kept 7 years', async () => {
    const created = await call('POST', '/api/users', { as: 'admin', body: { username: 'office9', displayName: '會計 林小姐', role: 'office', password: 'first-long-password' } });
    expect(created.status).toBe(201);
    const reset = await call('POST', '/api/users/u-office9/password', { as: 'admin', body: { password: 'second-long-password' } });
    expect(reset.status).toBe(200);
    const entries = await entriesOf('users');
    expect(entries.map((e) => e['route']).sort()).toEqual(['/', '/:uid/password']);
    const entry = entries.find((e) => e['route'] === '/:uid/password') ?? {};
    expect(entry).toMatchObject({
      actor: { uid: 'u-admin', role: 'admin' },
      function: 'users',
      method: 'POST',
      params: { uid: 'u-office9' },
      status: 200,
      entityId: 'u-office9',
      entityIds: ['u-office9'],
      summary: expect.stringMatching(/password/i),
    });
    expect(JSON.parse(entry['bodyJson'] as string)).toEqual({ password: '[REDACTED]' });
    const stored = JSON.stringify(entries);
    expect(stored).not.toContain('first-long-password');
    expect(stored).not.toContain('second-long-password');
    const at = Date.parse(entry['at'] as string);
    expect(Math.abs(at - Date.now())).toBeLessThan(60_000);
    expect((entry['expiresAt'] as Timestamp).toDate().toISOString()).toBe(new Date(new Date(at).setUTCFullYear(new Date(at).getUTCFullYear() + 7)).toISOString());
  });

  it('writes no second entry for a retried call with the same Idempotency-Key; the entry is named after the key’s scope', async () => {
    const body = { username: 'office10', displayName: '出納 王先生', role: 'office', password: 'a-long-password' };
    const first = await call('POST', '/api/users', { as: 'admin', key: 'create-office10', body });
    const retry = await call('POST', '/api/users', { as: 'admin', key: 'create-office10', body });
    expect([first.status, retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    const entries = (await entriesOf('users')).filter((e) => e['entityId'] === 'u-office10');
    expect(entries).toHaveLength(1);
    expect((await auditLog().doc(idempotencyScope('users', 'u-admin', 'create-office10')).get()).get('entityId')).toBe('u-office10');
  });

  it('writes nothing for a refused or failed change, a read, or a route marked audit: false', async () => {
    const before = (await auditLog().get()).size;
    expect((await call('POST', '/api/users', { as: 'admin', body: { username: 'office11', displayName: 'x', role: 'office', password: 'short' } })).status).toBe(400);
    expect((await call('POST', '/api/users', { as: 'admin', body: { username: 'office9', displayName: 'x', role: 'office', password: 'a-long-password' } })).status).toBe(409);
    expect((await call('POST', '/api/users', { as: 'office', body: { username: 'office12', displayName: 'x', role: 'office', password: 'a-long-password' } })).status).toBe(403);
    expect((await call('PATCH', '/api/users/u-nobody', { as: 'admin', body: { disabled: true } })).status).toBe(404);
    expect((await call('GET', '/api/users', { as: 'admin' })).status).toBe(200);
    expect((await call('GET', '/api/audit-log', { as: 'admin' })).status).toBe(200);
    const ping = await call('POST', '/api/driver/location', { as: 'driver1', body: { lat: 25.0143, lng: 121.4637, at: new Date().toISOString() } });
    expect(ping.status).toBe(202);
    expect((await auditLog().get()).size).toBe(before);
  });

  it('records who took a file of customers’ personal data out, with what they asked for, under its own label', async () => {
    const exported = await call('GET', '/api/customers/export?status=all', { as: 'office' });
    expect(exported.status).toBe(200);
    const [entry] = await entriesOf('customers');
    expect(entry).toMatchObject({ actor: { uid: PRINCIPALS.office.uid, role: 'office' }, method: 'GET', route: '/export', status: 200 });
    expect(JSON.parse(entry?.['bodyJson'] as string)).toEqual({ status: 'all' });
    // Reading one customer's trail out of the audit log is itself recorded, named by that customer.
    expect((await call('GET', '/api/audit-log/export?from=2030-11-01&to=2030-11-02&entityId=cust-a', { as: 'admin' })).status).toBe(200);
    const [trail] = await entriesOf('audit-log');
    expect(trail).toMatchObject({ actor: { uid: 'u-admin' }, method: 'GET', entityIds: ['cust-a'] });
    const listed = await call('GET', '/api/audit-log?function=customers', { as: 'admin' });
    expect((listed.body.items as Json[]).map((e) => [e.method, e.action])).toEqual([['GET', '匯出客戶資料']]);
  });
});

describe('GET /api/audit-log', () => {
  const seeded = (n: number, at: string, overrides: Partial<AuditedRequest>) =>
    auditEntryOf(
      {
        requestId: `seed-${n}`,
        principal: PRINCIPALS.office,
        function: 'invoices',
        method: 'POST',
        route: '/:id/void',
        summary: 'Void an invoice',
        params: { id: `inv-${n}` },
        body: { reason: '開錯抬頭' },
        status: 200,
        response: { id: `inv-${n}` },
        ip: '203.0.113.9',
        ...overrides,
      },
      new Date(at),
    );

  beforeAll(async () => {
    const store = firestoreAuditLogStore(stack.container.db);
    await Promise.all(
      [
        // Taipei 11-01 23:59:59 and 11-02 00:00:00: a day's edge in Taipei, not in UTC.
        seeded(1, '2030-11-01T15:59:59.000Z', {}),
        seeded(2, '2030-11-01T16:00:00.000Z', { principal: PRINCIPALS.admin }),
        seeded(3, '2030-11-02T03:00:00.000Z', { function: 'customers', route: '/:id/payments', params: { id: 'cust-a' }, response: { id: 'pay-3' }, body: { amount: 1200 } }),
        seeded(4, '2030-11-03T03:00:00.000Z', { principal: PRINCIPALS.driver1, function: 'driver', route: '/stops/:orderId/deliver', params: { orderId: 'ord-4' }, response: { orderId: 'ord-4' }, body: { customerId: 'cust-a', cashCollected: 880 } }),
        seeded(5, '2030-11-04T03:00:00.000Z', {}),
      ].map((e) => store.write(e)),
    );
  });

  const list = async (query: string, as: 'admin' | 'office' = 'admin') => call('GET', `/api/audit-log?${query}`, { as });
  const ids = (res: { body: Json }) => (res.body.items as Json[]).map((e) => e.id as string);

  it('lists newest first within Taipei days, with the actor’s display name, what was done in the caller’s language and the redacted body', async () => {
    const res = await list('from=2030-11-01&to=2030-11-04');
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(['seed-5', 'seed-4', 'seed-3', 'seed-2', 'seed-1']);
    expect(res.body.items[3]).toMatchObject({ actor: { uid: 'u-admin', role: 'admin', name: '陳經理' }, route: '/:id/void', action: '作廢發票', entityId: 'inv-2', body: { reason: '開錯抬頭' } });
    const inEnglish = await call('GET', '/api/audit-log?from=2030-11-01&to=2030-11-04', { as: 'admin', lang: 'en' });
    expect((inEnglish.body.items as Json[]).map((e) => e.action)).toEqual(['Void invoice', 'Driver records delivery', 'Record payment', 'Void invoice', 'Void invoice']);
    expect(res.body.items[1].actor).toEqual({ uid: 'u-driver1', role: 'driver', driverId: 'drv-1' });
    expect(ids(await list('from=2030-11-01&to=2030-11-01'))).toEqual(['seed-1']);
    expect(ids(await list('from=2030-11-02&to=2030-11-02'))).toEqual(['seed-3', 'seed-2']);
  });

  it('names each entry’s record as a person knows it, read in one go: an order by customer and day, an invoice by number; others by their id', async () => {
    const db = stack.container.db;
    await Promise.all([
      db.collection('orders').doc('ord-4').set({ id: 'ord-4', customerId: 'cust-a', customerName: '林記麵館', requestedDate: '2030-11-03', status: 'delivered' }),
      db.collection('invoices').doc('inv-2').set({ id: 'inv-2', number: 'AB12345678', customer: { id: 'cust-a', code: 'C0001', name: '林記麵館' } }),
    ]);
    const res = await list('from=2030-11-01&to=2030-11-04');
    const subjects = Object.fromEntries((res.body.items as Json[]).map((e) => [e.id, e.subject ?? null]));
    expect(subjects).toEqual({
      'seed-5': null,
      'seed-4': { kind: 'order', name: '林記麵館', date: '2030-11-03' },
      // A payment is not named; an invoice since gone (inv-1, inv-5) neither.
      'seed-3': null,
      'seed-2': { kind: 'invoice', name: '林記麵館', number: 'AB12345678' },
      'seed-1': null,
    });
  });

  it('filters by account, function and an entity named in the path, the body or the answer, together', async () => {
    const range = 'from=2030-11-01&to=2030-11-04';
    expect(ids(await list(`${range}&actorUid=u-admin`))).toEqual(['seed-2']);
    expect(ids(await list(`${range}&function=invoices`))).toEqual(['seed-5', 'seed-2', 'seed-1']);
    expect(ids(await list(`${range}&entityId=cust-a`))).toEqual(['seed-4', 'seed-3']);
    expect(ids(await list(`${range}&entityId=pay-3`))).toEqual(['seed-3']);
    expect(ids(await list(`${range}&function=invoices&actorUid=u-office`))).toEqual(['seed-5', 'seed-1']);
    expect(ids(await list(`${range}&function=driver&actorUid=u-driver1&entityId=cust-a`))).toEqual(['seed-4']);
  });

  it('pages with the cursor it gives, to the end, and refuses a cursor it did not give', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`from=2030-11-01&to=2030-11-04&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(res));
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor);
    expect(seen).toEqual(['seed-5', 'seed-4', 'seed-3', 'seed-2', 'seed-1']);
    expect(pages).toBe(3);
    const bad = await list('cursor=no-such-entry');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('AUDIT.CURSOR_INVALID');
  });

  it('checks its query: a range ending before it starts, an unknown function name shape, too large a page', async () => {
    const res = await list('from=2030-11-04&to=2030-11-01&function=Invoices!&limit=500');
    expect(res.status).toBe(400);
    expect((res.body.error.fields as Json[]).map((f) => f.path).sort()).toEqual(['query.function', 'query.limit', 'query.to']);
  });

  it('is for admins only', async () => {
    for (const who of ['office', 'driver1', 'customerA', 'turnkey'] as const) {
      const res = await call('GET', '/api/audit-log', { as: who });
      expect([who, res.status, res.body.error?.code]).toEqual([who, 403, 'AUTH.FORBIDDEN']);
    }
  });

  it('exports a filtered range of days as CSV in the caller’s language', async () => {
    const res = await call('GET', '/api/audit-log/export?from=2030-11-01&to=2030-11-02&function=invoices', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="audit-log-2030-11-01-2030-11-02.csv"');
    // fetch's text() drops the byte order mark; the file's bytes are pinned by the unit test of auditLogCsv.
    const lines = String(res.body.raw).split('\r\n');
    expect(lines[0]).toBe('時間,帳號,姓名,角色,動作,功能,方法,路徑,對象,狀態,IP,參數,內容,請求編號');
    expect(lines.slice(1, -1)).toEqual([
      '2030-11-02 00:00:00,u-admin,陳經理,管理員,作廢發票,發票,POST,/:id/void,inv-2,200,203.0.113.9,"{""id"":""inv-2""}","{""reason"":""開錯抬頭""}",seed-2',
      '2030-11-01 23:59:59,u-office,,辦公室,作廢發票,發票,POST,/:id/void,inv-1,200,203.0.113.9,"{""id"":""inv-1""}","{""reason"":""開錯抬頭""}",seed-1',
    ]);
    const english = await call('GET', '/api/audit-log/export?from=2030-11-02&to=2030-11-02&function=invoices', { as: 'admin', lang: 'en' });
    expect(String(english.body.raw).split('\r\n').slice(0, 2)).toEqual([
      'time,account,name,role,action,function,method,route,entity,status,ip,params,body,requestId',
      '2030-11-02 00:00:00,u-admin,陳經理,admin,Void invoice,Invoices,POST,/:id/void,inv-2,200,203.0.113.9,"{""id"":""inv-2""}","{""reason"":""開錯抬頭""}",seed-2',
    ]);
  });
});
