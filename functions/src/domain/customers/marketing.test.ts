import { aCustomer } from '../test-support';
import { marketingPreferenceInputSchema, optedOutOfMarketing, setMarketingPreference } from './marketing';

describe('setMarketingPreference (拒絕行銷, 個資法 §20)', () => {
  const at = new Date('2026-12-01T02:00:00Z');
  const byCustomer = { uid: 'u-cust', role: 'customer' as const };
  const willing = { ...aCustomer().withId('c-1').build(), version: 3 };

  it('records who objected and when, and lifts it when they take marketing again', () => {
    const objected = setMarketingPreference(willing, { optOut: true }, { by: byCustomer, at });
    expect(objected.marketingOptOut).toEqual({ at: '2026-12-01T02:00:00.000Z', by: byCustomer });
    expect(objected.version).toBe(4);
    expect(optedOutOfMarketing(objected)).toBe(true);
    const again = setMarketingPreference(objected, { optOut: false }, { by: { uid: 'u-office', role: 'office' }, at: new Date('2026-12-05T02:00:00Z') });
    expect('marketingOptOut' in again).toBe(false);
    expect(optedOutOfMarketing(again)).toBe(false);
  });

  it('answers a customer already so as they are, the first objection keeping its day', () => {
    const objected = setMarketingPreference(willing, { optOut: true }, { by: byCustomer, at });
    expect(setMarketingPreference(objected, { optOut: true }, { by: { uid: 'u-office', role: 'office' }, at: new Date('2026-12-09T02:00:00Z') })).toBe(objected);
    expect(setMarketingPreference(willing, { optOut: false }, { by: byCustomer, at })).toBe(willing);
  });

  it('writes nothing to a customer whose data was erased', () => {
    const erased = { ...willing, status: 'inactive' as const, erasure: { at: '2026-11-01T00:00:00.000Z', by: { uid: 'u-admin', role: 'admin' as const }, reason: '客戶來電要求刪除個資', retainUntil: '2033-12-31' } };
    expect(() => setMarketingPreference(erased, { optOut: true }, { by: byCustomer, at })).toThrow(expect.objectContaining({ code: 'CUSTOMER.ERASED' }));
  });

  it('takes only the objection, nothing else of the customer', () => {
    expect(marketingPreferenceInputSchema.safeParse({ optOut: true, notes: 'x' }).success).toBe(false);
    expect(marketingPreferenceInputSchema.safeParse({}).success).toBe(false);
  });
});
