import { DomainError } from '../errors';
import { erasedCollectionContact, promiseBroken, recordCollectionContact, recordCollectionContactInputSchema } from './collection-contact';

const by = { uid: 'u-office', role: 'office' } as const;
// 2026-12-01 10:00 in Taipei.
const now = new Date('2026-12-01T02:00:00.000Z');
const ctx = { id: 'cc-1', customerId: 'cust-1', by, now };

describe('a 催款 contact the office records on a receivables line', () => {
  it('keeps how, what was said, the day promised, who and when', () => {
    expect(recordCollectionContact({ method: 'phone', note: '12/10 匯款', promisedOn: '2026-12-10' }, ctx)).toEqual({
      id: 'cc-1',
      customerId: 'cust-1',
      method: 'phone',
      note: '12/10 匯款',
      promisedOn: '2026-12-10',
      at: '2026-12-01T02:00:00.000Z',
      by,
    });
    expect(recordCollectionContact({ method: 'visit', note: '不在' }, ctx)).not.toHaveProperty('promisedOn');
  });

  it('refuses a contact with nothing said, and a promise for a day already gone in Taipei', () => {
    expect(recordCollectionContactInputSchema.safeParse({ method: 'phone', note: '   ' }).success).toBe(false);
    expect(() => recordCollectionContact({ method: 'phone', note: '說上週已匯', promisedOn: '2026-11-30' }, ctx)).toThrow(
      expect.objectContaining({ code: 'COLLECTION_CONTACT.PROMISE_PAST' }) as DomainError,
    );
    expect(recordCollectionContact({ method: 'phone', note: '今天下午匯', promisedOn: '2026-12-01' }, ctx).promisedOn).toBe('2026-12-01');
  });

  it('counts a promise broken only once its day is over, something is still owed and nothing was paid since the call', () => {
    const contact = { promisedOn: '2026-12-10', at: now.toISOString() };
    expect(promiseBroken(contact, { balance: 9000 }, '2026-12-10')).toBe(false);
    expect(promiseBroken(contact, { balance: 9000 }, '2026-12-11')).toBe(true);
    expect(promiseBroken(contact, { balance: 9000, lastPaymentOn: '2026-11-06' }, '2026-12-11')).toBe(true);
    expect(promiseBroken(contact, { balance: 4000, lastPaymentOn: '2026-12-01' }, '2026-12-11')).toBe(false);
    expect(promiseBroken(contact, { balance: 0, lastPaymentOn: '2026-11-06' }, '2026-12-11')).toBe(false);
    expect(promiseBroken({ at: now.toISOString() }, { balance: 9000 }, '2027-01-01')).toBe(false);
  });

  it('loses what was said about the customer on erasure, keeping how, when, who and the day promised', () => {
    const contact = recordCollectionContact({ method: 'phone', note: '老闆娘說週轉不靈', promisedOn: '2026-12-10' }, ctx);
    expect(erasedCollectionContact(contact)).toEqual({ id: 'cc-1', customerId: 'cust-1', method: 'phone', promisedOn: '2026-12-10', at: contact.at, by });
  });
});
