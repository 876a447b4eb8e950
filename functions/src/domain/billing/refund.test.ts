import { refusal } from '../test-support';
import { creditOwed, recordRefund, recordRefundInputSchema, refundsTotal, voidRefund, voidRefundInputSchema, type Refund } from './refund';

const office = { uid: 'u-office', role: 'office' } as const;
const admin = { uid: 'u-admin', role: 'admin' } as const;
const NOW = new Date('2026-12-05T03:00:00Z');
// The customer paid NT$1,760 at the door, then an allowance of NT$880 for a returned cylinder: NT$880 in credit.
const ctx = { id: 'ref-1', customerId: 'cust-m', today: '2026-12-05', balance: -880, by: office, now: NOW };
const input = (raw: Record<string, unknown> = {}) => recordRefundInputSchema.parse({ amount: 880, method: 'transfer', paidOn: '2026-12-05', reason: '退回鋼瓶折讓款', ...raw });

describe('recordRefundInputSchema', () => {
  it('takes a whole NT$ amount above zero, cash or transfer, a day and a reason, the allowance optional', () => {
    expect(input({ reason: ' 退回折讓款 ', allowanceId: 'alw-1' })).toEqual({ amount: 880, method: 'transfer', paidOn: '2026-12-05', reason: '退回折讓款', allowanceId: 'alw-1' });
    expect(recordRefundInputSchema.safeParse({ amount: 0, method: 'cash', paidOn: '2026-12-05', reason: 'x' }).error?.issues[0]?.message).toBe('REFUND.AMOUNT_NOT_POSITIVE');
    for (const bad of [{ amount: 10.5 }, { method: 'cheque' }, { paidOn: '2026-12-32' }, { reason: ' ' }, { reason: 'x'.repeat(201) }]) {
      expect(recordRefundInputSchema.safeParse({ amount: 100, method: 'cash', paidOn: '2026-12-05', reason: '退款', ...bad }).success).toBe(false);
    }
  });

  it('needs a reason to void', () => {
    expect(voidRefundInputSchema.safeParse({ reason: '' }).success).toBe(false);
  });
});

describe('recordRefund', () => {
  it('stores the refund as paid, by whom and when, with the allowance it pays back', () => {
    expect(recordRefund(input({ allowanceId: 'alw-1' }), { ...ctx, allowance: { customerId: 'cust-m', status: 'issued' } })).toEqual({
      id: 'ref-1',
      customerId: 'cust-m',
      amount: 880,
      method: 'transfer',
      paidOn: '2026-12-05',
      reason: '退回鋼瓶折讓款',
      allowanceId: 'alw-1',
      status: 'paid',
      by: office,
      at: NOW.toISOString(),
    });
  });

  it('pays back part of the credit, never more than it', () => {
    expect(recordRefund(input({ amount: 500 }), ctx).amount).toBe(500);
    expect(refusal(() => recordRefund(input({ amount: 881 }), ctx))).toMatchObject({ code: 'REFUND.EXCEEDS_CREDIT', kind: 'precondition', details: { path: 'amount', amount: 881, credit: 880 } });
    expect(refusal(() => recordRefund(input({ amount: 1 }), { ...ctx, balance: 300 }))).toMatchObject({ code: 'REFUND.EXCEEDS_CREDIT', details: { credit: 0 } });
  });

  it('refuses a day after today and an allowance that is another customer’s, cancelled or missing', () => {
    expect(refusal(() => recordRefund(input({ paidOn: '2026-12-06' }), ctx))).toMatchObject({ code: 'REFUND.FUTURE_DATE', details: { path: 'paidOn' } });
    for (const allowance of [{ customerId: 'cust-x', status: 'issued' }, { customerId: 'cust-m', status: 'void' }, null]) {
      expect(refusal(() => recordRefund(input({ allowanceId: 'alw-1' }), { ...ctx, allowance }))).toMatchObject({ code: 'REFUND.ALLOWANCE_INVALID', details: { path: 'allowanceId' } });
    }
  });
});

describe('voidRefund and refundsTotal', () => {
  const refund: Refund = recordRefund(input(), ctx);
  const voided = voidRefund(refund, { reason: '重複登記' }, { by: admin, now: new Date('2026-12-06T01:00:00Z') });

  it('keeps a voided refund with who voided it and why, and answers a second void the same', () => {
    expect(voided).toEqual({ ...refund, status: 'voided', voidedAt: '2026-12-06T01:00:00.000Z', voidedBy: admin, voidReason: '重複登記' });
    expect(voidRefund(voided, { reason: '再作廢' }, { by: office, now: NOW })).toBe(voided);
  });

  it('counts only refunds paid, and owes back only a credit', () => {
    expect(refundsTotal([refund, voided, { ...refund, amount: 120 }])).toBe(1000);
    expect([creditOwed(-880), creditOwed(0), creditOwed(40)]).toEqual([880, 0, 0]);
  });
});
