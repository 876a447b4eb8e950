import { dueDateOf, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays, daysBetween } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { Order } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { NOTIFICATIONS_COLLECTION } from '../adapters/notify/inbox-sender';
import type { LocalLineServer } from '../adapters/notify/test-support/line-server';
import type { TestStack } from '../local/test-support';
import type { apiClient, Json } from './test-support/api-client';
import { startStackWithLine } from './test-support/line-stack';
import { seedPortalAccounts } from './test-support/portal-accounts';

/**
 * 催款 on the emulators, with LINE played by the local stand-in that speaks the Messaging API: who
 * the daily run reminds, that a LINE outage is retried and reaches the customer once, and the
 * reminder the office sends by hand.
 */
const TOKEN = 'payment-reminder-channel-token';
const today = taipeiDate(new Date());
const twoMonthsAgo = previousMonth(previousMonth(taipeiMonth(new Date())));
const daysLate = daysBetween(dueDateOf(twoMonthsAgo), today);
// Worked out here from the rule as stated (5 days' grace, second past 30, final past 60), not by the code under test.
const expectedStage = daysLate > 60 ? 'final' : daysLate > 30 ? 'second' : 'first';

const late = aCustomer().withId('cust-late').withCode('C00001').with({ name: '林記麵館', paymentTerms: 'monthly', lineUserId: `U${'b'.repeat(32)}` }).build();
const paidToday = aCustomer().withId('cust-paid').withCode('C00002').with({ name: '王家小吃', paymentTerms: 'monthly' }).build();
const shortBy50 = aCustomer().withId('cust-short').withCode('C00003').with({ name: '張記便當', paymentTerms: 'transfer' }).build();
const onTime = aCustomer().withId('cust-ontime').withCode('C00004').with({ name: '陳家餐廳', paymentTerms: 'monthly' }).build();

function delivered(id: string, customer: Customer, month: string): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod: customer.paymentTerms }).inStatus('delivered').build();
  return { ...order, delivery: { at: `${month}-10T04:00:00.000Z`, delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: 0 } };
}
const orders = [
  delivered('ord-late', late, twoMonthsAgo),
  delivered('ord-paid', paidToday, twoMonthsAgo),
  delivered('ord-short', shortBy50, twoMonthsAgo),
  delivered('ord-ontime', onTime, taipeiMonth(new Date())),
];
const total = (id: string): number => (orders.find((o) => o.id === id) as Order).total;

let line: LocalLineServer;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stack, line, call, close } = await startStackWithLine('payment-reminders', TOKEN));
  const db = stack.container.db;
  for (const c of [late, paidToday, shortBy50, onTime]) await db.collection('customers').doc(c.id).set(c);
  await seedPortalAccounts(db, [late, paidToday, shortBy50, onTime].map((c) => c.id));
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  const pay = (customerId: string, amount: number, receivedOn: string) => call('POST', `/api/customers/${customerId}/payments`, { as: 'office', body: { amount, method: 'transfer', receivedOn } });
  expect((await pay(paidToday.id, 100, today)).status).toBe(201);
  expect((await pay(shortBy50.id, total('ord-short') - 50, addDays(today, -10))).status).toBe(201);
  expect((await call('POST', '/api/jobs/receivables', { as: 'admin', body: {} })).status).toBe(200);
});
afterAll(() => close());

const lineOf = async (customerId: string): Promise<Json | undefined> =>
  ((await call('GET', '/api/receivables', { as: 'office' })).body.items as Json[]).find((r) => r.customerId === customerId);

