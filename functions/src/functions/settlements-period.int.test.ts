import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { CylinderSize } from '../domain/cylinders';
import type { Order, OrderStatus, PaymentMethod } from '../domain/orders';
import type { Route } from '../domain/routes';
import { aNearbyCustomer, aTimedStop, FLEET } from '../domain/routes/test-support/fleet-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

/** A closed month as the period, and the month before it for the 短溢 trend; nothing here is timed from now. */
const month = previousMonth(taipeiMonth(new Date()));
const early = previousMonth(month);
const { firstDay, lastDay } = monthBounds(month);
const d3 = `${month}-03`;
const d4 = `${month}-04`;
const d10 = `${month}-10`;
const earlyDay = `${early}-20`;
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();

const customers = [1, 2, 3, 4].map((k) =>
  aNearbyCustomer(`cust-${k}`, k, k === 2 ? { address: { city: '新北市', district: '永和區', road: '中正路', section: 1, number: '8' } } : {}),
);
const cust = (k: number) => customers[k - 1]!;

// The order mother prices 20 kg at NT$850 and 50 kg at NT$2,050.
function delivered(id: string, driverId: string, deliveredAt: string, cashCollected: number, over: { size?: CylinderSize; paymentMethod?: PaymentMethod } = {}): Order {
  const items = [{ size: over.size ?? 20, quantity: 1 }];
  const order = anOrder().withId(id).forCustomer(cust(1)).onDriver(driverId).with({ items, paymentMethod: over.paymentMethod ?? 'cash' }).inStatus('delivered').build();
  return { ...order, delivery: { at: deliveredAt, delivered: items, emptiesCollected: [], cashCollected } };
}

/**
 * A stop failed on `day`'s route with `reason`, the order standing as `now` since: still failed, delivered on another
 * day, cancelled, or moved to another day (pending again).
 */
function failedStop(id: string, k: number, driverId: string, day: string, reason: string, now: OrderStatus, over: Partial<Order> = {}): { order: Order; failedAt: string } {
  const failedAt = at(day, '11:00');
  const base = anOrder().withId(id).forCustomer(cust(k)).onDriver(driverId).with({ paymentMethod: 'cash' }).inStatus('failed').build();
  const entry = { at: failedAt, by: { uid: `u-${driverId}`, role: 'driver' as const }, from: 'out_for_delivery' as const, to: 'failed' as const, reason };
  const { failureReason: _gone, ...rest } = base;
  return { order: { ...rest, ...(now === 'failed' ? { failureReason: reason } : {}), status: now, requestedDate: day, timeline: [...base.timeline, entry], ...over }, failedAt };
}

const failures = [
  failedStop('f-1', 1, 'drv-1', d3, 'no_one_home', 'failed'),
  // Typed words, as the driver's 其他 sends them; delivered the next day by the other driver.
  failedStop('f-2', 2, 'drv-1', d3, 'gate locked, dog', 'delivered', {
    driverId: 'drv-2',
    delivery: { at: at(d4, '15:00'), delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 850 },
  }),
  failedStop('f-3', 3, 'drv-2', d3, 'address_not_found', 'cancelled'),
  failedStop('f-4', 4, 'drv-2', d10, 'no_one_home', 'pending', { requestedDate: addDays(d10, 2) }),
  // The month before: in the 短溢 months, not in the period.
  failedStop('f-0', 1, 'drv-1', earlyDay, 'customer_refused', 'failed'),
];
// Still failed on a day whose route is not kept (the demo keeps none): 司機日結 cannot see it, the period does.
const unrouted = failedStop('f-5', 1, 'drv-1', d10, 'customer_refused', 'failed').order;
// The month before: failed on the 21st, moved to the 23rd and failed again there (drv-2, whose 短溢 it leaves alone).
const [early21, early23] = [`${early}-21`, `${early}-23`];
const twiceFirst = failedStop('f-6', 2, 'drv-2', early21, 'no_one_home', 'failed');
const twiceAgain = { failedAt: at(early23, '11:00') };
const failedTwice: Order = {
  ...twiceFirst.order,
  requestedDate: early23,
  failureReason: 'access_blocked',
  failureNote: '管理員說住戶交代不要讓人上樓',
  timeline: [
    ...twiceFirst.order.timeline,
    { at: twiceAgain.failedAt, by: { uid: 'u-drv-2', role: 'driver' }, from: 'out_for_delivery', to: 'failed', reason: 'access_blocked', note: '管理員說住戶交代不要讓人上樓' },
  ],
};
// The month before: failed on the 25th by drv-2 in the morning, sent out again that afternoon with drv-1, who failed too;
// moved to the 27th since (no cash either way).
const [early25, early27] = [`${early}-25`, `${early}-27`];
const sameDayFirst = failedStop('f-7', 3, 'drv-2', early25, 'no_one_home', 'pending', { requestedDate: early27 });
const sameDayAgain = { failedAt: at(early25, '16:00') };
const failedSameDay: Order = {
  ...sameDayFirst.order,
  timeline: [
    ...sameDayFirst.order.timeline,
    { at: at(early25, '13:00'), by: { uid: 'u-office', role: 'office' }, from: 'failed', to: 'pending' },
    { at: sameDayAgain.failedAt, by: { uid: 'u-drv-1', role: 'driver' }, from: 'out_for_delivery', to: 'failed', reason: 'customer_refused' },
    { at: at(early25, '17:00'), by: { uid: 'u-office', role: 'office' }, from: 'failed', to: 'pending' },
  ],
};

