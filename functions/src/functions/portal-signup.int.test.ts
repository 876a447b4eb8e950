import type { LocalMitakeServer } from '../adapters/notify/test-support/mitake-server';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { SEND_CODES } from './send-codes';
import { apiClient } from './test-support/api-client';
import { eventually } from './test-support/planning-day';
import { startSmsGateway } from './test-support/sms-stack';

let stack: TestStack;
let mitake: LocalMitakeServer;
let call: ReturnType<typeof apiClient>;

const shop = aCustomer().withId('cust-s').withCode('C00127').with({ name: '林記麵館', phones: ['(02)2345-6789', '0912-345-678'] }).build();
// Four shops whose owners, each with their own code, pick the same username at the same moment.
const racing = [1, 2, 3, 4].map((n) => aCustomer().withId(`cust-r${n}`).withCode(`C0014${n}`).with({ name: `連鎖小吃 ${n} 號店`, phones: [`0955-000-00${n}`] }).build());
const closed = { ...aCustomer().withId('cust-x').withCode('C00128').with({ name: '已歇業小吃', phones: ['0922-111-222'] }).build(), status: 'inactive' as const };

beforeAll(async () => {
  const sms = await startSmsGateway();
  mitake = sms.mitake;
  stack = await startTestStack({ suite: 'portal-signup', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === SEND_CODES), overrides: sms.overrides });
  call = apiClient(stack.url, stack.container);
  for (const c of [shop, closed, ...racing]) await stack.container.db.collection('customers').doc(c.id).set(c);
});
afterAll(async () => {
  await stack.close();
  await mitake.stop();
});

const ask = (customerCode: string, mobile: string, lang?: string) => call('POST', '/api/auth/portal-signup', { body: { customerCode, mobile }, ...(lang ? { lang } : {}) });
const open = (body: Record<string, string>) =>
  call('POST', '/api/auth/portal-signup/confirm', { body: { customerCode: 'C00127', mobile: '0912-345-678', username: 'lin-noodles', password: 'a-long-password', ...body } });
const codeIn = (text: string | undefined) => /(\d{6})/.exec(text ?? '')?.[1] ?? 'no code';
/** Waits for the sendCodes consumer to have answered `n` requests in all, sent or not. */
const answered = (n: number) =>
  eventually(async () => ((await stack.container.db.collection('processedEvents').where('consumer', '==', SEND_CODES).get()).size >= n ? true : null));

