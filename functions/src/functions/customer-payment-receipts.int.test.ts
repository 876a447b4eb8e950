import { paymentReceivedEvent, previousMonth, recordPayment, taipeiMonth } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { Order } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import type { LocalLineServer } from '../adapters/notify/test-support/line-server';
import type { TestStack } from '../local/test-support';
import type { apiClient, Json } from './test-support/api-client';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { startStackWithLine } from './test-support/line-stack';
import { eventually } from './test-support/planning-day';

/**
 * 收款通知 on the emulators, through Pub/Sub, with LINE played by the local stand-in: the office records a payment, the
 * notifyPayments consumer gets its `payment.received` event, and the customer hears of it once, in their language, with
 * what they still owe; a payment voided before its receipt went out is never acknowledged; a LINE outage never fails
 * the payment, and the redelivered event sends the receipt once LINE is back.
 */
const TOKEN = 'payment-receipt-channel-token';
const today = taipeiDate(new Date());
const lastMonth = previousMonth(taipeiMonth(new Date()));
const [, mm, dd] = today.split('-').map(Number) as [number, number, number];
const todayShort = `${mm}/${dd}`;

const zhCustomer = aCustomer().withId('cust-zh').withCode('C00001').with({ name: '林記麵館', paymentTerms: 'monthly', lineUserId: `U${'c'.repeat(32)}` }).build();
const enCustomer = aCustomer().withId('cust-en').withCode('C00002').with({ name: 'Harbour Café', paymentTerms: 'transfer', lineUserId: `U${'d'.repeat(32)}`, notificationLocale: 'en' }).build();
const overpayingCustomer = aCustomer().withId('cust-over').withCode('C00004').with({ name: '陳家便當', paymentTerms: 'transfer', lineUserId: `U${'f'.repeat(32)}` }).build();
const outageCustomer = aCustomer().withId('cust-outage').withCode('C00003').with({ name: '王家小吃', paymentTerms: 'monthly', lineUserId: `U${'e'.repeat(32)}` }).build();

function delivered(id: string, customer: Customer, quantity: number): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }], paymentMethod: customer.paymentTerms }).inStatus('delivered').build();
  return { ...order, delivery: { at: `${lastMonth}-10T04:00:00.000Z`, delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: 0 } };
}
const orders = [delivered('ord-zh', zhCustomer, 4), delivered('ord-en', enCustomer, 2), delivered('ord-outage', outageCustomer, 2), delivered('ord-over', overpayingCustomer, 1)];
const total = (id: string): number => (orders.find((o) => o.id === id) as Order).total;
const ntd = (n: number): string => `NT$${n.toLocaleString('en')}`;

let line: LocalLineServer;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stack, line, call, close } = await startStackWithLine('payment-receipts', TOKEN, SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyPayments')));
  const db = stack.container.db;
  for (const c of [zhCustomer, enCustomer, outageCustomer, overpayingCustomer]) await db.collection('customers').doc(c.id).set(c);
  for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
});
afterAll(() => close());

const pay = (customerId: string, body: Json, key: string) => call('POST', `/api/customers/${customerId}/payments`, { as: 'office', body, key });
const sentTo = (customer: Customer) => line.delivered.filter((m) => m.to === customer.lineUserId);
/** Waits until the customer has received `count` messages, and answers their texts. */
const received = (customer: Customer, count: number) => eventually(async () => (sentTo(customer).length >= count ? sentTo(customer).map((m) => m.text) : null));
const dispatchOf = async (paymentId: string) => (await stack.container.db.collection('notificationDispatch').doc(`payment-received-${paymentId}`).get()).data();
/** Long enough for Pub/Sub to have pushed anything still on its way. */
const settle = () => new Promise((r) => setTimeout(r, 1500));
/** The stored answers to every Idempotency-Key: gone, a retried request runs again, as after a crash before its answer was stored. */
async function forgetAnswers(): Promise<void> {
  const stored = await stack.container.db.collection('idempotency').get();
  await Promise.all(stored.docs.map((d) => d.ref.delete()));
}

