import fc from 'fast-check';
import { defaultEmpties as serverDefault } from '../../../../functions/src/domain/orders/empties';
import type { CylinderSize } from '../../../../functions/src/domain/cylinders';
import { CYLINDER_SIZES } from '../../lib/types';
import { defaultEmpties } from './empties-default';

describe('the empties the order form fills in', () => {
  it('takes back one empty per full, per size, up to the cylinders the customer has there', () => {
    const onSite = [
      { size: 20, count: 1 },
      { size: 50, count: 3 },
    ];
    expect(defaultEmpties([{ size: 20, quantity: 2 }, { size: 50, quantity: 2 }, { size: 4, quantity: 1 }], onSite)).toEqual([
      { size: 20, quantity: 1 },
      { size: 50, quantity: 2 },
    ]);
    expect(defaultEmpties([{ size: 20, quantity: 2 }], [])).toEqual([]);
  });

  it('agrees with the API’s rule for any order and cylinders on site (property)', () => {
    const size = fc.constantFrom(...CYLINDER_SIZES);
    const lines = (n: 'quantity' | 'count') => fc.uniqueArray(fc.record({ size, [n]: fc.integer({ min: 1, max: 9 }) }), { selector: (l) => l.size, maxLength: 5 });
    fc.assert(
      fc.property(lines('quantity'), lines('count'), (items, onSite) => {
        const typed = items as { size: CylinderSize; quantity: number }[];
        const site = onSite as { size: CylinderSize; count: number }[];
        expect(defaultEmpties(typed, site)).toEqual(serverDefault(typed, site));
      }),
    );
  });
});
