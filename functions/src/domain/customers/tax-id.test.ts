import { isValidCarrier, isValidCitizenCertificate, isValidMobileBarcode, isValidTaxId } from './tax-id';

describe('isValidTaxId', () => {
  it.each([
    ['22099131', 'TSMC, sum 30'],
    ['04595257', 'sum 30'],
    ['10458575', '7th digit 7 counted as 10, sum 30'],
    ['10458574', '7th digit 7 counted as 1, sum 29 + 1'],
  ])('accepts %s under both rules (%s)', (id) => {
    expect(isValidTaxId(id, 'legacy')).toBe(true);
    expect(isValidTaxId(id, '2023')).toBe(true);
  });

  it.each([
    ['22099136', 'sum 35'],
    ['10458570', '7th digit 7, sum 25'],
    ['10458579', '7th digit 7, sum 34 + 1'],
  ])('accepts %s only under the 2023 multiple-of-5 rule (%s)', (id) => {
    expect(isValidTaxId(id, 'legacy')).toBe(false);
    expect(isValidTaxId(id)).toBe(true);
  });

  it.each([
    ['22099132', 'sum 31'],
    ['04595258', 'sum 31'],
    ['10458576', '7th digit 7, sum 31 / 32'],
    ['2209913', 'seven digits'],
    ['220991311', 'nine digits'],
    ['2209913A', 'a letter'],
    ['', 'empty'],
  ])('rejects %s (%s)', (id) => {
    expect(isValidTaxId(id)).toBe(false);
    expect(isValidTaxId(id, 'legacy')).toBe(false);
  });
});

describe('e-invoice carriers', () => {
  it.each(['/ABC1234', '/A.+-123', '/0000000'])('accepts the mobile barcode %s', (c) => {
    expect(isValidMobileBarcode(c)).toBe(true);
    expect(isValidCarrier(c)).toBe(true);
  });

  it.each(['ABC1234', '/abc1234', '/ABC123', '/ABC12345', '/ABC_123'])('rejects the mobile barcode %s', (c) => {
    expect(isValidMobileBarcode(c)).toBe(false);
  });

  it('accepts a citizen certificate carrier and rejects a malformed one', () => {
    expect(isValidCitizenCertificate('AB12345678901234')).toBe(true);
    expect(isValidCitizenCertificate('ab12345678901234')).toBe(false);
    expect(isValidCarrier('AB1234567890123')).toBe(false);
  });
});
