import fc from 'fast-check';
import { DomainError } from '../errors';
import { CYLINDER_SIZES } from '../cylinders';
import { exampleOf } from '../schema';
import { currentPrices, daysPricedBy, entryInForce, priceEntryInputSchema, priceFor, priceLines, type PriceList } from './price-list';

const list: PriceList = [
  { size: 20, unitPrice: 800, effectiveFrom: '2026-01-01' },
  { size: 20, unitPrice: 850, effectiveFrom: '2026-06-01' },
  { size: 20, unitPrice: 820, effectiveFrom: '2026-10-15' },
  { size: 50, unitPrice: 2100, effectiveFrom: '2026-01-01' },
];

describe('priceFor', () => {
  it.each([
    ['2026-01-01', 800],
    ['2026-05-31', 800],
    ['2026-06-01', 850],
    ['2026-10-14', 850],
    ['2026-10-15', 820],
    ['2027-03-01', 820],
  ])('uses the latest entry effective on or before %s', (date, expected) => {
    expect(priceFor(list, 20, date)).toBe(expected);
  });

  it('does not depend on the order of the entries', () => {
    expect(priceFor([...list].reverse(), 20, '2026-07-01')).toBe(850);
  });

  it('throws PRICE.NOT_FOUND before the first entry of a size', () => {
    expect(() => priceFor(list, 20, '2025-12-31')).toThrow(DomainError);
    expect(() => priceFor(list, 20, '2025-12-31')).toThrow(expect.objectContaining({ code: 'PRICE.NOT_FOUND' }));
  });

  it('throws PRICE.NOT_FOUND for a size without any entry', () => {
    expect(() => priceFor(list, 4, '2026-07-01')).toThrow(expect.objectContaining({ code: 'PRICE.NOT_FOUND' }));
  });
});

describe('entryInForce', () => {
  it('is the entry whose price priceFor answers, so a re-priced order is counted on the entry that priced it', () => {
    expect(entryInForce(list, 20, '2026-10-14')).toBe(list[1]);
    expect(entryInForce([...list].reverse(), 20, '2026-10-15')).toBe(list[2]);
    expect(() => entryInForce(list, 50, '2025-12-31')).toThrow(expect.objectContaining({ code: 'PRICE.NOT_FOUND' }));
  });
});

describe('priceLines', () => {
  it('prices each line at the date and sums the subtotals', () => {
    const priced = priceLines(
      list,
      [
        { size: 20, quantity: 2 },
        { size: 50, quantity: 1 },
      ],
      '2026-06-10',
    );
    expect(priced.items).toEqual([
      { size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 },
      { size: 50, quantity: 1, unitPrice: 2100, subtotal: 2100 },
    ]);
    expect(priced.total).toBe(3800);
  });

  it('always totals the sum of unit price × quantity (property)', () => {
    const fullList: PriceList = CYLINDER_SIZES.map((size, i) => ({ size, unitPrice: 100 * (i + 1), effectiveFrom: '2020-01-01' }));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ size: fc.constantFrom(...CYLINDER_SIZES), quantity: fc.integer({ min: 1, max: 200 }) }), {
          selector: (l) => l.size,
        }),
        (lines) => {
          const { items, total } = priceLines(fullList, lines, '2026-01-01');
          const expected = lines.reduce((s, l) => s + priceFor(fullList, l.size, '2026-01-01') * l.quantity, 0);
          expect(total).toBe(expected);
          expect(items.reduce((s, l) => s + l.subtotal, 0)).toBe(total);
        },
      ),
    );
  });
});

describe('currentPrices', () => {
  it('lists the price in force for every size that has one on the date', () => {
    expect(currentPrices(list, '2026-07-01')).toEqual([
      { size: 20, unitPrice: 850 },
      { size: 50, unitPrice: 2100 },
    ]);
    expect(currentPrices(list, '2025-07-01')).toEqual([]);
  });
});

describe('daysPricedBy', () => {
  it('spans an entry from its day up to the next entry of its size, open-ended after the last', () => {
    expect(daysPricedBy(list, { size: 20, effectiveFrom: '2026-06-01' })).toEqual({ from: '2026-06-01', before: '2026-10-15' });
    expect(daysPricedBy([...list].reverse(), { size: 20, effectiveFrom: '2026-01-01' })).toEqual({ from: '2026-01-01', before: '2026-06-01' });
    expect(daysPricedBy(list, { size: 20, effectiveFrom: '2026-10-15' })).toEqual({ from: '2026-10-15' });
    expect(daysPricedBy(list, { size: 50, effectiveFrom: '2026-01-01' })).toEqual({ from: '2026-01-01' });
  });
});

describe('priceEntryInputSchema', () => {
  it('accepts its OpenAPI example and rejects a price of zero or with cents', () => {
    expect(priceEntryInputSchema.safeParse(exampleOf(priceEntryInputSchema)).success).toBe(true);
    expect(priceEntryInputSchema.safeParse({ size: 20, unitPrice: 0, effectiveFrom: '2026-12-01' }).success).toBe(false);
    expect(priceEntryInputSchema.safeParse({ size: 20, unitPrice: 880.5, effectiveFrom: '2026-12-01' }).success).toBe(false);
  });
});
