import { issuedOn, maskCarrier, totalsAfterVoid } from './invoice-figures';

const amounts = (salesAmount: number, taxAmount: number) => ({ salesAmount, taxAmount, totalAmount: salesAmount + taxAmount });

describe('invoice figures on screen', () => {
  it('takes a voided invoice’s money out of the period’s totals and counts it among the void ones', () => {
    expect(totalsAfterVoid({ count: 2, salesAmount: 2438, taxAmount: 122, totalAmount: 2560, voidCount: 1 }, amounts(1676, 84))).toEqual({
      count: 1,
      salesAmount: 762,
      taxAmount: 38,
      totalAmount: 800,
      voidCount: 2,
    });
  });

  it('masks a mobile barcode and a citizen certificate, keeping the ends the customer recognises', () => {
    expect(maskCarrier('/ABC1234')).toBe('/AB***34');
    expect(maskCarrier('AB12345678901234')).toBe('AB1***********34');
    expect(maskCarrier('/AB')).toBe('/AB');
  });

  it('dates an invoice by its Taipei day: 16:30 UTC on 12/31 is 1 January', () => {
    expect(issuedOn({ issuedAt: '2026-12-31T16:30:00.000Z' })).toBe('2027-01-01');
    expect(issuedOn({ issuedAt: '2026-12-31T15:59:00.000Z' })).toBe('2026-12-31');
  });
});