const route = (id: string, date: string, driverId: string, stops: { order: Order; failedAt: string }[]): Route => ({
  id,
  date,
  depotId: 'depot-1',
  driverId,
  vehicleId: driverId === 'drv-1' ? FLEET.vehicles[0]!.id : FLEET.vehicles[1]!.id,
  status: 'completed',
  distanceKm: 12,
  durationMin: 240,
  violations: [],
  stops: stops.map(({ order, failedAt }, i) => ({
    ...aTimedStop(order.id, failedAt, i + 1),
    customerId: order.customerId,
    outcome: { status: 'failed' as const, at: failedAt, actionId: `act-${order.id}` },
  })),
  createdAt: at(date, '07:00'),
  updatedAt: at(date, '17:00'),
});
const [f1, f2, f3, f4, f0] = failures as [(typeof failures)[number], (typeof failures)[number], (typeof failures)[number], (typeof failures)[number], (typeof failures)[number]];
const routes = [
  route('r-3-1', d3, 'drv-1', [f1, f2]),
  route('r-3-2', d3, 'drv-2', [f3]),
  route('r-10-2', d10, 'drv-2', [f4]),
  route('r-e-1', earlyDay, 'drv-1', [f0]),
  route('r-e21-2', early21, 'drv-2', [{ order: failedTwice, failedAt: twiceFirst.failedAt }]),
  route('r-e23-2', early23, 'drv-2', [{ order: failedTwice, failedAt: twiceAgain.failedAt }]),
  route('r-e25-2', early25, 'drv-2', [{ order: failedSameDay, failedAt: sameDayFirst.failedAt }]),
  route('r-e25-1', early25, 'drv-1', [{ order: failedSameDay, failedAt: sameDayAgain.failedAt }]),
];

const seeded: Order[] = [
  delivered('d-1', 'drv-1', at(d3, '09:00'), 850),
  delivered('d-2', 'drv-1', at(d3, '10:00'), 2000, { size: 50 }),
  delivered('d-3', 'drv-2', at(d3, '09:30'), 0, { paymentMethod: 'monthly' }),
  delivered('d-4', 'drv-1', at(d4, '09:00'), 850),
  delivered('d-e', 'drv-1', at(earlyDay, '09:00'), 850),
  ...failures.map((f) => f.order),
  unrouted,
  failedTwice,
  failedSameDay,
];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'settlements-period', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders: seeded });
  await Promise.all(routes.map((r) => stack.container.db.collection('routes').doc(r.id).set({ ...r, version: 1 })));
  // 短溢: drv-1 NT$50 short on the 3rd (NT$2,850 taken), NT$50 over on the early day; drv-2 exact on the 3rd.
  for (const [date, driverId, cashReceived] of [[d3, 'drv-1', 2800], [d3, 'drv-2', 0], [earlyDay, 'drv-1', 900]] as const) {
    expect((await call('POST', '/api/settlements', { as: 'office', body: { date, driverId, cashReceived } })).status).toBe(200);
  }
});
afterAll(() => stack.close());

const period = (from: string, to: string) => `from=${from}&to=${to}`;

