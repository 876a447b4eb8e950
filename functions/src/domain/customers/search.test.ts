import fc from 'fast-check';
import { customerSearchTokens, matchesSearch, normaliseText, phoneTokens, searchQueryTokens, textTokens } from './search';

const customer = {
  code: 'C00042',
  name: '陳記自助餐',
  contactName: '陳大明',
  phoneDigits: ['0912345678', '0229415566'],
  addressParts: ['新北市中和區中山路二段12巷3弄5號', '中山路'],
};
const tokens = customerSearchTokens(customer);

describe('textTokens', () => {
  it('splits Han text into characters and overlapping bigrams', () => {
    expect(textTokens('陳大明')).toEqual(['陳', '陳大', '大', '大明', '明']);
  });

  it('keeps latin words and digit runs whole, lower-cased, and folds 臺 to 台', () => {
    expect(textTokens('Lucky 臺北 88')).toEqual(['lucky', '台', '台北', '北', '88']);
  });

  it('ignores punctuation and full-width forms', () => {
    expect(normaliseText('（０２）２３４５－６７８９')).toBe('0223456789');
  });
});

describe('phoneTokens', () => {
  it('holds every suffix from three digits to the whole number, and every prefix from four', () => {
    expect(phoneTokens('0912345678')).toEqual([
      ...['678', '5678', '45678', '345678', '2345678', '12345678', '912345678', '0912345678'],
      ...['0912', '09123', '091234', '0912345', '09123456', '091234567'],
    ]);
  });
});

describe('customer search', () => {
  it.each([
    ['陳記', 'a name fragment'],
    ['自助餐', 'a name suffix'],
    ['大明', 'the contact person'],
    ['5678', 'the last digits of a mobile'],
    ['0912345', 'the first digits of a mobile, typed as the caller says them'],
    ['0912-345', 'the first digits in display form'],
    ['022941', 'the first digits of a landline'],
    ['0912-345-678', 'a whole mobile in display form'],
    ['(02)2941-5566', 'a landline'],
    ['中山路', 'a road'],
    ['中和 中山路', 'district and road'],
    ['c00042', 'the code in lower case'],
    ['00042', 'the number of the code'],
    ['陳', 'a single character'],
  ])('finds the customer by %s (%s)', (query) => {
    expect(matchesSearch(tokens, query)).toBe(true);
  });

  it.each([['林記'], ['1111'], ['大安區'], [''], ['12'], ['中山北路'], ['091'], ['0913']])('does not match %s', (query) => {
    expect(matchesSearch(tokens, query)).toBe(false);
  });

  it('puts the most selective token first for the array-contains query', () => {
    expect(searchQueryTokens('中和 中山路')[0]).toHaveLength(2);
    expect(searchQueryTokens('0912345678')).toEqual(['0912345678']);
  });

  it('finds every customer by any substring of at least two characters of its name (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'陳林黃張李王吳劉蔡楊記麵館小吃店餐廳'.split('')), minLength: 2, maxLength: 8 }),
        fc.nat(),
        fc.nat(),
        (name, a, b) => {
          const chars = [...name];
          const start = a % (chars.length - 1);
          const end = start + 2 + (b % (chars.length - start - 1));
          const query = chars.slice(start, end).join('');
          const t = customerSearchTokens({ code: 'C00001', name, phoneDigits: [], addressParts: [] });
          expect(matchesSearch(t, query)).toBe(true);
        },
      ),
    );
  });
});
