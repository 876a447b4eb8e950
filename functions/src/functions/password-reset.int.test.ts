import { randomUUID } from 'node:crypto';
import type { LocalMitakeServer } from '../adapters/notify/test-support/mitake-server';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import type { EventEnvelope } from '../domain/events';
import { aCustomer } from '../domain/test-support/customer-mother';
import { codeRequestedEvent, type CodeRequest } from '../domain/users';
import { hashPassword, verifyPassword } from '../domain/users/password';
import { startTestStack, type TestStack } from '../local/test-support';
import { SEND_CODES } from './send-codes';
import { pushEvent } from './test-support/push-event';
import { apiClient } from './test-support/api-client';
import { eventually } from './test-support/planning-day';
import { startSmsGateway } from './test-support/sms-stack';
import { sendRequestedCode } from './use-cases/text-codes';

let stack: TestStack;
let mitake: LocalMitakeServer;
let call: ReturnType<typeof apiClient>;

const withMobile = aCustomer().withId('cust-m').withCode('C00011').with({ name: '林記麵館', phones: ['0912-345-678'] }).build();
const landlineOnly = aCustomer().withId('cust-l').withCode('C00012').with({ name: '王家小吃', phones: ['02-2345-6789'] }).build();

beforeAll(async () => {
  const sms = await startSmsGateway();
  mitake = sms.mitake;
  stack = await startTestStack({ suite: 'password-reset', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === SEND_CODES), overrides: sms.overrides });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [withMobile, landlineOnly]) await db.collection('customers').doc(c.id).set(c);
  const passwordHash = await hashPassword('old-password');
  const account = (uid: string, username: string, extra: Record<string, string>) =>
    db.collection('users').doc(uid).set({ uid, username, displayName: username, passwordHash, disabled: false, ...extra });
  await account('u-lin', 'lin', { role: 'customer', customerId: 'cust-m' });
  await account('u-wang', 'wang', { role: 'customer', customerId: 'cust-l' });
  await account('u-chen', 'chen', { role: 'customer', customerId: 'cust-m' });
  await account('u-wang-m', 'wang-m', { role: 'customer', customerId: 'cust-m' });
  await account('u-desk', 'desk', { role: 'office' });
});
afterAll(async () => {
  await stack.close();
  await mitake.stop();
});

const requestCode = (username: string, opts: { lang?: string; key?: string } = {}) => call('POST', '/api/auth/password-reset', { body: { username }, ...opts });
const confirm = (username: string, oneTimeCode: string, newPassword = 'remembered-at-last', lang?: string) =>
  call('POST', '/api/auth/password-reset/confirm', { body: { username, oneTimeCode, newPassword }, ...(lang ? { lang } : {}) });
