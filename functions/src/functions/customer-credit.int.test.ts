import { taipeiDate } from '../domain/clock';
import { formatNtd } from '../domain/notifications/templates';
import type { Order } from '../domain/orders';
import { aCustomer, anOrder } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

/**
 * A refund pays out the customer's credit (溢收); voiding a payment takes credit away. Whichever comes first, the office
 * never pays back money nobody paid in: a refund recorded after the void is refused (more than the credit), a void after
 * the refund is refused (its credit went back out) — also when both are recorded at the same instant.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const ROUNDS = 20;
const today = taipeiDate(new Date());
/** Today as the error texts show a day (M/D). */
const shownDay = `${Number(today.slice(5, 7))}/${Number(today.slice(8, 10))}`;
const racing = aCustomer().withId('cust-race').withCode('C00501').with({ name: '陳記自助餐', paymentTerms: 'transfer' }).build();
const refunded = aCustomer().withId('cust-refunded').withCode('C00502').with({ name: '黃家便當', paymentTerms: 'transfer' }).build();
const delivered = aCustomer().withId('cust-delivered').withCode('C00503').with({ name: '吳記燒臘', paymentTerms: 'monthly' }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'credit', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  for (const c of [racing, refunded, delivered]) await stack.container.db.collection('customers').doc(c.id).set(c);
}, 120_000);
afterAll(() => stack.close());

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const balance = async (customerId: string) => (await call('GET', `/api/customers/${customerId}/balance`, { as: 'office' })).body.balance as number;
const pay = async (customerId: string, amount: number, key: string) => {
  const paid = await call('POST', `/api/customers/${customerId}/payments`, { as: 'office', body: { amount, method: 'transfer', receivedOn: today }, key });
  expect(paid.status).toBe(201);
  return paid.body.id as string;
};
const refund = (customerId: string, amount: number, key: string) =>
  call('POST', `/api/customers/${customerId}/refunds`, { as: 'office', body: { amount, method: 'transfer', paidOn: today, reason: '退回溢收' }, key });
const voidPayment = (customerId: string, paymentId: string, lang?: string) =>
  call('POST', `/api/customers/${customerId}/payments/${paymentId}/void`, { as: 'office', body: { reason: '重複登記' }, ...(lang ? { lang } : {}) });

describe('a refund and a payment void for the same customer', () => {
  it(`at the same instant never both take the same credit (${ROUNDS} rounds)`, async () => {
    const rounds: { round: number; refund: number; void: number; balance: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A payment recorded by mistake leaves a credit of NT$1,000: the office both voids it and pays the credit back.
      const paymentId = await pay(racing.id, 1_000, `race-pay-${round}`);
      // The void starts a little later each round, so the rounds sweep it across the refund's reads and its commit.
      const [refunding, voiding] = await Promise.all([refund(racing.id, 1_000, `race-ref-${round}`), later(round).then(() => voidPayment(racing.id, paymentId))]);
      rounds.push({ round, refund: refunding.status, void: voiding.status, balance: await balance(racing.id) });
    }
    // Either the void came first (the refund more than the credit) or the refund did (the void refused), nothing else.
    const wrong = rounds.filter((r) => r.balance !== 0 || !['422/200', '201/409'].includes(`${r.refund}/${r.void}`));
    expect(wrong).toEqual([]);
  }, 300_000);

  it('refuses voiding a payment whose credit a later refund paid back, in zh-TW and en, changing nothing; once that refund is voided the payment may be', async () => {
    const paymentId = await pay(refunded.id, 1_000, 'ref-pay');
    const paidBack = await refund(refunded.id, 600, 'ref-ref');
    expect(paidBack.status).toBe(201);

    const refused = await voidPayment(refunded.id, paymentId);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'PAYMENT.CREDIT_REFUNDED',
      message: `這筆收款的溢收已於 ${shownDay} 退款 ${formatNtd(600)} 給客戶，不能作廢；若那筆退款也登記有誤，請先作廢退款`,
      details: { amount: 1_000, refunded: 600, refundId: paidBack.body.id, paidOn: today },
    });
    expect((await voidPayment(refunded.id, paymentId, 'en')).body.error.message).toBe(
      `The credit this payment made was paid back to the customer (${formatNtd(600)} on ${shownDay}), so it cannot be voided; if that refund was a mistake too, void it first`,
    );
    expect((await stack.container.db.collection('payments').doc(paymentId).get()).get('status')).toBe('received');
    expect(await balance(refunded.id)).toBe(-400);

    expect((await call('POST', `/api/customers/${refunded.id}/refunds/${paidBack.body.id}/void`, { as: 'office', body: { reason: '退款也登記錯誤' } })).status).toBe(200);
    const voided = await voidPayment(refunded.id, paymentId);
    expect([voided.status, voided.body.status]).toEqual([200, 'voided']);
    expect(await balance(refunded.id)).toBe(0);
  });

  it('voids a payment the refund did not need, whose credit only a delivery after the refund used up', async () => {
    // NT$500 paid in, paid back at once; then NT$300 and NT$100 more; NT$200 of it paid back.
    await pay(delivered.id, 500, 'dlv-pay-0');
    expect((await refund(delivered.id, 500, 'dlv-ref-0')).status).toBe(201);
    await pay(delivered.id, 300, 'dlv-pay-1');
    const extra = await pay(delivered.id, 100, 'dlv-pay-2');
    const paidBack = await refund(delivered.id, 200, 'dlv-ref-1');
    expect(paidBack.status).toBe(201);
    // A delivery after that refund, on the monthly account: NT$300 owed, though the NT$300 credit left covered the refund.
    const o = anOrder().withId('ord-credit').forCustomer(delivered).with({ items: [{ size: 20, quantity: 1 }] }).inStatus('delivered').build();
    const order: Order = { ...o, total: 500, delivery: { at: new Date(Date.parse(paidBack.body.at as string) + 1).toISOString(), delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 0 } };
    await stack.container.db.collection('orders').doc(order.id).set({ ...order, version: 1 });
    expect(await balance(delivered.id)).toBe(300);

    const voided = await voidPayment(delivered.id, extra);
    expect([voided.status, voided.body.status]).toEqual([200, 'voided']);
    expect(await balance(delivered.id)).toBe(400);
  });
});
