import { aCustomer, anOrder } from '../test-support';
import type { DailyCounters } from './daily-counters';
import { comparedMonths, isClosedMonth, monthlySales, monthlySalesCsv, percentChange, reportsTouchedBy, salesTotals, touchesDelivery, type SalesCustomer, type SalesOrder, type SalesTotals } from './monthly-sales';

// The order mother prices a size at size × 40 + 50: 20 kg NT$850, 16 kg NT$690, 50 kg NT$2,050.
const restaurant = aCustomer().withId('c-rest').withCode('C00001').with({ name: '林記麵館', type: 'restaurant', paymentTerms: 'monthly' }).build();
const home = aCustomer().withId('c-home').withCode('C00002').with({ name: '王家', type: 'household' }).build();

function delivered(id: string, customer: typeof home, at: string, items: { size: number; quantity: number }[], district = '中和區'): SalesOrder {
  const order = anOrder().withId(id).forCustomer(customer).with({ items }).inStatus('delivered').build();
  return { ...order, district, delivery: { at } };
}

/** An order written before orders kept the customer's type. */
const withoutType = ({ customerType: _kept, ...o }: SalesOrder): SalesOrder => o;

const customers = new Map<string, SalesCustomer>([restaurant, home].map((c) => [c.id, { id: c.id, code: c.code, type: c.type }]));
const counters: DailyCounters[] = [
  { day: '2026-11-02', orders: { created: 4, failed: 1, cancelled: 2 } },
  { day: '2026-11-20', orders: { failed: 1 } },
  // A day of December: not November's.
  { day: '2026-12-01', orders: { failed: 5, cancelled: 5 } },
];
const NOV_30 = new Date('2026-11-29T04:00:00Z');
const none: SalesTotals = { orders: 0, cylinders: 0, revenue: 0, failed: 0, cancelled: 0 };

const orders: SalesOrder[] = [
  // 00:30 on 1 November in Taipei, still October in UTC.
  delivered('o-first', restaurant, '2026-10-31T16:30:00.000Z', [{ size: 20, quantity: 2 }]),
  delivered('o-mid', restaurant, '2026-11-15T03:00:00.000Z', [{ size: 20, quantity: 1 }, { size: 16, quantity: 1 }], '永和區'),
  delivered('o-home', home, '2026-11-20T02:00:00.000Z', [{ size: 50, quantity: 1 }]),
  // 00:30 on 1 December in Taipei: December's, though it is still 30 November in UTC.
  delivered('o-december', home, '2026-11-30T16:30:00.000Z', [{ size: 20, quantity: 3 }]),
  // 23:59 on 31 October in Taipei: October's.
  delivered('o-october', home, '2026-10-31T15:59:00.000Z', [{ size: 20, quantity: 1 }]),
];

