import { FieldValue } from '@google-cloud/firestore';
import { CANCEL_HOLD_MS } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import { DomainError } from '../domain/errors';
import { formatNtd } from '../domain/notifications/templates';
import type { Order } from '../domain/orders';
import { b2cAmounts } from '../domain/invoicing';
import { aCustomer, anIssuedInvoice, anOrder } from '../domain/test-support';
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
// Paid NT$20,000 at the door for the invoice below: each allowance (折讓) on it leaves that much credit.
const allowed = aCustomer().withId('cust-allowed').withCode('C00504').with({ name: '蔡家麵店', paymentTerms: 'cash' }).build();
const allowedInvoice = anIssuedInvoice('inv-ord-allowed', allowed, 'AB30000011', { lines: [{ description: '液化石油氣 20公斤', quantity: 20, unitPrice: 1_000, amount: 20_000 }], amounts: b2cAmounts(20_000) });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'credit', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [racing, refunded, delivered, allowed]) await db.collection('customers').doc(c.id).set(c);
  const o = anOrder().withId('ord-allowed').forCustomer(allowed).with({ items: [{ size: 20, quantity: 20 }], paymentMethod: 'cash' }).inStatus('delivered').build();
  const paidAtDoor: Order = { ...o, total: 20_000, delivery: { at: new Date(Date.now() - 3_600_000).toISOString(), delivered: [{ size: 20, quantity: 20 }], emptiesCollected: [], cashCollected: 20_000 } };
  await db.collection('orders').doc(paidAtDoor.id).set({ ...paidAtDoor, version: 1 });
  await db.collection('invoices').doc(allowedInvoice.id).set(allowedInvoice);
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
const allow = async (key: string) => {
  const issued = await call('POST', `/api/invoices/${allowedInvoice.id}/allowances`, { as: 'office', body: { reason: '瓦斯費折讓', amount: 500 }, key });
  expect(issued.status).toBe(201);
  return { id: issued.body.id as string, total: issued.body.amounts.totalAmount as number };
};
const cancelAllowance = (allowanceId: string, key: string, lang?: string) =>
  call('POST', `/api/invoices/${allowedInvoice.id}/allowances/${allowanceId}/cancel`, { as: 'office', body: { reason: '折讓開錯' }, key, ...(lang ? { lang } : {}) });
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

