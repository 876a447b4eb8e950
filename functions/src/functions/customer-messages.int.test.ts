import { Timestamp } from '@google-cloud/firestore';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const dispatch = (customerId: string, minutesAgo: number, extra: Record<string, unknown>) => ({
  customerId,
  channel: 'sms',
  to: '0912345678',
  text: `message ${minutesAgo}`,
  status: 'sent',
  createdAt: Timestamp.fromMillis(Date.now() - minutesAgo * 60_000),
  ...extra,
});

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customer-messages', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const [id, code] of [['cust-a', 'C00001'], ['cust-b', 'C00002']] as const) await db.collection('customers').doc(id).set(aCustomer().withId(id).withCode(code).build());
  const col = db.collection('notificationDispatch');
  await col.doc('evt-1').set(dispatch('cust-a', 300, { eventId: 'evt-1', orderId: 'ord-1', sentAt: Timestamp.fromMillis(Date.now() - 299 * 60_000) }));
  await col.doc('payment-cust-a-2026-09-first').set(dispatch('cust-a', 60, { kind: 'payment-reminder', stage: 'first' }));
  await col.doc('delay-ord-2').set(dispatch('cust-a', 5, { kind: 'delay', status: 'failed', error: 'DomainError: SMS.INVALID_RECIPIENT' }));
  // Refused by the gateway for the number: the sender's text, Mitake's words in it, kept as the adapter wrote it.
  await col.doc('evt-2').set(dispatch('cust-a', 200, { eventId: 'evt-2', status: 'failed', errorCode: 'SMS.INVALID_NUMBER', error: 'DomainError: SMS gateway rejected the message (statuscode v: 無效的手機號碼)' }));
  await col.doc('evt-9').set(dispatch('cust-b', 1, { eventId: 'evt-9' }));
});
afterAll(() => stack.close());

describe("a customer's messages (通知紀錄)", () => {
  it('lists what the customer was sent, newest first, with what each was about and how it went', async () => {
    const res = await call('GET', '/api/customers/cust-a/messages', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: Json) => [m.id, m.kind, m.status])).toEqual([
      ['delay-ord-2', 'delay', 'failed'],
      ['payment-cust-a-2026-09-first', 'payment-reminder', 'sent'],
      ['evt-2', 'order', 'failed'],
      ['evt-1', 'order', 'sent'],
    ]);
    expect(res.body.items[0]).toMatchObject({ channel: 'sms', text: 'message 5', error: 'DomainError: SMS.INVALID_RECIPIENT' });
    expect(res.body.items[3].sentAt).toEqual(expect.any(String));
  });

  it('says why a message failed in the reader’s language, keeping the sender’s own text for support', async () => {
    const failed = async (lang: string) => ((await call('GET', '/api/customers/cust-a/messages', { as: 'office', lang })).body.items as Json[]).filter((m) => m.status === 'failed');
    expect(await failed('zh-TW')).toEqual([
      expect.objectContaining({ id: 'delay-ord-2', reason: '未送達' }),
      expect.objectContaining({
        id: 'evt-2',
        errorCode: 'SMS.INVALID_NUMBER',
        reason: '未送達：簡訊商表示此手機號碼無效，請向客戶確認號碼',
        error: 'DomainError: SMS gateway rejected the message (statuscode v: 無效的手機號碼)',
      }),
    ]);
    expect((await failed('en')).map((m) => m.reason)).toEqual(['Not delivered', 'Not delivered: the SMS gateway says the mobile number is not valid; check it with the customer']);
    const sent = (await call('GET', '/api/customers/cust-a/messages', { as: 'office' })).body.items as Json[];
    expect(sent.filter((m) => m.status === 'sent').every((m) => m.reason === undefined)).toBe(true);
  });

  it('takes a limit, refuses a bad one, and answers 404 for an unknown customer', async () => {
    expect((await call('GET', '/api/customers/cust-a/messages?limit=1', { as: 'admin' })).body.items.map((m: Json) => m.id)).toEqual(['delay-ord-2']);
    expect((await call('GET', '/api/customers/cust-a/messages?limit=0', { as: 'office' })).status).toBe(400);
    expect((await call('GET', '/api/customers/cust-x/messages', { as: 'office' })).status).toBe(404);
  });

  it('is for the office: a customer, even for their own, and a driver are refused', async () => {
    expect((await call('GET', '/api/customers/cust-a/messages', { as: 'customerA' })).status).toBe(403);
    expect((await call('GET', '/api/customers/cust-a/messages', { as: 'driver1' })).status).toBe(403);
  });
});
