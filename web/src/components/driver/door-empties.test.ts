import { cylindersAfterDelivery } from '../../../../functions/src/domain/customers';
import type { CylinderToCollect } from '../../composables/useDriverOnSite';
import { emptiesCovering, tickedBySize } from './door-empties';

const due = (serial: string, size: number): CylinderToCollect => ({ serial, size, nextInspectionDue: '2026-11-01', overdue: true });
const TO_COLLECT = [due('TW20-000001', 20), due('TW20-000002', 20), due('TW50-000001', 50)];

describe('empties at the door with the register’s cylinders ticked to bring back', () => {
  it('counts the ticked cylinders by size, the unticked left out', () => {
    expect(tickedBySize(TO_COLLECT, ['TW20-000002', 'TW50-000001'])).toEqual({ 20: 1, 50: 1 });
    expect(tickedBySize(TO_COLLECT, [])).toEqual({});
  });

  it('raises the empties of an order that takes none back to cover the ticked cylinders, and says so', () => {
    const { counts, raised } = emptiesCovering({}, tickedBySize(TO_COLLECT, ['TW20-000001', 'TW20-000002']));
    expect([counts[20], counts[50], raised]).toEqual([2, 0, true]);
  });

  it('leaves a count that already covers them as it is: the ticked cylinder is one of the empties the order takes back', () => {
    expect(emptiesCovering({ 20: 2 }, { 20: 1 })).toEqual({ counts: { 4: 0, 10: 0, 16: 0, 20: 2, 50: 0 }, raised: false });
  });

  it('gives the driver’s own count back when the cylinder is unticked', () => {
    expect(emptiesCovering({ 20: 1 }, tickedBySize(TO_COLLECT, [])).counts[20]).toBe(1);
  });

  it('keeps the customer’s cylinders on site true: a ticked cylinder taken back with a full left is a swap, not one more', () => {
    // Two 20 kg on site, one of them past its deadline; the order leaves one full and takes no empty back.
    const onSite = [{ size: 20 as const, count: 2, depositPaid: 0 }];
    const delivered = [{ size: 20 as const, quantity: 1 }];
    const { counts } = emptiesCovering({}, tickedBySize(TO_COLLECT, ['TW20-000001']));
    const after = cylindersAfterDelivery(onSite, { delivered, emptiesCollected: [{ size: 20 as const, quantity: counts[20] ?? 0 }] });
    expect(after.lines).toEqual([{ size: 20, count: 2, depositPaid: 0 }]);
  });
});