describe('monthly sales (月報)', () => {
  const report = monthlySales('2026-11', { orders, customers, counters, previous: none, lastYear: none, previousOrders: orders, now: new Date('2026-12-05T04:00:00Z') });

  it('counts an order in the Taipei month of its delivery, on both sides of the boundary', () => {
    expect(report.totals).toEqual({ orders: 3, cylinders: 5, revenue: 850 * 2 + 850 + 690 + 2050, failed: 2, cancelled: 2 });
    expect(salesTotals('2026-12', orders, counters)).toMatchObject({ orders: 1, cylinders: 3, revenue: 2550, failed: 5, cancelled: 5 });
    expect(salesTotals('2026-10', orders, counters)).toMatchObject({ orders: 1, cylinders: 1, revenue: 850, failed: 0 });
  });

  it('counts a delivery booked late (補登) in the month of its booked day, as statements do', () => {
    const late = { ...delivered('o-late', home, '2026-10-31T10:00:00.000Z', [{ size: 20, quantity: 1 }]), delivery: { at: '2026-10-31T10:00:00.000Z', bookedOn: '2026-11-01' } };
    const now = new Date('2026-12-05T04:00:00Z');
    const withLate = monthlySales('2026-11', { orders: [...orders, late], customers, counters, previous: none, lastYear: none, previousOrders: orders, now });
    expect([withLate.totals.orders - report.totals.orders, withLate.totals.revenue - report.totals.revenue]).toEqual([1, late.total]);
    expect(salesTotals('2026-10', [...orders, late], [])).toEqual(salesTotals('2026-10', orders, []));
  });

  it('leaves out a collection-only order (回收空瓶): it sold nothing, so it is neither an order nor revenue of the month', () => {
    const order = anOrder().withId('o-collect').forCustomer(home).with({ items: [], emptiesToCollect: [{ size: 20, quantity: 2 }] }).inStatus('delivered').build();
    const collection: SalesOrder = { ...order, delivery: { at: '2026-11-21T02:00:00.000Z' } };
    const now = new Date('2026-12-05T04:00:00Z');
    expect(monthlySales('2026-11', { orders: [...orders, collection], customers, counters, previous: none, lastYear: none, previousOrders: orders, now })).toEqual(report);
  });

  it('splits cylinders and revenue by size, every size listed', () => {
    expect(report.bySize).toMatchObject([
      { size: 4, orders: 0, cylinders: 0, revenue: 0 },
      { size: 10, orders: 0, cylinders: 0, revenue: 0 },
      { size: 16, orders: 1, cylinders: 1, revenue: 690 },
      { size: 20, orders: 2, cylinders: 3, revenue: 2550 },
      { size: 50, orders: 1, cylinders: 1, revenue: 2050 },
    ]);
  });

  it('splits by customer type, district (most revenue first) and the order’s payment terms', () => {
    expect(report.byCustomerType).toMatchObject([
      { type: 'household', orders: 1, cylinders: 1, revenue: 2050 },
      { type: 'restaurant', orders: 2, cylinders: 4, revenue: 3240 },
      { type: 'commercial', orders: 0, cylinders: 0, revenue: 0 },
      { type: 'industrial', orders: 0, cylinders: 0, revenue: 0 },
    ]);
    expect(report.byDistrict).toMatchObject([
      { district: '中和區', orders: 2, cylinders: 3, revenue: 1700 + 2050 },
      { district: '永和區', orders: 1, cylinders: 2, revenue: 1540 },
    ]);
    expect(report.byPaymentTerms).toMatchObject([
      { terms: 'cash', orders: 1, cylinders: 1, revenue: 2050 },
      { terms: 'monthly', orders: 2, cylinders: 4, revenue: 3240 },
      { terms: 'transfer', orders: 0, cylinders: 0, revenue: 0 },
    ]);
  });

  it('sets each row against the same row of the month before, none against a row that month lacked', () => {
    // October: one 20 kg for 王家 at 23:59 on the 31st in Taipei (o-october); o-first, at 00:30 on 1 November, is November's.
    expect(report.bySize.find((r) => r.size === 20)?.change).toEqual({ orders: 100, cylinders: 200, revenue: 200 });
    expect(report.bySize.find((r) => r.size === 50)?.change).toEqual({ orders: null, cylinders: null, revenue: null });
    expect(report.byCustomerType.find((r) => r.type === 'household')?.change).toEqual({ orders: 0, cylinders: 0, revenue: 141.2 });
    expect(report.byDistrict.find((r) => r.district === '永和區')?.change).toEqual({ orders: null, cylinders: null, revenue: null });
    const csv = monthlySalesCsv(report, 'zh-TW').split('\r\n');
    expect(csv).toEqual(expect.arrayContaining(['規格,配送訂單,鋼瓶數,營收 (NT$),鋼瓶較上月 %,營收較上月 %', '20公斤,2,3,2550,200,200', '50公斤,1,1,2050,,']));
  });

  it('ranks customers by revenue with their code, name and type', () => {
    expect(report.topCustomers).toEqual([
      { customerId: 'c-rest', code: 'C00001', name: '林記麵館', type: 'restaurant', orders: 2, cylinders: 4, revenue: 3240 },
      { customerId: 'c-home', code: 'C00002', name: '王家', type: 'household', orders: 1, cylinders: 1, revenue: 2050 },
    ]);
  });

  it('keeps the top 20 only, ties broken by customer code', () => {
    const many = Array.from({ length: 25 }, (_, i) => aCustomer().withId(`c-${i}`).withCode(`C${String(100 - i).padStart(5, '0')}`).build());
    const top = monthlySales('2026-11', {
      orders: many.map((c, i) => delivered(`o-${i}`, c, '2026-11-10T02:00:00.000Z', [{ size: 20, quantity: 1 }])),
      customers: new Map(many.map((c) => [c.id, { id: c.id, code: c.code, type: c.type }])),
      counters: [],
      previous: none,
      lastYear: none,
      previousOrders: orders,
      now: NOV_30,
    }).topCustomers;
    expect(top.map((c) => c.code)).toEqual(Array.from({ length: 20 }, (_, i) => `C${String(76 + i).padStart(5, '0')}`));
  });

  it('puts an order that kept no type, of a customer no longer on file, under an unknown type rather than guessing one', () => {
    const r = monthlySales('2026-11', { orders: orders.map(withoutType), customers: new Map(), counters: [], previous: none, lastYear: none, previousOrders: orders, now: NOV_30 });
    expect(r.byCustomerType.at(-1)).toMatchObject({ type: 'unknown', orders: 3, cylinders: 5, revenue: 5290 });
  });

  it('counts an order under the type the customer had when ordering, though the customer has changed type since', () => {
    // 王家 opened a shop: a restaurant now, but its November order was taken as a household's.
    const now = new Map(customers).set(home.id, { id: home.id, code: home.code, type: 'restaurant' });
    const r = monthlySales('2026-11', { orders, customers: now, counters, previous: none, lastYear: none, previousOrders: orders, now: NOV_30 });
    expect(r.byCustomerType.slice(0, 2)).toMatchObject([
      { type: 'household', orders: 1, cylinders: 1, revenue: 2050 },
      { type: 'restaurant', orders: 2, cylinders: 4, revenue: 3240 },
    ]);
    // The ranking describes the customer as it is now.
    expect(r.topCustomers.find((c) => c.customerId === home.id)?.type).toBe('restaurant');
  });

  it("falls back to the customer's current type for orders written before the order kept it", () => {
    const now = new Map(customers).set(home.id, { id: home.id, code: home.code, type: 'commercial' });
    const r = monthlySales('2026-11', { orders: orders.map(withoutType), customers: now, counters, previous: none, lastYear: none, previousOrders: orders, now: NOV_30 });
    expect(r.byCustomerType.find((t) => t.type === 'commercial')).toMatchObject({ type: 'commercial', orders: 1, cylinders: 1, revenue: 2050 });
    expect(r.byCustomerType.find((t) => t.type === 'household')).toMatchObject({ type: 'household', orders: 0, cylinders: 0, revenue: 0 });
  });

  it('ranks a customer no longer on file under the type its orders were taken with', () => {
    const r = monthlySales('2026-11', { orders, customers: new Map(), counters: [], previous: none, lastYear: none, previousOrders: orders, now: NOV_30 });
    expect(r.topCustomers.map((c) => [c.customerId, c.type])).toEqual([['c-rest', 'restaurant'], ['c-home', 'household']]);
  });

  it('compares with the previous month and the same month last year in percent, none against an empty month', () => {
    const previous: SalesTotals = { orders: 4, cylinders: 4, revenue: 4000, failed: 0, cancelled: 1 };
    const r = monthlySales('2026-11', { orders, customers, counters, previous, lastYear: none, previousOrders: orders, now: NOV_30 });
    expect(r.previousMonth).toEqual({ month: '2026-10', totals: previous, change: { orders: -25, cylinders: 25, revenue: 32.3 } });
    expect(r.lastYear).toEqual({ month: '2025-11', totals: none, change: { orders: null, cylinders: null, revenue: null } });
  });

  it('rounds percent changes to one decimal without float drift', () => {
    expect(percentChange(1, 3)).toBe(-66.7);
    expect(percentChange(110, 100)).toBe(10);
    expect(percentChange(0, 7)).toBe(-100);
    expect(percentChange(5, 0)).toBeNull();
  });

  it('compares January with December of the year before and with January a year back', () => {
    expect(comparedMonths('2027-01')).toEqual({ month: '2027-01', previous: '2026-12', lastYear: '2026-01' });
  });

  it('marks the running month as not closed and refuses a month not begun in Taipei', () => {
    expect(monthlySales('2026-11', { orders, customers, counters, previous: none, lastYear: none, previousOrders: orders, now: NOV_30 }).closed).toBe(false);
    expect(report.closed).toBe(true);
    expect(report.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // 16:30 UTC on 30 November is already December in Taipei.
    expect(() => monthlySales('2026-12', { orders, customers, counters, previous: none, lastYear: none, previousOrders: orders, now: new Date('2026-11-30T15:59:00Z') })).toThrow(
      expect.objectContaining({ code: 'REPORT.MONTH_IN_FUTURE', kind: 'precondition', details: { month: '2026-12' } }),
    );
    expect(monthlySales('2026-12', { orders, customers, counters, previous: none, lastYear: none, previousOrders: orders, now: new Date('2026-11-30T16:30:00Z') }).totals.orders).toBe(1);
  });

  it('writes the CSV in zh-TW or English with the totals, comparisons and every section', () => {
    const previous: SalesTotals = { orders: 4, cylinders: 4, revenue: 4000, failed: 0, cancelled: 1 };
    const r = monthlySales('2026-11', { orders, customers, counters, previous, lastYear: none, previousOrders: orders, now: NOV_30 });
    const zh = monthlySalesCsv(r, 'zh-TW');
    expect(zh.startsWith('\uFEFF月報,2026-11,本月尚未結束\r\n期間,2026-11-01,2026-11-30\r\n')).toBe(true);
    const lines = zh.split('\r\n');
    expect(lines).toContain('項目,本月 2026-11,上月 2026-10,較上月 %,去年同月 2025-11,較去年同月 %');
    expect(lines).toContain('營收 (NT$),5290,4000,32.3,0,');
    expect(lines).toContain('配送失敗,2,0,,0,');
    expect(lines).toContain('20公斤,2,3,2550,200,200');
    expect(lines).toContain('餐廳,2,4,3240,,');
    expect(lines).toContain('永和區,1,2,1540,,');
    expect(lines).toContain('月結,2,4,3240,,');
    expect(lines).toContain('1,C00001,林記麵館,餐廳,2,4,3240');
    const en = monthlySalesCsv(report, 'en').split('\r\n');
    expect(en[0]).toBe('\uFEFFMonthly sales,2026-11');
    expect(en).toContain('size,orders delivered,cylinders,revenue (NT$),cylinders vs previous month %,revenue vs previous month %');
    expect(en).toContain('2,C00002,王家,household,1,1,2050');
  });
});

describe('which stored reports a change makes stale', () => {
  const now = new Date('2026-11-29T02:00:00Z');

  it('names the month changed, the next one and the one a year on, as far as they have ended', () => {
    expect(reportsTouchedBy('2025-09', now)).toEqual(['2025-09', '2025-10', '2026-09']);
    expect(reportsTouchedBy('2026-10', now)).toEqual(['2026-10']);
    expect(reportsTouchedBy('2026-11', now)).toEqual([]);
    expect([isClosedMonth('2026-10', now), isClosedMonth('2026-11', now)]).toEqual([true, false]);
  });

  it('reads the order only for an event that can change a delivered one', () => {
    expect(touchesDelivery({ type: 'order.status_changed', data: { to: 'delivered' } })).toBe(true);
    expect(touchesDelivery({ type: 'order.updated', data: {} })).toBe(true);
    expect(touchesDelivery({ type: 'order.status_changed', data: { to: 'failed' } })).toBe(false);
    expect(touchesDelivery({ type: 'order.created', data: {} })).toBe(false);
  });
});
