import { refusal } from '../test-support';
import { CANCEL_HOLD_MS } from './books';
import { assertCreditNotRefunded, creditCancelling, lastRefundAfter, withoutCancelling } from './credit';
import type { Refund } from './refund';
import type { AccountSums } from './statement';

const office = { uid: 'u-office', role: 'office' } as const;
const refund = (id: string, at: string, over: Partial<Refund> = {}): Refund => ({
  id,
  customerId: 'cust-m',
  amount: 600,
  method: 'transfer',
  paidOn: at.slice(0, 10),
  reason: '退回溢收',
  status: 'paid',
  by: office,
  at,
  ...over,
});
// A payment of NT$1,000 recorded on 12-01 by mistake.
const payment = { amount: 1_000, at: '2026-12-01T02:00:00.000Z' };
const account = (over: Partial<AccountSums> = {}): AccountSums => ({ charges: 0, cashCollected: 0, payments: 1_000, allowances: 0, refunds: 600, ...over });

describe('lastRefundAfter', () => {
  it('is the latest refund that counts recorded after the credit was made; earlier and voided ones could not have spent it', () => {
    const before = refund('ref-0', '2026-11-30T02:00:00.000Z');
    const first = refund('ref-1', '2026-12-02T02:00:00.000Z');
    const last = refund('ref-2', '2026-12-03T02:00:00.000Z');
    const voided = refund('ref-3', '2026-12-04T02:00:00.000Z', { status: 'voided' });
    expect(lastRefundAfter([last, before, voided, first], payment)).toBe(last);
    expect(lastRefundAfter([before, voided], payment)).toBeUndefined();
    expect(lastRefundAfter([], payment)).toBeUndefined();
  });
});

describe('assertCreditNotRefunded', () => {
  const paidBack = refund('ref-1', '2026-12-02T02:00:00.000Z');

  it('refuses taking away credit a refund paid back: the account would then owe', () => {
    expect(refusal(() => assertCreditNotRefunded('PAYMENT.CREDIT_REFUNDED', payment, paidBack, account()))).toMatchObject({
      code: 'PAYMENT.CREDIT_REFUNDED',
      kind: 'conflict',
      details: { amount: 1_000, refunded: 600, refundId: 'ref-1', paidOn: '2026-12-02' },
    });
  });

  it('lets it go while the rest of the account still covers the refund, to the dollar', () => {
    expect(() => assertCreditNotRefunded('PAYMENT.CREDIT_REFUNDED', payment, paidBack, account({ allowances: 600 }))).not.toThrow();
    expect(() => assertCreditNotRefunded('PAYMENT.CREDIT_REFUNDED', payment, paidBack, account({ allowances: 599 }))).toThrow(expect.objectContaining({ code: 'PAYMENT.CREDIT_REFUNDED' }));
  });

  it('weighs what was delivered and paid at the door up to the refund', () => {
    expect(() => assertCreditNotRefunded('PAYMENT.CREDIT_REFUNDED', payment, paidBack, account({ payments: 2_000, charges: 800, cashCollected: 400 }))).not.toThrow();
    expect(() => assertCreditNotRefunded('PAYMENT.CREDIT_REFUNDED', payment, paidBack, account({ payments: 2_000, charges: 800 }))).toThrow(expect.objectContaining({ code: 'PAYMENT.CREDIT_REFUNDED' }));
  });
});

describe('withoutCancelling', () => {
  it('takes the allowances being cancelled off the account, so their credit is gone (nothing being cancelled leaves it as it is)', () => {
    const sums: AccountSums = { charges: 1_000, cashCollected: 0, payments: 1_000, allowances: 500, refunds: 0 };
    expect(withoutCancelling(sums, 500)).toEqual({ ...sums, allowances: 0 });
    expect(withoutCancelling(sums, 0)).toBe(sums);
  });
});

describe('creditCancelling', () => {
  const now = new Date('2026-12-01T02:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('counts the cancels under way but the one named, and no longer one whose process died (older than the books mark holds a close)', () => {
    const marks = { 'alw-1': { amount: 500, since: ago(10_000) }, 'alw-2': { amount: 300, since: ago(CANCEL_HOLD_MS - 1) }, 'alw-dead': { amount: 700, since: ago(CANCEL_HOLD_MS) } };
    expect(creditCancelling(marks, now)).toBe(800);
    expect(creditCancelling(marks, now, 'alw-1')).toBe(300);
    expect(creditCancelling({}, now)).toBe(0);
  });
});
