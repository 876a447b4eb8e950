import { isValidPhone, normalisePhone } from './phone';

describe('normalisePhone', () => {
  it.each([
    ['0912345678', 'mobile', '0912-345-678'],
    ['0912-345-678', 'mobile', '0912-345-678'],
    ['0912 345 678', 'mobile', '0912-345-678'],
    ['+886 912 345 678', 'mobile', '0912-345-678'],
    ['+886-912-345-678', 'mobile', '0912-345-678'],
    ['０９１２３４５６７８', 'mobile', '0912-345-678'],
    ['(02)2345-6789', 'landline', '(02)2345-6789'],
    ['02-23456789', 'landline', '(02)2345-6789'],
    ['+886 2 2345 6789', 'landline', '(02)2345-6789'],
    ['(02)2345-6789#123', 'landline', '(02)2345-6789#123'],
    ['02 2345 6789 分機 55', 'landline', '(02)2345-6789#55'],
    ['03-4567890', 'landline', '(03)456-7890'],
    ['(037)333444', 'landline', '(037)33-3444'],
    ['04-22345678', 'landline', '(04)2234-5678'],
    ['04-7234567', 'landline', '(04)723-4567'],
    ['049-2345678', 'landline', '(049)234-5678'],
    ['07-3456789', 'landline', '(07)345-6789'],
    ['089-345678', 'landline', '(089)34-5678'],
    ['0826-23456', 'landline', '(0826)2-3456'],
  ])('accepts %s as a %s number shown as %s', (raw, kind, display) => {
    expect(normalisePhone(raw)).toEqual(expect.objectContaining({ kind, display }));
  });

  it('keeps only national digits for search', () => {
    expect(normalisePhone('+886 912 345 678')?.digits).toBe('0912345678');
    expect(normalisePhone('(02)2345-6789#12')?.digits).toBe('0223456789');
  });

  it.each([
    ['', 'empty'],
    ['12345', 'too short'],
    ['091234567', 'mobile with 9 digits'],
    ['09123456789', 'mobile with 11 digits'],
    ['0812345678', 'not a mobile prefix and too long for 08'],
    ['(02)234-5678', 'Taipei with 7 digits'],
    ['(02)0234-5678', 'subscriber starting with 0'],
    ['(03)45678901', 'Taoyuan with 8 digits'],
    ['+1 415 555 0100', 'a foreign number'],
    ['0912-abc-678', 'letters'],
    ['0912-345-678#12', 'a mobile with an extension'],
  ])('rejects %s (%s)', (raw) => {
    expect(isValidPhone(raw)).toBe(false);
  });
});
