import type { Order } from '../orders';
import { aCustomer, anOrder } from '../test-support';
import type { Settlement } from './driver-settlement';
import { cashByMonth, settlementMonth } from './settlement-month';

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

  it("gives each driver's month the 短溢 and days not settled of its totals from the deliveries' cash alone", () => {
    const settled = (date: string, driverId: string, cashReceived: number): Settlement => ({
      id: `${date}_${driverId}`,
      date,
      driverId,
      cashReceived,
      note: '',
      by: { uid: 'u-office', role: 'office' },
      at: `${date}T10:00:00.000Z`,
      corrections: [],
    });
    const onDrv2 = (o: Order): Order => ({ ...o, driverId: 'drv-2' });
    const orders = [
      order('a', '2026-12-05', 'delivered'),
      order('b', '2026-12-05', 'delivered'),
      order('c', '2026-12-06', 'failed'),
      order('d', '2026-12-07', 'delivered'),
      order('e', '2027-01-01', 'delivered'),
      onDrv2(order('f', '2026-12-05', 'delivered')),
      { ...onDrv2(order('g', '2027-01-02', 'delivered')), delivery: { at: '2027-01-02T03:00:00.000Z', delivered: [], emptiesCollected: [], cashCollected: 0 } },
    ];
    // drv-1: the 5th settled short with a door deposit, the 6th failed only, the 7th not settled; drv-2 over on the 5th, a
    // deposit alone due on January 2nd, and a hand-in on a day with nothing delivered; drv-3 only drove a route.
    const settlements = [settled('2026-12-05', 'drv-1', 2000), settled('2026-12-05', 'drv-2', 900), settled('2026-12-20', 'drv-2', 300), settled('2027-01-01', 'drv-1', 850)];
    const deposits = [
      { orderId: 'a', size: 20 as const, count: 1, amount: 1500 },
      { orderId: 'g', size: 20 as const, count: 1, amount: 1400 },
      { orderId: 'gone', size: 20 as const, count: 1, amount: 999 },
    ];
    const route = { date: '2026-12-09', driverId: 'drv-3', vehicleId: 'v-3', status: 'completed' as const, stops: [] };
    const months = ['2026-12', '2027-01'];
    const totals = months.flatMap((month) =>
      settlementMonth(month, { orders, routes: [route] }, names, settlements, deposits).drivers.map((d) => [d.driverId, month, d.totals.difference, d.totals.unsettledDays]),
    );
    const cash = cashByMonth(months, orders, settlements, deposits);
    const fromCash = months.flatMap((month) => ['drv-1', 'drv-2', 'drv-3'].flatMap((id) => (cash.get(id)?.has(month) ? [[id, month, cash.get(id)?.get(month)?.difference, cash.get(id)?.get(month)?.unsettledDays]] : [])));
    expect(fromCash).toEqual(totals.filter(([id]) => id !== 'drv-3'));
    expect(fromCash).toEqual([
      ['drv-1', '2026-12', 2000 - 850 - 850 - 1500, 1],
      ['drv-2', '2026-12', 50 + 300, 0],
      ['drv-1', '2027-01', 0, 0],
      ['drv-2', '2027-01', 0, 1],
    ]);
  });
});
