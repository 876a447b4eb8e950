import { monthBounds, nextMonth, previousMonth, taipeiMonth } from '../domain/billing';
import type { CylinderSize } from '../domain/cylinders';
import type { Order, PaymentMethod } from '../domain/orders';
import { aNearbyCustomer, FLEET } from '../domain/routes/test-support/fleet-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

/** A closed month, the one the accountant ties; the seeded deliveries straddle its last midnight. */
const month = previousMonth(taipeiMonth(new Date()));
const { until } = monthBounds(month);
const day3 = `${month}-03`;
const day10 = `${month}-10`;
const lastDay = monthBounds(month).lastDay;
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();
const shift = (instant: string, minutes: number): string => new Date(Date.parse(instant) + minutes * 60_000).toISOString();

const customers = [1, 2, 3].map((k) => aNearbyCustomer(`cust-${k}`, k));
// The order mother prices 20 kg at NT$850 and 50 kg at NT$2,050.
function delivered(id: string, driverId: string, deliveredAt: string, cashCollected: number, over: { size?: CylinderSize; paymentMethod?: PaymentMethod } = {}): Order {
  const items = [{ size: over.size ?? 20, quantity: 1 }];
  const order = anOrder().withId(id).forCustomer(customers[0]!).onDriver(driverId).with({ items, paymentMethod: over.paymentMethod ?? 'cash' }).inStatus('delivered').build();
  return { ...order, delivery: { at: deliveredAt, delivered: items, emptiesCollected: [], cashCollected } };
}

const seeded: Order[] = [
  // drv-1 on the 3rd: NT$50 short at the door on the 50 kg; a monthly-account delivery owes nothing at the door.
  delivered('m-1', 'drv-1', at(day3, '09:00'), 850),
  delivered('m-2', 'drv-1', at(day3, '10:00'), 2000, { size: 50 }),
  delivered('m-3', 'drv-1', at(day3, '11:00'), 0, { paymentMethod: 'monthly' }),
  delivered('m-4', 'drv-2', at(day3, '09:30'), 850),
  // drv-1 on the 10th, never handed in.
  delivered('m-5', 'drv-1', at(day10, '14:00'), 850),
  // 23:59 on the last day in Taipei, never handed in; the next midnight is the next month's.
  delivered('m-6', 'drv-2', shift(until, -1), 850),
  delivered('m-7', 'drv-2', until, 850),
];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'settlements-month', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders: seeded });
  // The office records the 3rd's hand-ins: drv-1 NT$50 short of what the stops took, drv-2 exact.
  for (const [driverId, cashReceived] of [['drv-1', 2800], ['drv-2', 850]] as const) {
    const res = await call('POST', '/api/settlements', { as: 'office', body: { date: day3, driverId, cashReceived } });
    expect(res.status).toBe(200);
  }
});
afterAll(() => stack.close());

const money = (d: Json) => [d.cashExpected, d.cashCollected, d.deposits, d.due, d.handedIn, d.difference];

describe("the drivers' cash over a month (司機現金月報) on the emulators", () => {
  it('lines up each driver’s days as 司機日結 sums them, flags the days delivered and not handed in, and totals per driver and for the month', async () => {
    const res = await call('GET', `/api/settlements/month?month=${month}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.month).toBe(month);
    const drivers = res.body.drivers as Json[];
    expect(drivers.map((d) => [d.driverId, d.driverName])).toEqual([
      ['drv-1', FLEET.drivers[0]!.name],
      ['drv-2', FLEET.drivers[1]!.name],
    ]);
    const [one, two] = drivers as [Json, Json];
    expect(one.days.map((d: Json) => [d.date, ...money(d), d.unsettled])).toEqual([
      [day3, 2900, 2850, 0, 2850, 2800, -50, false],
      [day10, 850, 850, 0, 850, null, null, true],
    ]);
    expect(one.totals).toEqual({ cashExpected: 3750, cashCollected: 3700, deposits: 0, due: 3700, handedIn: 2800, difference: -50, unsettledDays: 1 });
    expect(two.days.map((d: Json) => [d.date, ...money(d), d.unsettled])).toEqual([
      [day3, 850, 850, 0, 850, 850, 0, false],
      [lastDay, 850, 850, 0, 850, null, null, true],
    ]);
    expect(res.body.totals).toEqual({ cashExpected: 5450, cashCollected: 5400, deposits: 0, due: 5400, handedIn: 3650, difference: -50, unsettledDays: 2 });
  });

  it('exports the month as CSV in the caller’s language, unsettled days with the hand-in left blank, and records who took it', async () => {
    const res = await call('GET', `/api/settlements/month/export?month=${month}`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="driver-cash-${month}.csv"`);
    const rows = (res.body.raw as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[2]).toBe('日期,司機,應收現金,實收現金,押金,應繳,已繳,短溢,狀態');
    expect(rows).toContain(`${day10},${FLEET.drivers[0]!.name},850,850,0,850,,,未日結`);
    expect(rows).toContain(`${day3},${FLEET.drivers[0]!.name},2900,2850,0,2850,2800,-50,已點收`);
    expect(rows).toContain('本月合計,,5450,5400,0,5400,3650,-50,');
    expect(rows).toContain('未日結天數,2');
    const english = await call('GET', `/api/settlements/month/export?month=${month}`, { as: 'office', lang: 'en' });
    expect((english.body.raw as string).split('\r\n')[2]).toBe('Date,Driver,Cash expected,Cash collected,Deposits,Due,Handed in,Difference,Status');
    const audit = (await stack.container.db.collection('auditLog').where('function', '==', 'settlements').where('route', '==', '/month/export').get()).docs.map((d) => d.data());
    expect(audit.map((e) => e['actor'].role).sort()).toEqual(['admin', 'office']);
  });

  it('is for the office and admin only: a driver and a customer are refused, a month not begun is 422 and a malformed one 400', async () => {
    expect((await call('GET', `/api/settlements/month?month=${month}`, { as: 'admin' })).status).toBe(200);
    for (const who of ['driver1', 'customerA'] as const) {
      expect((await call('GET', `/api/settlements/month?month=${month}`, { as: who })).status).toBe(403);
      expect((await call('GET', `/api/settlements/month/export?month=${month}`, { as: who })).status).toBe(403);
    }
    const future = await call('GET', `/api/settlements/month?month=${nextMonth(taipeiMonth(new Date()))}`, { as: 'office' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('STATEMENT.MONTH_IN_FUTURE');
    expect((await call('GET', '/api/settlements/month?month=2026-13', { as: 'office' })).status).toBe(400);
  });
});
