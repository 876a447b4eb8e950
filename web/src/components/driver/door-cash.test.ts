import { deliverOrder } from '../../../../functions/src/domain/orders';
import { aPriceList, anOrder } from '../../../../functions/src/domain/test-support';
import { cashPrefill, deliveredTotal } from './door-cash';

const q = (pairs: [number, number][]) => pairs.map(([size, quantity]) => ({ size, quantity }));
// Ordered: two 20 kg and one 4 kg, priced by the order mother's price list.
const order = anOrder().with({ items: q([[20, 2], [4, 1]]) }).inStatus('out_for_delivery').build();
const at = new Date('2026-12-01T03:00:00Z');

describe('cash at the door', () => {
  it('is the order total when the counts are what was ordered', () => {
    expect(cashPrefill(order, q([[20, 2], [4, 1]]))).toBe(order.total);
  });

  it('follows the counts at the unit prices the order was taken at', () => {
    const unit20 = order.items.find((i) => i.size === 20)?.unitPrice ?? 0;
    const unit4 = order.items.find((i) => i.size === 4)?.unitPrice ?? 0;
    expect(cashPrefill(order, q([[20, 1], [4, 1]]))).toBe(unit20 + unit4);
    expect(cashPrefill(order, q([[20, 3]]))).toBe(3 * unit20);
    expect(cashPrefill(order, [])).toBe(0);
  });

  it('is not known on the phone when a size the order does not have is delivered', () => {
    expect(cashPrefill(order, q([[20, 2], [50, 1]]))).toBeNull();
  });

  it('asks nothing at the door of an order on account or paid by transfer, whatever the counts', () => {
    expect(cashPrefill({ ...order, paymentMethod: 'monthly' }, q([[20, 1]]))).toBe(0);
    expect(cashPrefill({ ...order, paymentMethod: 'transfer' }, q([[20, 2], [50, 1]]))).toBe(0);
  });

  const cases: [20 | 4, number][][] = [[[20, 2], [4, 1]], [[20, 1]], [[4, 1]], [[20, 3], [4, 2]]];
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('agrees with the total the server bills for %s delivered', (_, delivered) => {
    const lines = delivered.map(([size, quantity]) => ({ size, quantity }));
    const billed = deliverOrder(order, { at: at.toISOString(), delivered: lines, emptiesCollected: [], cashCollected: 0 }, { by: { uid: 'u-driver', role: 'driver' }, at, priceList: aPriceList() });
    expect(deliveredTotal(order, lines)).toBe(billed.total);
  });
});