const signIn = (username: string, password: string) => call('POST', '/api/auth/login', { body: { username, password } });
const me = (token: string) => fetch(`${stack.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
const codeIn = (text: string | undefined) => /(\d{6})/.exec(text ?? '')?.[1] ?? 'no code';
/** Waits for the sendCodes consumer to have answered `n` requests in all, sent or not. */
const answered = (n: number) =>
  eventually(async () => ((await stack.container.db.collection('processedEvents').where('consumer', '==', SEND_CODES).get()).size >= n ? true : null));
const deliver = (event: EventEnvelope): Promise<number> => pushEvent(stack, SEND_CODES, 'notifications', event);

describe('忘記密碼: a customer resets their password with a code sent to their mobile', () => {
  it('texts the code in the caller’s language once per request; the code sets the password once, ends old sessions and is audited for the customer', async () => {
    const before = (await signIn('lin', 'old-password')).body.token as string;
    // Tokens count whole seconds: the sign-in must fall in an earlier second than the reset.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));

    const asked = await requestCode('LIN', { lang: 'en', key: 'forgot-1' });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ codeValidForMinutes: 10, channel: 'sms-or-log' });
    // A retry with the same key replays the answer and asks for nothing more (the next test counts the answers).
    expect((await requestCode('LIN', { lang: 'en', key: 'forgot-1' })).status).toBe(202);
    await answered(1);
    expect((await mitake.waitForSent(1)).map((m) => m.dstaddr)).toEqual(['0912345678']);
    const text = mitake.sent[0]?.smbody;
    expect(text).toMatch(/^\[Lucky Gas\] Your password reset code is \d{6}\. It works for 10 minutes\./);
    const code = codeIn(text);
    const stored = (await stack.container.db.collection('passwordResets').doc('u-lin').get()).data();
    expect(stored?.['codeHash']).toMatch(/^scrypt\$/);
    expect(JSON.stringify(stored)).not.toContain(code);

    const wrong = await confirm('lin', code === '000000' ? '000001' : '000000');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'AUTH.RESET_CODE_INVALID', message: '驗證碼不正確或已過期，請重新取得驗證碼。', fields: [{ path: 'body.oneTimeCode' }] });
    // Another account's code does nothing for this one.
    expect((await confirm('chen', code)).status).toBe(400);

    const done = await confirm('lin', code);
    expect(done.status).toBe(200);
    expect(Object.keys(done.body)).toEqual(['sessionsValidFrom']);
    expect((await me(before)).status).toBe(401);
    expect((await signIn('lin', 'old-password')).status).toBe(401);
    expect((await signIn('lin', 'remembered-at-last')).status).toBe(200);
    expect((await stack.container.db.collection('passwordResets').doc('u-lin').get()).exists).toBe(false);
    expect((await confirm('lin', code, 'a-second-new-password')).body.error.code).toBe('AUTH.RESET_CODE_INVALID');

    const entries = (await stack.container.db.collection('auditLog').where('function', '==', 'auth').where('route', '==', '/password-reset/confirm').get()).docs.map((d) => d.data());
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { uid: 'u-lin', role: 'customer', customerId: 'cust-m' },
        route: '/password-reset/confirm',
        status: 200,
        bodyJson: JSON.stringify({ username: 'lin', oneTimeCode: '[REDACTED]', newPassword: '[REDACTED]' }),
      }),
    ]);
  });

  it('answers an unknown username and a staff account exactly as a customer’s, texting and storing nothing', async () => {
    const sentBefore = mitake.sent.length;
    for (const username of ['nobody', 'desk']) {
      const res = await requestCode(username);
      expect({ username, status: res.status, body: res.body }).toEqual({ username, status: 202, body: { codeValidForMinutes: 10, channel: 'sms-or-log' } });
    }
    // Three requests answered in all: the replay earlier asked for nothing.
    await answered(3);
    expect((await stack.container.db.collection('processedEvents').where('consumer', '==', SEND_CODES).get()).size).toBe(3);
    expect(mitake.sent.length).toBe(sentBefore);
    expect((await stack.container.db.collection('passwordResets').doc('u-desk').get()).exists).toBe(false);
    expect((await confirm('desk', '123456')).body.error.code).toBe('AUTH.RESET_CODE_INVALID');
    expect((await signIn('desk', 'old-password')).status).toBe(200);
  });

  it('refuses a sixth request within the hour with 429 and Retry-After, and a malformed code with the field’s message', async () => {
    const sentBefore = mitake.sent.length;
    for (let i = 0; i < 5; i += 1) expect((await requestCode('chen')).status).toBe(202);
    // However the five requests overtake one another, the stored code is the last one's, and the only one texted that
    // works: a request answered after a later one's code was stored texts nothing.
    await answered(8);
    const codes = mitake.sent.slice(sentBefore).map((m) => codeIn(m.smbody));
    expect(codes.length).toBeGreaterThanOrEqual(1);
    expect(codes.length).toBeLessThanOrEqual(5);
    const storedHash = (await stack.container.db.collection('passwordResets').doc('u-chen').get()).data()?.['codeHash'] as string;
    const working = [];
    for (const code of codes) if (await verifyPassword(code, storedHash)) working.push(code);
    expect(working.length).toBe(1);
    const latest = working[0] ?? 'none';
    const refused = await requestCode('chen', { lang: 'en' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'AUTH.RESET_RATE_LIMITED', message: 'Too many reset codes requested. Try again later, or call us for help.' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);

    const malformed = await confirm('chen', '12ab56');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual([expect.objectContaining({ path: 'body.oneTimeCode', message: '驗證碼是 6 位數字' })]);
    const short = await confirm('chen', latest, 'short', 'en');
    expect(short.body.error.fields).toEqual([expect.objectContaining({ path: 'body.newPassword', message: 'Passwords need at least 10 characters' })]);
    // Refused input used nothing up: the latest code still works.
    expect((await confirm('chen', latest)).status).toBe(200);
  });

  it('without a mobile or LINE, prints the code in the local stack’s log and finds no way to reach the customer in production', async () => {
    const log: string[] = [];
    const asked: CodeRequest = { purpose: 'password-reset', username: 'wang', locale: 'zh-TW' };
    await expect(sendRequestedCode(stack.container, asked, new Date(), (line) => log.push(line))).resolves.toBe(true);
    const printed = log.map((line) => JSON.parse(line));
    expect(printed).toEqual([expect.objectContaining({ severity: 'NOTICE', customerId: 'cust-l', text: expect.stringContaining('您的密碼重設驗證碼') })]);
    const storedHash = (await stack.container.db.collection('passwordResets').doc('u-wang').get()).data()?.['codeHash'] as string;
    await expect(verifyPassword(codeIn(printed[0]?.text), storedHash)).resolves.toBe(true);

    const production = { ...stack.container, config: { ...stack.container.config, auth: { ...stack.container.config.auth, mode: 'firebase' as const } } };
    await expect(sendRequestedCode(production, asked, new Date(), (line) => log.push(line))).resolves.toBe(false);
    expect(log.length).toBe(1);
    // The stored code is the local one still: a request nobody can be texted for replaces nothing.
    expect((await stack.container.db.collection('passwordResets').doc('u-wang').get()).data()?.['codeHash']).toBe(storedHash);
  });
});

describe('sendCodes: the consumer that texts the codes asked for', () => {
  const request = (username: string, at = new Date()) => codeRequestedEvent(randomUUID(), { purpose: 'password-reset', username, locale: 'zh-TW' }, at);

  it('keeps the form’s answer the same while the SMS gateway is down, and texts the code once it is back', async () => {
    const sentBefore = mitake.sent.length;
    mitake.failNext({ http: 503 }, { http: 503 });
    const res = await requestCode('wang-m');
    expect({ status: res.status, body: res.body }).toEqual({ status: 202, body: { codeValidForMinutes: 10, channel: 'sms-or-log' } });
    const texts = await mitake.waitForSent(sentBefore + 1);
    expect(texts.slice(sentBefore).map((m) => m.dstaddr)).toEqual(['0912345678']);
    const storedHash = (await stack.container.db.collection('passwordResets').doc('u-wang-m').get()).data()?.['codeHash'] as string;
    await expect(verifyPassword(codeIn(texts.at(-1)?.smbody), storedHash)).resolves.toBe(true);
  }, 60_000);

  it('texts once per request however often it is delivered, and not at all for one older than a code lasts', async () => {
    const sentBefore = mitake.sent.length;
    const once = request('wang-m');
    expect(await deliver(once)).toBe(204);
    expect(await deliver(once)).toBe(204);
    expect(mitake.sent.length).toBe(sentBefore + 1);
    expect(await deliver(request('wang-m', new Date(Date.now() - 10 * 60_000 - 1000)))).toBe(204);
    expect(mitake.sent.length).toBe(sentBefore + 1);
  });

  it('texts nothing for a request delivered after a later one was answered, whose code keeps working', async () => {
    const later = request('wang-m');
    const earlier = request('wang-m', new Date(Date.now() - 60_000));
    const sentBefore = mitake.sent.length;
    expect(await deliver(later)).toBe(204);
    const storedHash = (await stack.container.db.collection('passwordResets').doc('u-wang-m').get()).data()?.['codeHash'];
    expect(await deliver(earlier)).toBe(204);
    expect(mitake.sent.length).toBe(sentBefore + 1);
    expect((await stack.container.db.collection('passwordResets').doc('u-wang-m').get()).data()?.['codeHash']).toBe(storedHash);
  });

  it('lets a gateway’s permanent refusal go without retrying, and gives a malformed request up', async () => {
    const sentBefore = mitake.sent.length;
    mitake.failNext({ statuscode: 'k' });
    const refused = request('wang-m');
    expect(await deliver(refused)).toBe(204);
    expect(await deliver(refused)).toBe(204);
    const malformed = { ...request('wang-m'), data: { purpose: 'password-reset', locale: 'zh-TW' } };
    expect(await deliver(malformed)).toBe(204);
    expect(mitake.sent.length).toBe(sentBefore);
  });
});