describe('開通入口網站帳號: a customer opens their own portal account', () => {
  it('texts the code to the mobile typed when it is on the record; the code opens an account that signs in as the customer, audited', async () => {
    const asked = await ask('c00127', '0912 345 678');
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ codeValidForMinutes: 10, channel: 'sms' });
    expect((await mitake.waitForSent(1)).map((m) => m.dstaddr)).toEqual(['0912345678']);
    const code = codeIn(mitake.sent[0]?.smbody);
    expect(mitake.sent[0]?.smbody).toContain('開通驗證碼');

    const taken = await open({ oneTimeCode: code, username: 'lin-noodles' });
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ username: 'lin-noodles' });
    const login = await call('POST', '/api/auth/login', { body: { username: 'lin-noodles', password: 'a-long-password' } });
    expect(login.status).toBe(200);
    const { uid } = login.body.user;
    expect(uid).not.toContain('lin-noodles');
    expect(login.body.user).toMatchObject({ role: 'customer', customerId: 'cust-s', displayName: '林記麵館' });
    expect((await stack.container.db.collection('portalSignups').doc('cust-s').get()).exists).toBe(false);
    expect((await open({ oneTimeCode: code, username: 'lin-noodles-2' })).body.error.code).toBe('AUTH.RESET_CODE_INVALID');
    const audit = (await stack.container.db.collection('auditLog').where('route', '==', '/portal-signup/confirm').get()).docs.map((d) => d.data());
    expect(audit.map((e) => [e['actor'].uid, JSON.parse(e['bodyJson'])])).toEqual([
      [uid, { customerCode: 'C00127', mobile: '0912345678', oneTimeCode: '[REDACTED]', username: 'lin-noodles', password: '[REDACTED]' }],
    ]);
  });

  it('answers a landline, an unknown code, a number not on the record and a closed customer alike, texting nobody', async () => {
    const before = mitake.sent.length;
    const landline = await ask('C00127', '02-2345-6789', 'en');
    expect(landline.status).toBe(400);
    expect(landline.body.error.fields).toEqual([expect.objectContaining({ path: 'body.mobile', message: 'Enter a mobile number (starting 09)' })]);
    for (const [code, mobile] of [['C00999', '0912-345-678'], ['C00127', '0933-000-111'], ['C00128', '0922-111-222']]) {
      const res = await ask(code ?? '', mobile ?? '');
      expect({ code, status: res.status, body: res.body }).toEqual({ code, status: 202, body: { codeValidForMinutes: 10, channel: 'sms' } });
    }
    await answered(4);
    expect(mitake.sent.length).toBe(before);
    expect((await stack.container.db.collection('portalSignups').doc('cust-x').get()).exists).toBe(false);
  });

  it('keeps the code when the username is taken, and refuses the code typed with another mobile', async () => {
    const before = mitake.sent.length;
    await ask('C00127', '0912-345-678');
    const code = codeIn((await mitake.waitForSent(before + 1)).at(-1)?.smbody);
    const taken = await open({ oneTimeCode: code, username: 'lin-noodles' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'USER.USERNAME_TAKEN', message: '此帳號已被使用', fields: [{ path: 'body.username', message: '此帳號已被使用' }] });
    expect((await open({ oneTimeCode: code, username: 'lin-second', mobile: '0933-000-111' })).body.error.code).toBe('AUTH.RESET_CODE_INVALID');
    const second = await open({ oneTimeCode: code, username: 'lin-second' });
    expect(second.status).toBe(201);
    expect((await stack.container.db.collection('users').where('username', '==', 'lin-second').get()).docs.map((d) => d.get('customerId'))).toEqual(['cust-s']);
  });

  it('opens one account when sign-ups race for one username, the others answered 409 in their language with their codes kept', async () => {
    const before = mitake.sent.length;
    for (const c of racing) expect((await ask(c.code, c.phones[0] ?? '')).status).toBe(202);
    const sent = (await mitake.waitForSent(before + racing.length)).slice(before);
    const codeOf = (mobile: string) => codeIn(sent.find((m) => m.dstaddr === mobile.replace(/-/g, ''))?.smbody);
    const confirm = (c: (typeof racing)[number], lang: string) =>
      call('POST', '/api/auth/portal-signup/confirm', {
        body: { customerCode: c.code, mobile: c.phones[0] ?? '', oneTimeCode: codeOf(c.phones[0] ?? ''), username: 'chain-shop', password: 'a-long-password' },
        lang,
      });
    const answers = await Promise.all(racing.map((c, i) => confirm(c, i % 2 === 0 ? 'zh-TW' : 'en')));

    const opened = answers.flatMap((res, i) => (res.status === 201 ? [racing[i]?.id] : []));
    expect(opened).toHaveLength(1);
    const refused = answers.flatMap((res, i) => (res.status === 201 ? [] : [{ status: res.status, error: res.body.error, lang: i % 2 === 0 ? 'zh-TW' : 'en' }]));
    expect(refused).toHaveLength(racing.length - 1);
    for (const r of refused) {
      const message = r.lang === 'en' ? 'This username is taken' : '此帳號已被使用';
      expect(r).toMatchObject({ status: 409, error: { code: 'USER.USERNAME_TAKEN', message, fields: [{ path: 'body.username', message }] } });
    }
    const accounts = await stack.container.db.collection('users').where('username', '==', 'chain-shop').get();
    expect(accounts.docs.map((d) => d.get('customerId'))).toEqual(opened);
    const codesKept = await Promise.all(racing.map(async (c) => [c.id, (await stack.container.db.collection('portalSignups').doc(c.id).get()).exists]));
    expect(codesKept).toEqual(racing.map((c) => [c.id, c.id !== opened[0]]));
  });
});
