import type { Order } from '../orders';
import { aCustomer, anOrder } from '../test-support';
import { settlementMonth } from './settlement-month';

const names = new Map([['drv-1', '陳大明']]);

/** A 20 kg order (NT$850 in the mother's price list) of drv-1 on `day`. */
function order(id: string, day: string, status: 'delivered' | 'failed'): Order {
  const built = anOrder()
    .withId(id)
    .forCustomer(aCustomer().withId(`c-${id}`).build())
    .onDriver('drv-1')
    .with({ items: [{ size: 20, quantity: 1 }], paymentMethod: 'cash', requestedDate: day })
    .inStatus(status)
    .build();
  return status === 'delivered' ? { ...built, delivery: { at: `${day}T03:00:00.000Z`, delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 850 } } : built;
}

describe('settlementMonth (司機現金月報)', () => {
  it('flags a day delivered without a hand-in as not settled, but not a day whose stops all failed (no cash to hand in)', () => {
    const month = settlementMonth('2026-12', { orders: [order('a', '2026-12-05', 'delivered'), order('b', '2026-12-06', 'failed')], routes: [] }, names, [], []);
    const [driver] = month.drivers;
    expect(driver?.days.map((d) => [d.date, d.due, d.handedIn, d.unsettled])).toEqual([
      ['2026-12-05', 850, null, true],
      ['2026-12-06', 0, null, false],
    ]);
    expect(month.totals).toMatchObject({ due: 850, handedIn: 0, difference: 0, unsettledDays: 1 });
  });

  it('counts each delivery on its own Taipei day only, so a month read in one go sums each day once', () => {
    const month = settlementMonth('2026-12', { orders: [order('a', '2026-12-05', 'delivered'), order('c', '2026-12-20', 'delivered')], routes: [] }, names, [], []);
    expect(month.drivers[0]?.days.map((d) => [d.date, d.cashCollected])).toEqual([
      ['2026-12-05', 850],
      ['2026-12-20', 850],
    ]);
    expect(month.totals.cashCollected).toBe(1700);
  });
});
