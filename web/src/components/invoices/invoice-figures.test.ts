import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { deliveryHint, issuedOn, maskCarrier, totalsAfterVoid, typedInvoiceNumber } from './invoice-figures';

const amounts = (salesAmount: number, taxAmount: number) => ({ salesAmount, taxAmount, totalAmount: salesAmount + taxAmount });

describe('invoice figures on screen', () => {
  it('reads a typed invoice number as the API stores it, and nothing until it is whole', () => {
    expect(typedInvoiceNumber('LG00000426')).toBe('LG00000426');
    expect(typedInvoiceNumber(' lg-0000 0426 ')).toBe('LG00000426');
    expect(typedInvoiceNumber('LG0000042')).toBeNull();
    expect(typedInvoiceNumber('L000000426')).toBeNull();
    expect(typedInvoiceNumber('')).toBeNull();
  });

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

describe('deliveryHint (我的發票)', () => {
  it('tells a customer whose invoices are printed that they are on paper, not on a carrier', () => {
    expect(deliveryHint({ type: 'print' }).key).toBe('invoices.mine.hint.print');
    expect(deliveryHint({ type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' }).key).toBe('invoices.mine.hint.carrier');
    expect(deliveryHint({ type: 'donation', loveCode: '8585' })).toEqual({ key: 'invoices.mine.hint.donation', params: { code: '8585' } });
    expect(deliveryHint({ type: 'business', taxId: '22099131', title: '林記麵館' }).key).toBe('invoices.mine.hint.business');
  });

  it('names a message that exists in both languages for each way', () => {
    for (const messages of [zhTW, en]) for (const kind of ['print', 'carrier', 'donation', 'business'] as const) expect(messages.invoices.mine.hint[kind]).toBeTruthy();
  });
});