describe('payment reminders (催款)', () => {
  it('send nothing on a closure day (春節), leaving the reminders for the first open day', async () => {
    const db = stack.container.db;
    await db.collection('closures').doc('cl-today').set({ id: 'cl-today', name: '春節', from: today, to: addDays(today, 1), createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const quiet = await call('POST', '/api/jobs/payment-reminders', { as: 'admin', body: {} });
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual({ considered: 0, reminded: 0, skipped: {}, errors: [], pending: 0, closed: '春節' });
    expect((await db.collection('notificationDispatch').where('kind', '==', 'payment-reminder').get()).size).toBe(0);
    await db.collection('closures').doc('cl-today').delete();
  });

  it('remind the customer past due once LINE is back, skipping a recent payer and a NT$50 shortfall, and never twice', async () => {
    line.failNext(500);
    const failed = await call('POST', '/api/jobs/payment-reminders', { as: 'admin', body: {} });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ considered: 3, reminded: 0, pending: 1, errors: [{ customerId: late.id, code: 'LINE.UNAVAILABLE' }], skipped: { RECENT_PAYMENT: 1, BELOW_MINIMUM: 1 } });
    expect(line.delivered).toHaveLength(0);

    const retried = await call('POST', '/api/jobs/payment-reminders', { as: 'admin', body: {} });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ reminded: 1, pending: 0, errors: [] });
    expect(line.delivered).toHaveLength(1);
    expect(line.delivered[0]?.to).toBe(late.lineUserId);
    const head = { first: '幸福氣繳款提醒', second: '幸福氣第二次繳款提醒', final: '幸福氣最後繳款通知' }[expectedStage];
    expect(line.delivered[0]?.text.startsWith(`${head}：`)).toBe(true);
    expect(line.delivered[0]?.text).toContain(`NT$${total('ord-late').toLocaleString('en')}`);

    const again = await call('POST', '/api/jobs/payment-reminders', { as: 'admin', body: {} });
    expect(again.body).toMatchObject({ reminded: 0, skipped: { ALREADY_REMINDED: 1 } });
    expect(line.delivered).toHaveLength(1);
    expect((await lineOf(late.id))?.lastReminder).toMatchObject({ stage: expectedStage, manual: false, channel: 'line', status: 'sent' });
    expect((await lineOf(paidToday.id))?.lastReminder).toBeUndefined();
  });

  it('let the office send one by hand, once a day however often it is clicked', async () => {
    const first = await call('POST', `/api/receivables/${late.id}/reminders`, { as: 'office' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stage: expectedStage, manual: true, channel: 'line', status: 'sent' });
    expect(line.delivered).toHaveLength(2);
    expect(line.delivered[1]?.text).toBe(first.body.text);

    const second = await call('POST', `/api/receivables/${late.id}/reminders`, { as: 'office' });
    expect(second.body).toEqual(first.body);
    expect(line.delivered).toHaveLength(2);
    expect((await lineOf(late.id))?.lastReminder).toMatchObject({ manual: true, at: first.body.at });
  });

  it('send by hand to a recent payer (the office decides), to their in-app inbox without LINE', async () => {
    const sent = await call('POST', `/api/receivables/${paidToday.id}/reminders`, { as: 'admin' });
    expect(sent.body).toMatchObject({ manual: true, channel: 'inbox', status: 'sent' });
    const inbox = await stack.container.db.collection(NOTIFICATIONS_COLLECTION).where('customerId', '==', paidToday.id).get();
    expect(inbox.docs.map((d) => d.get('text'))).toContain(sent.body.text);
  });

  it('say outright that nobody was told when the customer has no LINE, no mobile to text and no portal account, once a day', async () => {
    // Without an SMS gateway the inbox is all that is left, and nobody can sign in to read it.
    await stack.container.db.collection('users').doc(`u-portal-${shortBy50.id}`).delete();
    const sent = await call('POST', `/api/receivables/${shortBy50.id}/reminders`, { as: 'office' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ manual: true, channel: 'inbox', status: 'failed', errorCode: 'INBOX.NO_ACCOUNT' });
    // Why, in the clerk's language: never the inbox sender's own English (audit 20 F9).
    expect(sent.body.error).toBe('此客戶沒有 LINE、可收簡訊的手機或會員帳號，催款通知沒有送出，請改以電話聯繫');
    const again = await call('POST', `/api/receivables/${shortBy50.id}/reminders`, { as: 'office' });
    expect(again.body).toEqual(sent.body);
    const en = await call('POST', `/api/receivables/${shortBy50.id}/reminders`, { as: 'office', lang: 'en' });
    expect(en.body).toEqual({ ...sent.body, error: 'The customer has no LINE, no mobile to text and no portal account: the reminder was not sent; phone them' });
    expect((await stack.container.db.collection(NOTIFICATIONS_COLLECTION).where('customerId', '==', shortBy50.id).get()).size).toBe(0);
    // 通知紀錄 says the same.
    const messages = (await call('GET', `/api/customers/${shortBy50.id}/messages`, { as: 'office' })).body.items as Json[];
    expect(messages).toEqual([expect.objectContaining({ kind: 'payment-reminder', channel: 'inbox', status: 'failed', errorCode: 'INBOX.NO_ACCOUNT' })]);
    expect((await lineOf(shortBy50.id))?.lastReminder).toMatchObject({ manual: true, status: 'failed', errorCode: 'INBOX.NO_ACCOUNT' });
  });

  it('say on the ledger why the last reminder failed, in the reader’s language and in 通知紀錄’s words', async () => {
    const zh = await lineOf(shortBy50.id);
    expect(zh?.lastReminder).toMatchObject({ status: 'failed', errorCode: 'INBOX.NO_ACCOUNT', reason: '未送達：客戶沒有會員帳號、LINE 或可收簡訊的手機，請來電告知' });
    const en = ((await call('GET', '/api/receivables', { as: 'office', lang: 'en' })).body.items as Json[]).find((r) => r.customerId === shortBy50.id);
    expect(en?.lastReminder.reason).toBe('Not delivered: the customer has no portal account, LINE or mobile to text; phone them');
    // One that went out says nothing of the kind.
    expect((await lineOf(late.id))?.lastReminder).not.toHaveProperty('reason');
  });

  it('refuse a customer with nothing past due, in the caller’s language, and an unknown one', async () => {
    const zh = await call('POST', `/api/receivables/${onTime.id}/reminders`, { as: 'office' });
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'RECEIVABLE.NOT_OVERDUE', message: '此客戶目前沒有逾期帳款，無需催款' });
    const en = await call('POST', `/api/receivables/${onTime.id}/reminders`, { as: 'office', lang: 'en' });
    expect(en.body.error.message).toBe('Nothing this customer owes is past due');
    expect((await call('POST', '/api/receivables/cust-nobody/reminders', { as: 'office' })).status).toBe(404);
  });
});
