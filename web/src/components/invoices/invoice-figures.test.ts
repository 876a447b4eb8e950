import { invoiceTotals, issuedOn, maskCarrier } from './invoice-figures';

const amounts = (salesAmount: number, taxAmount: number) => ({ salesAmount, taxAmount, totalAmount: salesAmount + taxAmount });

describe('invoice figures on screen', () => {
  it('sums sales, tax and total of the issued invoices and counts the void ones apart', () => {
    expect(
      invoiceTotals([
        { status: 'issued', amounts: amounts(1676, 84) },
        { status: 'void', amounts: amounts(838, 42) },
        { status: 'issued', amounts: amounts(762, 38) },
      ]),
    ).toEqual({ count: 2, voidCount: 1, salesAmount: 2438, taxAmount: 122, totalAmount: 2560 });
    expect(invoiceTotals([])).toEqual({ count: 0, voidCount: 0, salesAmount: 0, taxAmount: 0, totalAmount: 0 });
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