describe('payment receipts (收款通知)', () => {
  it('tell the customer once, in zh-TW, what arrived and what is still owed, however the request is retried', async () => {
    const body = { amount: 1000, method: 'transfer', receivedOn: today, reference: '54321' };
    const first = await pay(zhCustomer.id, body, 'receipt-zh-1');
    expect(first.status).toBe(201);
    expect(await received(zhCustomer, 1)).toEqual([`幸福氣已收到您 ${todayShort} 的付款 NT$1,000（轉帳），謝謝！目前尚有 ${ntd(total('ord-zh') - 1000)} 未付。`]);

    const replay = await pay(zhCustomer.id, body, 'receipt-zh-1');
    expect(replay.body).toEqual(first.body);
    await forgetAnswers();
    const rerun = await pay(zhCustomer.id, body, 'receipt-zh-1');
    expect(rerun.status).toBe(201);
    expect(rerun.body.id).toBe(first.body.id);
    await settle();
    expect(sentTo(zhCustomer)).toHaveLength(1);

    const dispatch = await stack.container.db.collection('notificationDispatch').doc(`payment-received-${first.body.id}`).get();
    expect(dispatch.data()).toMatchObject({ kind: 'payment-received', paymentId: first.body.id, amount: 1000, channel: 'line', status: 'sent' });
  });

  it('speak English to a customer who asked for it, and leave the balance out once it is paid in full', async () => {
    const res = await pay(enCustomer.id, { amount: total('ord-en'), method: 'cheque', receivedOn: today }, 'receipt-en-1');
    expect(res.status).toBe(201);
    expect(await received(enCustomer, 1)).toEqual([`Lucky Gas has received your payment of ${ntd(total('ord-en'))} on ${todayShort} (cheque). Thank you!`]);
  });

  it('tell a customer who paid more than was owed that the rest is 溢收 credited to the next bill (audit 20 F7)', async () => {
    const res = await pay(overpayingCustomer.id, { amount: total('ord-over') + 1000, method: 'transfer', receivedOn: today }, 'receipt-over-1');
    expect(res.status).toBe(201);
    expect(await received(overpayingCustomer, 1)).toEqual([`幸福氣已收到您 ${todayShort} 的付款 ${ntd(total('ord-over') + 1000)}（轉帳），謝謝！其中 NT$1,000 為溢收，將抵扣下次帳款。`]);
  });

  it('send nothing when a payment is voided', async () => {
    const recorded = await pay(zhCustomer.id, { amount: 200, method: 'cash', receivedOn: today }, 'receipt-zh-void');
    expect(await received(zhCustomer, 2)).toHaveLength(2);
    const voided = await call('POST', `/api/customers/${zhCustomer.id}/payments/${recorded.body.id}/void`, { as: 'office', body: { reason: '重複登記' } });
    expect(voided.status).toBe(200);
    await settle();
    expect(sentTo(zhCustomer)).toHaveLength(2);
  });

  it('store the payment through a LINE outage and send the receipt once when the redelivered event finds LINE back', async () => {
    line.failNext(500);
    const res = await pay(outageCustomer.id, { amount: 500, method: 'transfer', receivedOn: today }, 'receipt-outage');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'received', amount: 500 });
    expect(await received(outageCustomer, 1)).toEqual([expect.stringContaining('幸福氣已收到您')]);
    await settle();
    expect(sentTo(outageCustomer)).toHaveLength(1);
    expect(await dispatchOf(res.body.id)).toMatchObject({ kind: 'payment-received', status: 'sent' });
  });

  it('never acknowledge a payment voided before its event arrived', async () => {
    const payment = recordPayment(
      { amount: 300, method: 'cash', receivedOn: today, note: '' },
      { id: 'pay-voided-early', customerId: outageCustomer.id, today, by: { uid: 'u-office', role: 'office' }, now: new Date() },
    );
    const db = stack.container.db;
    await db.collection('payments').doc(payment.id).set({ ...payment, status: 'voided' });
    await stack.container.publisher.publish('notifications', paymentReceivedEvent(payment).event);
    await settle();
    expect(sentTo(outageCustomer)).toHaveLength(1);
    expect(await dispatchOf(payment.id)).toBeUndefined();
  });

  it('list a sent receipt in the office’s 通知紀錄 with kind payment-received', async () => {
    const messages = await call('GET', `/api/customers/${zhCustomer.id}/messages`, { as: 'office' });
    expect(messages.body.items.map((m: Json) => [m.kind, m.status])).toEqual([['payment-received', 'sent'], ['payment-received', 'sent']]);
  });
});
