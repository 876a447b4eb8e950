import fc from 'fast-check';
import { CYLINDER_SIZES } from '../cylinders';
import { defaultEmpties } from './empties';

describe('defaultEmpties: what a delivery takes back when nobody said', () => {
  it('swaps one empty for each full, per size, up to the cylinders the customer has of that size', () => {
    const onSite = [
      { size: 20, count: 3 },
      { size: 50, count: 1 },
      { size: 16, count: 2 },
    ] as const;
    expect(
      defaultEmpties(
        [
          { size: 50, quantity: 2 },
          { size: 20, quantity: 2 },
          { size: 4, quantity: 1 },
        ],
        onSite,
      ),
    ).toEqual([
      { size: 20, quantity: 2 },
      { size: 50, quantity: 1 },
    ]);
  });

  it('takes nothing back from a customer with no cylinders yet', () => {
    expect(defaultEmpties([{ size: 20, quantity: 2 }], [])).toEqual([]);
    expect(defaultEmpties([{ size: 20, quantity: 2 }], [{ size: 20, count: 0 }])).toEqual([]);
  });

  it('never takes back more of a size than was ordered or is there, nor a size not ordered (property)', () => {
    const size = fc.constantFrom(...CYLINDER_SIZES);
    fc.assert(
      fc.property(fc.dictionary(size.map(String), fc.nat(9)), fc.dictionary(size.map(String), fc.nat(9)), (ordered, standing) => {
        const items = Object.entries(ordered).flatMap(([s, q]) => (q > 0 ? [{ size: Number(s) as (typeof CYLINDER_SIZES)[number], quantity: q }] : []));
        const onSite = Object.entries(standing).map(([s, count]) => ({ size: Number(s) as (typeof CYLINDER_SIZES)[number], count }));
        for (const line of defaultEmpties(items, onSite)) {
          expect(line.quantity).toBe(Math.min(ordered[String(line.size)] ?? 0, standing[String(line.size)] ?? 0));
          expect(line.quantity).toBeGreaterThan(0);
        }
      }),
    );
  });
});