describe('a refund and an allowance cancelled for the same customer', () => {
  it(`at the same instant never both take the same credit (${ROUNDS} rounds)`, async () => {
    const rounds: { round: number; refund: number; cancel: number; balance: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const allowance = await allow(`race-alw-${round}`);
      const [refunding, cancelling] = await Promise.all([refund(allowed.id, allowance.total, `race-alw-ref-${round}`), later(round).then(() => cancelAllowance(allowance.id, `race-alw-cancel-${round}`))]);
      rounds.push({ round, refund: refunding.status, cancel: cancelling.status, balance: await balance(allowed.id) });
    }
    const wrong = rounds.filter((r) => r.balance !== 0 || !['422/200', '201/409'].includes(`${r.refund}/${r.cancel}`));
    expect(wrong).toEqual([]);
  }, 300_000);

  it('counts an allowance being cancelled as gone for a refund recorded while the issuer works, so the cancel the issuer made is written', async () => {
    const allowance = await allow('win-alw');
    const issuer = stack.container.invoiceIssuer;
    const cancelAtIssuer = issuer.cancelAllowance.bind(issuer);
    let during: Awaited<ReturnType<typeof refund>> | undefined;
    const issuerCancels = jest.spyOn(issuer, 'cancelAllowance').mockImplementation(async (a, reason) => {
      // The office pays the allowance's credit back between the cancel's check and its write.
      during = await refund(allowed.id, allowance.total, 'win-alw-ref');
      return cancelAtIssuer(a, reason);
    });
    const cancelled = await cancelAllowance(allowance.id, 'win-alw-cancel');
    issuerCancels.mockRestore();
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'void']);
    expect([during?.status, during?.body.error.code, during?.body.error.details.credit]).toEqual([422, 'REFUND.EXCEEDS_CREDIT', 0]);
    expect(await balance(allowed.id)).toBe(0);
    expect((await stack.container.db.collection('creditGuards').doc(allowed.id).get()).get('cancelling')).toEqual({});
  });

  it('takes the mark away when the issuer refuses the cancel: the credit can be paid back again', async () => {
    const allowance = await allow('down-alw');
    const issuerCancels = jest.spyOn(stack.container.invoiceIssuer, 'cancelAllowance').mockRejectedValueOnce(new DomainError('INVOICE.PROVIDER_UNAVAILABLE', 'unavailable', 'issuer down'));
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((await cancelAllowance(allowance.id, 'down-alw-cancel')).status).toBe(503);
    logged.mockRestore();
    issuerCancels.mockRestore();
    expect((await stack.container.db.collection('invoiceAllowances').doc(allowance.id).get()).get('status')).toBe('issued');
    expect((await refund(allowed.id, allowance.total, 'down-alw-ref')).status).toBe(201);
    expect(await balance(allowed.id)).toBe(0);
  });

  it('holds an allowance’s credit back for a cancel marked under way, and no longer once the mark is older than CANCEL_HOLD_MS (its process died)', async () => {
    const allowance = await allow('stale-alw');
    const guard = stack.container.db.collection('creditGuards').doc(allowed.id);
    const mark = (ago: number) => guard.set({ cancelling: { [allowance.id]: { amount: allowance.total, since: new Date(Date.now() - ago).toISOString() } } }, { merge: true });
    // A cancel whose process died between its check and its write, a moment ago: the credit is held back.
    await mark(10_000);
    const held = await refund(allowed.id, allowance.total, 'stale-alw-ref-0');
    expect([held.status, held.body.error.code, held.body.error.details.credit]).toEqual([422, 'REFUND.EXCEEDS_CREDIT', 0]);
    // The same mark past the limit: nobody is cancelling any more, the allowance stands, its credit can be paid back.
    await mark(CANCEL_HOLD_MS + 1_000);
    expect((await refund(allowed.id, allowance.total, 'stale-alw-ref-1')).status).toBe(201);
    expect(await balance(allowed.id)).toBe(0);
    await guard.update({ [`cancelling.${allowance.id}`]: FieldValue.delete() });
  });

  it('refuses cancelling an allowance whose credit a refund paid back, before the issuer is asked, in zh-TW and en', async () => {
    const allowance = await allow('ref-alw');
    const paidBack = await refund(allowed.id, allowance.total, 'ref-alw-ref');
    expect(paidBack.status).toBe(201);
    const issuerCancels = jest.spyOn(stack.container.invoiceIssuer, 'cancelAllowance');
    const refused = await cancelAllowance(allowance.id, 'ref-alw-cancel');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'INVOICE.ALLOWANCE_CREDIT_REFUNDED',
      message: `這張折讓的金額已於 ${shownDay} 退款 ${formatNtd(allowance.total)} 給客戶，不能作廢；若那筆退款也登記有誤，請先作廢退款`,
      details: { amount: allowance.total, refunded: allowance.total, refundId: paidBack.body.id, paidOn: today },
    });
    expect((await cancelAllowance(allowance.id, 'ref-alw-cancel-en', 'en')).body.error.message).toBe(
      `The credit this allowance made was paid back to the customer (${formatNtd(allowance.total)} on ${shownDay}), so it cannot be cancelled; if that refund was a mistake too, void it first`,
    );
    expect(issuerCancels).not.toHaveBeenCalled();
    issuerCancels.mockRestore();
    expect((await stack.container.db.collection('invoiceAllowances').doc(allowance.id).get()).get('status')).toBe('issued');
    expect(await balance(allowed.id)).toBe(0);
  });
});
