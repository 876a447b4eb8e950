import { DomainError } from '../errors';
import {
  paymentReceivedEvent,
  paymentReferenceQuerySchema,
  paymentsTotal,
  recordPayment,
  recordPaymentInputSchema,
  referenceMatches,
  voidPayment,
  voidPaymentInputSchema,
  type Payment,
} from './payment';

const office = { uid: 'u-office', role: 'office' } as const;
const admin = { uid: 'u-admin', role: 'admin' } as const;
const NOW = new Date('2026-12-05T03:00:00Z');
const ctx = { id: 'pay-1', customerId: 'cust-m', today: '2026-12-05', by: office, now: NOW };

const input = (raw: Record<string, unknown>) => recordPaymentInputSchema.parse({ amount: 12800, method: 'transfer', receivedOn: '2026-12-05', ...raw });

describe('recordPaymentInputSchema', () => {
  it('takes a whole NT$ amount above zero, a known method and a calendar date, and trims the texts', () => {
    expect(input({ reference: ' 54321 ', note: ' 11 月貨款 ' })).toEqual({ amount: 12800, method: 'transfer', receivedOn: '2026-12-05', reference: '54321', note: '11 月貨款' });
    expect(input({}).note).toBe('');
  });

  it('refuses zero with the catalogue code, and fractions, negatives, unknown methods and bad dates', () => {
    expect(recordPaymentInputSchema.safeParse({ amount: 0, method: 'cash', receivedOn: '2026-12-05' }).error?.issues[0]?.message).toBe('PAYMENT.AMOUNT_NOT_POSITIVE');
    for (const bad of [{ amount: 10.5 }, { amount: -100 }, { method: 'card' }, { receivedOn: '2026-12-32' }, { reference: 'x'.repeat(41) }, { note: 'x'.repeat(201) }]) {
      expect(recordPaymentInputSchema.safeParse({ amount: 100, method: 'cash', receivedOn: '2026-12-05', ...bad }).success).toBe(false);
    }
  });

  it('needs a reason to void', () => {
    expect(voidPaymentInputSchema.safeParse({ reason: '  ' }).success).toBe(false);
    expect(voidPaymentInputSchema.parse({ reason: ' 重複登記 ' })).toEqual({ reason: '重複登記' });
  });
});

describe('recordPayment', () => {
  it('stores the payment as received, by whom and when', () => {
    expect(recordPayment(input({ reference: '54321' }), ctx)).toEqual({
      id: 'pay-1',
      customerId: 'cust-m',
      amount: 12800,
      method: 'transfer',
      receivedOn: '2026-12-05',
      reference: '54321',
      referenceTail: '54321',
      note: '',
      status: 'received',
      by: office,
      at: NOW.toISOString(),
    });
  });

  it('keeps the last five digits of the reference for the search by reference, whatever dashes or letters it has, and none under five', () => {
    expect(recordPayment(input({ reference: '012-3456-08707' }), ctx).referenceTail).toBe('08707');
    expect(recordPayment(input({ reference: '支票 AB123456' }), ctx).referenceTail).toBe('23456');
    expect(recordPayment(input({ reference: '8707' }), ctx)).not.toHaveProperty('referenceTail');
    expect(recordPayment(input({}), ctx)).not.toHaveProperty('referenceTail');
  });

  it('refuses a day after today in Taipei as a precondition on receivedOn', () => {
    let error: unknown;
    try {
      recordPayment(input({ receivedOn: '2026-12-06' }), ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'PAYMENT.FUTURE_DATE', kind: 'precondition', details: { path: 'receivedOn' } });
  });
});

describe('voidPayment', () => {
  const payment: Payment = recordPayment(input({}), ctx);
  const later = new Date('2026-12-06T01:00:00Z');
  const voided = voidPayment(payment, { reason: '金額登記錯誤' }, { by: admin, now: later });

  it('keeps the record and says who voided it, when and why', () => {
    expect(voided).toEqual({ ...payment, status: 'voided', voidedAt: later.toISOString(), voidedBy: admin, voidReason: '金額登記錯誤' });
  });

  it('answers a second void with the payment as first voided', () => {
    expect(voidPayment(voided, { reason: '別的理由' }, { by: office, now: new Date('2026-12-07T01:00:00Z') })).toBe(voided);
  });

  it('leaves voided payments out of the total', () => {
    expect(paymentsTotal([payment, voided, { amount: 500, status: 'received' }])).toBe(12800 + 500);
  });
});

describe('paymentReceivedEvent', () => {
  it('announces a payment once on the notifications topic, with an id its retries share', () => {
    const payment = recordPayment(
      { amount: 3200, method: 'transfer', receivedOn: '2026-11-28', note: '' },
      { id: 'pay-1', customerId: 'cust-1', today: '2026-11-29', by: { uid: 'u-office', role: 'office' }, now: new Date('2026-11-29T02:00:00Z') },
    );
    const entry = paymentReceivedEvent(payment);
    expect(entry).toEqual({
      topic: 'notifications',
      event: expect.objectContaining({ id: 'pay-1-received', type: 'payment.received', subject: 'payments/pay-1', sequence: 1, data: { customerId: 'cust-1', paymentId: 'pay-1' } }),
    });
    expect(paymentReceivedEvent(payment)).toEqual(entry);
  });
});

describe('the search by reference', () => {
  it('matches an account typed whole by its 末五碼, and its 末五碼 by the whole number, not one sharing other digits', () => {
    expect(referenceMatches({ reference: '012-3456-08707' }, '08707')).toBe(true);
    expect(referenceMatches({ reference: '08707' }, '012345608707')).toBe(true);
    expect(referenceMatches({ reference: '08707' }, '08707')).toBe(true);
    expect(referenceMatches({ reference: '08707123' }, '08707')).toBe(false);
    expect(referenceMatches({ reference: '18707' }, '08707')).toBe(false);
    expect(referenceMatches({}, '08707')).toBe(false);
  });

  it('takes 5 to 40 digits, refusing anything else with the catalogue code', () => {
    expect(paymentReferenceQuerySchema.parse({ reference: ' 08707 ' })).toEqual({ reference: '08707' });
    for (const bad of ['8707', '08-707', 'AB12345', '1'.repeat(41)]) {
      expect(paymentReferenceQuerySchema.safeParse({ reference: bad }).error?.issues[0]?.message).toBe('PAYMENT.REFERENCE_SEARCH_DIGITS');
    }
  });
});
