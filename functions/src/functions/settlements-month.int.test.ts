import { depositsOf } from '../adapters/firestore/deposit-store';
import { doorDepositRecords, monthBounds, nextMonth, previousMonth, taipeiMonth, type Deposit } from '../domain/billing';
import { addDays } from '../domain/calendar';
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
function delivered(
  id: string,
  driverId: string,
  deliveredAt: string,
  cashCollected: number,
  over: { size?: CylinderSize; paymentMethod?: PaymentMethod; customer?: (typeof customers)[number] } = {},
): Order {
  const items = [{ size: over.size ?? 20, quantity: 1 }];
  const order = anOrder()
    .withId(id)
    .forCustomer(over.customer ?? customers[0]!)
    .onDriver(driverId)
    .with({ items, paymentMethod: over.paymentMethod ?? 'cash' })
    .inStatus('delivered')
    .build();
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

/**
 * The month before, with deposits taken at the doors: its days are compared with 司機日結's, which finds a day's deposits
 * by its deliveries, where the month reads them by date.
 */
const early = previousMonth(month);
const earlyDays = monthBounds(early);
const earlyDay5 = `${early}-05`;
const [cust1, cust2, cust3] = customers as [(typeof customers)[number], (typeof customers)[number], (typeof customers)[number]];
const earlySeeded: Order[] = [
  // Before the month: its deposit was booked late (補登) on the month's first day, but counts on its own delivery's day.
  delivered('e-0', 'drv-1', at(addDays(earlyDays.firstDay, -1), '15:00'), 850, { customer: cust3 }),
  // drv-1 on the 5th, a deposit taken at the first door, handed in NT$100 over.
  delivered('e-1', 'drv-1', at(earlyDay5, '09:00'), 850, { customer: cust1 }),
  delivered('e-2', 'drv-1', at(earlyDay5, '10:00'), 850, { customer: cust2 }),
  // drv-2 two minutes after the month's first midnight on a phone clock ahead: its deposit is dated the day before.
  delivered('e-3', 'drv-2', at(earlyDays.firstDay, '00:02'), 850, { customer: cust2 }),
  // drv-2 at the end of the last day, synced once the day was closed: its deposit booked on the next month's first day.
  delivered('e-4', 'drv-2', at(earlyDays.lastDay, '23:50'), 850, { customer: cust3 }),
];
const door = (orderId: string, customerId: string, receivedOn: string, amount: number, closedThrough?: string): Deposit[] =>
  doorDepositRecords([{ size: 20, count: 1, amount }], {
    actionId: `act-${orderId}`,
    customerId,
    orderId,
    receivedOn,
    closedThrough,
    today: addDays(receivedOn, 1),
    by: '陳大明',
    now: new Date(at(receivedOn, '20:00')),
  });
const earlyDeposits: Deposit[] = [
  ...door('e-0', cust3.id, addDays(earlyDays.firstDay, -1), 1200, addDays(earlyDays.firstDay, -1)),
  ...door('e-1', cust1.id, earlyDay5, 1500),
  ...door('e-3', cust2.id, addDays(earlyDays.firstDay, -1), 1400),
  ...door('e-4', cust3.id, earlyDays.lastDay, 1300, earlyDays.lastDay),
  // At the office, not at a door: no driver's cash.
  { id: 'dep-office-collect', customerId: cust1.id, kind: 'collect', size: 16, count: 1, amount: 1000, method: 'cash', receivedOn: earlyDay5, by: '林小姐', at: at(earlyDay5, '11:00') },
  { id: 'dep-office-refund', customerId: cust2.id, kind: 'refund', size: 20, count: 1, amount: 1500, method: 'cash', receivedOn: earlyDay5, by: '林小姐', at: at(earlyDay5, '12:00') },
];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'settlements-month', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders: [...seeded, ...earlySeeded] });
  await Promise.all(earlyDeposits.map((d) => stack.container.db.collection(depositsOf(d.customerId)).doc(d.id).set(d)));
  // The office records the 3rd's hand-ins: drv-1 NT$50 short of what the stops took, drv-2 exact.
  // And the earlier month's: drv-1 on the 5th NT$100 over the stops and the deposit, drv-2 on the last day NT$350 short.
  const handIns = [
    [day3, 'drv-1', 2800],
    [day3, 'drv-2', 850],
    [earlyDay5, 'drv-1', 3300],
    [earlyDays.lastDay, 'drv-2', 1800],
  ] as const;
  for (const [date, driverId, cashReceived] of handIns) {
    const res = await call('POST', '/api/settlements', { as: 'office', body: { date, driverId, cashReceived } });
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

  it('says for each day with deposits at the doors, one dated the day before and one booked late, what 司機日結 says for it, and nothing for the office’s deposits', async () => {
    const res = await call('GET', `/api/settlements/month?month=${early}`, { as: 'office' });
    expect(res.status).toBe(200);
    const drivers = res.body.drivers as Json[];
    expect(drivers.map((d) => [d.driverId, d.days.map((day: Json) => [day.date, ...money(day), day.unsettled])])).toEqual([
      ['drv-1', [[earlyDay5, 1700, 1700, 1500, 3200, 3300, 100, false]]],
      [
        'drv-2',
        [
          [earlyDays.firstDay, 850, 850, 1400, 2250, null, null, true],
          [earlyDays.lastDay, 850, 850, 1300, 2150, 1800, -350, false],
        ],
      ],
    ]);
    expect(res.body.totals).toEqual({ cashExpected: 3400, cashCollected: 3400, deposits: 4200, due: 7600, handedIn: 5100, difference: -250, unsettledDays: 1 });
    const monthRows = drivers.flatMap((d) => d.days.map((day: Json) => ({ ...day, driverId: d.driverId })));
    for (let date = earlyDays.firstDay; date <= earlyDays.lastDay; date = addDays(date, 1)) {
      const day = await call('GET', `/api/settlements?date=${date}`, { as: 'office' });
      expect(day.status).toBe(200);
      const dayRows = (day.body.drivers as Json[]).map((r) => ({
        date,
        driverId: r.driverId,
        cashExpected: r.cash.expected,
        cashCollected: r.cash.collected,
        deposits: r.deposits.collected,
        due: r.cash.collected + r.deposits.collected,
        handedIn: r.settlement?.cashReceived ?? null,
        difference: r.handInDifference,
        unsettled: r.settlement === null,
      }));
      expect(monthRows.filter((r) => r.date === date)).toEqual(dayRows);
    }
  }, 120_000);

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