describe('配送失敗 and the drivers over a period on the emulators', () => {
  it('lists every failed stop of the period with its driver, customer, reason and what became of the order, counted by reason and by driver', async () => {
    const res = await call('GET', `/api/settlements/period?${period(firstDay, lastDay)}`, { as: 'office' });
    expect(res.status).toBe(200);
    const rows = (res.body.failed as Json[]).map((f) => [f.date, f.orderId, f.driverId, f.customerCode, f.district, f.reason, f.outcome, f.outcomeDate]);
    expect(rows).toEqual([
      [d3, 'f-1', 'drv-1', cust(1).code, '中和區', 'no_one_home', 'open', null],
      [d3, 'f-2', 'drv-1', cust(2).code, '永和區', 'gate locked, dog', 'delivered', null],
      [d3, 'f-3', 'drv-2', cust(3).code, '中和區', 'address_not_found', 'cancelled', null],
      [d10, 'f-5', 'drv-1', cust(1).code, '中和區', 'customer_refused', 'open', null],
      [d10, 'f-4', 'drv-2', cust(4).code, '中和區', 'no_one_home', 'rescheduled', addDays(d10, 2)],
    ]);
    expect(res.body.failed[0]).toMatchObject({ driverName: FLEET.drivers[0]!.name, customerName: cust(1).name });
    expect(res.body.failedByReason).toEqual([
      { reason: 'no_one_home', count: 2 },
      { reason: 'address_not_found', count: 1 },
      { reason: 'customer_refused', count: 1 },
      { reason: 'gate locked, dog', count: 1 },
    ]);
    expect(res.body.failedByDriver.map((d: Json) => [d.driverId, d.count])).toEqual([
      ['drv-1', 3],
      ['drv-2', 2],
    ]);
    const week = await call('GET', `/api/settlements/period?${period(d3, addDays(d3, 6))}`, { as: 'admin' });
    expect(week.body.failed.map((f: Json) => f.orderId)).toEqual(['f-1', 'f-2', 'f-3']);
  });

  it('says an order that failed twice failed again on the later day at its first failure, which it no longer reads as not handled', async () => {
    const { firstDay: earlyFirst, lastDay: earlyLast } = monthBounds(early);
    const res = await call('GET', `/api/settlements/period?${period(earlyFirst, earlyLast)}`, { as: 'office' });
    expect(res.status).toBe(200);
    const rows = (res.body.failed as Json[]).filter((f) => f.orderId === 'f-6').map((f) => [f.date, f.reason, f.outcome, f.outcomeDate]);
    expect(rows).toEqual([
      [early21, 'no_one_home', 'failed_again', early23],
      [early23, 'access_blocked', 'open', null],
    ]);
    const csv = await call('GET', `/api/settlements/period/failed/export?${period(earlyFirst, earlyLast)}`, { as: 'office', lang: 'en' });
    expect(String(csv.body.raw).split('\r\n')).toContain(`${early21},${FLEET.drivers[1]!.name},${cust(2).code},${cust(2).name},永和區,nobody home,,"Moved, failed again",${early23},f-6`);
    const zh = await call('GET', `/api/settlements/period/failed/export?${period(earlyFirst, earlyLast)}`, { as: 'office', lang: 'zh-TW' });
    expect(String(zh.body.raw)).toContain(`改期後再次未送達,${early23},f-6`);
  });

  it('tells two failures of one day on two routes apart: the morning’s failed again that day, the afternoon’s was moved on', async () => {
    const { firstDay: earlyFirst, lastDay: earlyLast } = monthBounds(early);
    const res = await call('GET', `/api/settlements/period?${period(earlyFirst, earlyLast)}`, { as: 'office' });
    const rows = (res.body.failed as Json[]).filter((f) => f.orderId === 'f-7').map((f) => [f.date, f.driverId, f.reason, f.outcome, f.outcomeDate]);
    expect(rows).toEqual([
      [early25, 'drv-1', 'customer_refused', 'rescheduled', early27],
      [early25, 'drv-2', 'no_one_home', 'failed_again', early25],
    ]);
    const zh = await call('GET', `/api/settlements/period/failed/export?${period(earlyFirst, earlyLast)}`, { as: 'office', lang: 'zh-TW' });
    expect(String(zh.body.raw)).toContain(`當天重送後再次未送達,${early25},f-7`);
  });

  it('keeps the driver’s words beside the reason they picked, in the list and the CSV, and only on the failure they were said at', async () => {
    const { firstDay: earlyFirst, lastDay: earlyLast } = monthBounds(early);
    const res = await call('GET', `/api/settlements/period?${period(earlyFirst, earlyLast)}`, { as: 'office' });
    const rows = (res.body.failed as Json[]).filter((f) => f.orderId === 'f-6').map((f) => [f.date, f.reason, f.note ?? null]);
    expect(rows).toEqual([
      [early21, 'no_one_home', null],
      [early23, 'access_blocked', '管理員說住戶交代不要讓人上樓'],
    ]);
    const zh = await call('GET', `/api/settlements/period/failed/export?${period(earlyFirst, earlyLast)}`, { as: 'admin', lang: 'zh-TW' });
    const lines = String(zh.body.raw).split('\r\n');
    expect(lines[2]).toBe('日期,司機,客戶編號,客戶,區域,原因,司機說明,後續,改送日期,訂單');
    expect(lines).toContain(`${early23},${FLEET.drivers[1]!.name},${cust(2).code},${cust(2).name},永和區,無法進入（門禁或道路封閉）,管理員說住戶交代不要讓人上樓,未處理,,f-6`);
  });

  it("gives each driver's period figures as the days' 司機日結 add up, and the 短溢 of the last six months as 司機現金月報's", async () => {
    const res = await call('GET', `/api/settlements/period?${period(firstDay, lastDay)}`, { as: 'office' });
    // The truth, day by day: every day's 司機日結 page of the period.
    const truth = new Map<string, { deliveries: number; failed: number; days: number; cylinders: Map<number, number> }>();
    for (let date = firstDay; date <= lastDay; date = addDays(date, 1)) {
      const day = await call('GET', `/api/settlements?date=${date}`, { as: 'office' });
      for (const row of day.body.drivers as Json[]) {
        const t = truth.get(row.driverId) ?? { deliveries: 0, failed: 0, days: 0, cylinders: new Map() };
        t.deliveries += row.stops.delivered;
        t.failed += row.stops.failed;
        t.days += row.stops.delivered + row.stops.collected + row.stops.failed > 0 ? 1 : 0;
        for (const c of row.cylindersDelivered as Json[]) t.cylinders.set(c.size, (t.cylinders.get(c.size) ?? 0) + c.quantity);
        truth.set(row.driverId, t);
      }
    }
    // Plus the failure whose route is not kept, on a day drv-1 did nothing else.
    const one1 = truth.get('drv-1')!;
    truth.set('drv-1', { ...one1, failed: one1.failed + 1, days: one1.days + 1 });
    const figures = (res.body.drivers as Json[]).map((d) => [d.driverId, d.deliveries, d.failed, d.workingDays, d.cylinders.map((c: Json) => [c.size, c.quantity])]);
    expect(figures).toEqual([...truth].map(([id, t]) => [id, t.deliveries, t.failed, t.days, [...t.cylinders].sort(([a], [b]) => a - b)]));
    expect(figures).toEqual([
      ['drv-1', 3, 3, 3, [[20, 2], [50, 1]]],
      ['drv-2', 2, 2, 3, [[20, 2]]],
    ]);
    const [one, two] = res.body.drivers as [Json, Json];
    expect([one.revenue, one.deliveriesPerDay, two.revenue, two.deliveriesPerDay]).toEqual([3750, 1, 1700, 0.7]);
    expect(res.body.cashMonths).toHaveLength(6);
    expect(res.body.cashMonths.slice(-2)).toEqual([early, month]);
    for (const m of [early, month]) {
      const monthly = await call('GET', `/api/settlements/month?month=${m}`, { as: 'office' });
      const byDriver = new Map((monthly.body.drivers as Json[]).map((d) => [d.driverId, d.totals.difference]));
      for (const d of [one, two]) expect(d.cash.find((c: Json) => c.month === m).difference).toBe(byDriver.get(d.driverId) ?? 0);
    }
    expect(one.cash.slice(-2).map((c: Json) => c.difference)).toEqual([50, -50]);
  });

  it('exports the failures with reasons and outcomes in the reader’s language, and the drivers’ figures, as CSV', async () => {
    const en = await call('GET', `/api/settlements/period/failed/export?${period(firstDay, lastDay)}`, { as: 'office', lang: 'en' });
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toContain('text/csv');
    const lines = String(en.body.raw).split('\r\n');
    expect(lines[2]).toBe("Date,Driver,Customer code,Customer,District,Reason,Driver's note,Outcome,Moved to,Order");
    expect(lines[3]).toBe(`${d3},${FLEET.drivers[0]!.name},${cust(1).code},${cust(1).name},中和區,nobody home,,Not handled,,f-1`);
    expect(lines).toContain(`${d10},${FLEET.drivers[1]!.name},${cust(4).code},${cust(4).name},中和區,nobody home,,Rescheduled,${addDays(d10, 2)},f-4`);
    expect(lines).toContain('nobody home,2');
    const zh = await call('GET', `/api/settlements/period/failed/export?${period(firstDay, lastDay)}`, { as: 'admin', lang: 'zh-TW' });
    expect(String(zh.body.raw)).toContain('找不到地址,,已取消');
    const drivers = await call('GET', `/api/settlements/period/drivers/export?${period(firstDay, lastDay)}`, { as: 'office', lang: 'en' });
    const driverLines = String(drivers.body.raw).split('\r\n');
    expect(driverLines[2]).toMatch(/^Driver,Deliveries,Collections,Working days,Deliveries per day,Failed,Revenue,4 kg,10 kg,16 kg,20 kg,50 kg,Difference /);
    expect(driverLines[3]).toBe(`${FLEET.drivers[0]!.name},3,0,3,1,3,3750,0,0,0,2,1,0,0,0,0,50,-50`);
  });

  it('refuses a period ending before it begins, longer than 62 days or ending after today, in the caller’s language, naming the query’s `to`', async () => {
    const today = taipeiDate(new Date());
    const cases = [period(d10, d3), period(addDays(lastDay, -62), lastDay), period(firstDay, addDays(today, 1))];
    for (const q of cases) {
      const res = await call('GET', `/api/settlements/period?${q}`, { as: 'office', lang: 'en' });
      expect([res.status, res.body.error.code, res.body.error.fields?.map((f: Json) => f.path)]).toEqual([422, 'REPORT.PERIOD_INVALID', ['query.to']]);
    }
    const zh = await call('GET', `/api/settlements/period/drivers/export?${period(d10, d3)}`, { as: 'office' });
    const md = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8))}`;
    expect(zh.body.error.message).toBe(`期間 ${md(d10)}–${md(d3)} 無法查詢：結束日不可早於開始日、晚於今天（${md(today)}），最長 62 天`);
    expect(zh.body.error.fields).toEqual([{ path: 'query.to', message: zh.body.error.message }]);
  });

  it('says which date is missing or malformed and how to write one, in the caller’s language, with a 400 and no 5xx', async () => {
    const en = await call('GET', `/api/settlements/period?from=${d3}`, { as: 'office', lang: 'en' });
    expect([en.status, en.body.error.code, en.body.error.fields]).toEqual([400, 'REQUEST.VALIDATION', [{ path: 'query.to', message: 'Give a date as YYYY-MM-DD (e.g. 2026-11-30)' }]]);
    const zh = await call('GET', '/api/settlements/period/failed/export?from=2026-13-40', { as: 'office' });
    expect([zh.status, zh.body.error.message, zh.body.error.fields]).toEqual([
      400,
      '輸入資料有誤，請檢查標示的欄位。',
      [
        { path: 'query.from', message: '日期須為有效的 YYYY-MM-DD（例如 2026-11-30）' },
        { path: 'query.to', message: '請填寫日期，格式為 YYYY-MM-DD（例如 2026-11-30）' },
      ],
    ]);
  });

  it('answers the office and admin only: drivers and customers are refused', async () => {
    for (const path of ['/api/settlements/period', '/api/settlements/period/failed/export', '/api/settlements/period/drivers/export']) {
      for (const as of ['driver1', 'customerA'] as const) {
        expect([path, as, (await call('GET', `${path}?${period(d3, d4)}`, { as })).status]).toEqual([path, as, 403]);
      }
      expect((await call('GET', `${path}?${period(d3, d4)}`, { as: 'admin' })).status).toBe(200);
    }
  });
});
