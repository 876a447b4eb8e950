import { dayCover } from '../../domain/cylinders';
import { aCustomer } from '../../domain/test-support/customer-mother';
import { anOrder } from '../../domain/test-support/order-mother';
import { DEPOTS } from './fleet';
import { demoStock, SHORT_SIZE } from './stock';

const TODAY = '2026-11-28';
const END_OF_DAY = '2026-11-28T16:00:00.000Z';
const customer = aCustomer().withId('cust-0001').build();
const order = (id: string, date: string, items: { size: number; quantity: number }[], status: 'confirmed' | 'cancelled' = 'confirmed') =>
  anOrder().withId(id).forCustomer(customer).inStatus(status).with({ requestedDate: date, items }).build();
const orders = [
  order('o1', '2026-11-29', [{ size: 20, quantity: 30 }, { size: 50, quantity: 6 }]),
  order('o2', '2026-11-29', [{ size: 16, quantity: 4 }]),
  order('o3', '2026-11-29', [{ size: 20, quantity: 50 }], 'cancelled'),
  order('o4', TODAY, [{ size: 4, quantity: 99 }]),
];

describe('demo cylinder stock', () => {
  const { stocks, movements } = demoStock(DEPOTS, orders, TODAY, END_OF_DAY);

  it('covers tomorrow’s open orders in every size but one, which comes up short', () => {
    const cover = dayCover([orders[0]!.items, orders[1]!.items], stocks, []);
    expect(cover.filter((l) => l.shortfall > 0).map((l) => l.size)).toEqual([SHORT_SIZE]);
    expect(cover.find((l) => l.size === 20)).toMatchObject({ demand: 30, shortfall: 0 });
    expect(cover.find((l) => l.size === 16)!.full).toBeGreaterThan(4);
  });

  it('gives each depot its opening stocktake, so the stock is the sum of its movements', () => {
    expect(stocks.map((s) => s.depotId)).toEqual(DEPOTS.map((d) => d.id));
    expect(movements.map((m) => [m.id, m.kind, m.by.role])).toEqual(DEPOTS.map(() => [`count-${TODAY}-opening`, 'count', 'system']));
    for (const [i, stock] of stocks.entries()) {
      expect(stock.lines.filter((l) => l.full !== 0 || l.empty !== 0)).toEqual(movements[i]!.changes);
      expect(stock.lines.every((l) => l.full >= 0 && l.empty > 0)).toBe(true);
    }
    expect(demoStock(DEPOTS, orders, TODAY, END_OF_DAY)).toEqual({ stocks, movements });
  });

  it('holds the fulls today’s routes load at each depot, so settling the day takes no count below zero', () => {
    // drv-06 drives from 三重, drv-01 from 中和; a cancelled stop loads nothing, a failed one comes back.
    const onRoute = (id: string, driverId: string, quantity: number, status: 'delivered' | 'failed' | 'cancelled') =>
      anOrder().withId(id).forCustomer(customer).onDriver(driverId).inStatus(status).with({ requestedDate: TODAY, items: [{ size: SHORT_SIZE, quantity }] }).build();
    const today = [onRoute('t1', 'drv-06', 20, 'delivered'), onRoute('t2', 'drv-06', 3, 'failed'), onRoute('t3', 'drv-01', 4, 'delivered'), onRoute('t4', 'drv-01', 9, 'cancelled')];
    const before = demoStock(DEPOTS, orders, TODAY, END_OF_DAY).stocks;
    const after = demoStock(DEPOTS, [...orders, ...today], TODAY, END_OF_DAY).stocks;
    const full = (stocks: typeof before, depotId: string) => stocks.find((s) => s.depotId === depotId)!.lines.find((l) => l.size === SHORT_SIZE)!.full;
    expect(full(after, 'depot-sanchong') - full(before, 'depot-sanchong')).toBe(23);
    expect(full(after, 'depot-zhonghe') - full(before, 'depot-zhonghe')).toBe(4);
    for (const [depotId, delivered] of [['depot-sanchong', 20], ['depot-zhonghe', 4]] as const) expect(full(after, depotId) - delivered).toBeGreaterThanOrEqual(0);
  });

  it('counts at 07:00, or when the demo is seeded if that is earlier: never after it', () => {
    expect(movements.map((m) => m.at)).toEqual(DEPOTS.map(() => '2026-11-27T23:00:00.000Z'));
    const early = '2026-11-27T21:15:00.000Z';
    expect(demoStock(DEPOTS, orders, TODAY, early).movements.map((m) => m.at)).toEqual(DEPOTS.map(() => early));
  });
});
