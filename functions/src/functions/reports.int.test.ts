import { randomUUID } from 'node:crypto';
import { monthBounds, nextMonth, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays, taipeiInstant } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { lastClosedWeek, weekOf } from '../domain/reports/weekly-sales';
import { buildEvent } from '../domain/events';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import type { Order } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { pushEvent } from './test-support/push-event';
import { apiClient, PRINCIPALS, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const thisMonth = taipeiMonth(new Date());
/** A closed month, whose boundaries the seeded deliveries straddle. */
const month = previousMonth(thisMonth);
const before = previousMonth(month);
const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
const { from, until } = monthBounds(month);
const shift = (instant: string, minutes: number): string => new Date(Date.parse(instant) + minutes * 60_000).toISOString();

// The order mother prices a size at size × 40 + 50: 20 kg NT$850, 16 kg NT$690, 50 kg NT$2,050.
const restaurant = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館', type: 'restaurant', paymentTerms: 'monthly' }).build();
const home = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家', type: 'household' }).build();

function delivered(id: string, customer: typeof home, at: string, items: { size: number; quantity: number }[]): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items }).inStatus('delivered').build();
  return { ...order, delivery: { at, delivered: order.items.map(({ size, quantity }) => ({ size, quantity })), emptiesCollected: [], cashCollected: 0 } };
}

const seeded: Order[] = [
  // 00:30 on the 1st in Taipei, still the month before in UTC.
  delivered('ord-first', restaurant, shift(from, 30), [{ size: 20, quantity: 2 }]),
  delivered('ord-mid', home, shift(from, 10 * 24 * 60), [{ size: 50, quantity: 1 }, { size: 16, quantity: 1 }]),
  // 23:59 on the last day in Taipei.
  delivered('ord-last', restaurant, shift(until, -1), [{ size: 20, quantity: 1 }]),
  // Midnight in Taipei: the next month's.
  delivered('ord-next', restaurant, until, [{ size: 20, quantity: 4 }]),
  // 23:59 on the month before's last day: compared, not counted.
  delivered('ord-before', restaurant, shift(from, -1), [{ size: 20, quantity: 1 }]),
  delivered('ord-last-year', home, shift(monthBounds(lastYear).from, 600), [{ size: 20, quantity: 5 }]),
  // Not delivered: no delivery record, so not read as a sale.
  anOrder().withId('ord-open').forCustomer(restaurant).inStatus('out_for_delivery').build(),
];

beforeAll(async () => {
  // The report-counters consumer, which marks a stored report stale; the test pushes its events itself.
  stack = await startTestStack({ suite: 'reports', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'reportCounters') });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [restaurant, home]) await db.collection('customers').doc(c.id).set(c);
  for (const o of seeded) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  // What the reportCounters consumer keeps per Taipei day.
  await db.collection('reports').doc(`daily-${month}-03`).set({ day: `${month}-03`, orders: { created: 3, failed: 1, cancelled: 2 } });
  await db.collection('reports').doc(`daily-${monthBounds(month).lastDay}`).set({ day: monthBounds(month).lastDay, orders: { failed: 1 } });
  await db.collection('reports').doc(`daily-${thisMonth}-01`).set({ day: `${thisMonth}-01`, orders: { failed: 9 } });
});
afterAll(() => stack.close());

/** The CSV as text with its bytes, since `Response.text()` drops a byte order mark. */
async function csv(path: string, lang?: string) {
  const token = (await stack.container.localIssuer!.issue(PRINCIPALS.office, 600)).token;
  const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...(lang ? { 'accept-language': lang } : {}) } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, rows: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n') };
}

describe('monthly sales report API on the emulators', () => {
  it('sums the deliveries of the Taipei month, by delivery time, with the month’s failures and cancellations', async () => {
    const res = await call('GET', `/api/reports/monthly?month=${month}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month, closed: true, period: { from: `${month}-01`, to: monthBounds(month).lastDay } });
    expect(res.body.totals).toEqual({ orders: 3, cylinders: 5, revenue: 1700 + 2050 + 690 + 850, failed: 2, cancelled: 2 });
    // Each row against the month before's same row, where the restaurant had one 20 kg (ord-before) and no household bought.
    expect(res.body.bySize.find((s: Json) => s.size === 20)).toEqual({ size: 20, orders: 2, cylinders: 3, revenue: 2550, change: { orders: 100, cylinders: 200, revenue: 200 } });
    expect(res.body.byCustomerType.slice(0, 2)).toEqual([
      { type: 'household', orders: 1, cylinders: 2, revenue: 2740, change: { orders: null, cylinders: null, revenue: null } },
      { type: 'restaurant', orders: 2, cylinders: 3, revenue: 2550, change: { orders: 100, cylinders: 200, revenue: 200 } },
    ]);
    expect(res.body.byPaymentTerms.map((p: Json) => [p.terms, p.revenue])).toEqual([['cash', 2740], ['monthly', 2550], ['transfer', 0]]);
    expect(res.body.topCustomers.map((c: Json) => [c.code, c.name, c.revenue])).toEqual([
      ['C00002', '王家', 2740],
      ['C00001', '林記麵館', 2550],
    ]);
  });

  it('sets the previous month and the same month last year beside it, with the change in percent', async () => {
    const res = await call('GET', `/api/reports/monthly?month=${month}`, { as: 'admin' });
    expect(res.body.previousMonth).toEqual({
      month: before,
      totals: { orders: 1, cylinders: 1, revenue: 850, failed: 0, cancelled: 0 },
      change: { orders: 200, cylinders: 400, revenue: 522.4 },
    });
    expect(res.body.lastYear).toMatchObject({ month: lastYear, totals: { orders: 1, cylinders: 5, revenue: 4250 }, change: { orders: 200, cylinders: 0, revenue: 24.5 } });
  });

  it('answers the running month as not closed, and counts the next month’s first minute there', async () => {
    const res = await call('GET', '/api/reports/monthly', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: thisMonth, closed: false, totals: { orders: 1, cylinders: 4, failed: 9 } });
  });

  it('refuses a malformed month with 400 and a month not begun with 422, in the caller’s language', async () => {
    const zh = await call('GET', '/api/reports/monthly?month=2026-13', { as: 'office' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([{ path: 'query.month', message: '月份格式須為 YYYY-MM（例如 2026-11）' }]);
    const future = await call('GET', `/api/reports/monthly/export?month=${nextMonth(thisMonth)}`, { as: 'office', lang: 'en' });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'REPORT.MONTH_IN_FUTURE', message: `${nextMonth(thisMonth)} has not begun: there is no report for it yet` });
    const zhFuture = await call('GET', `/api/reports/monthly?month=${nextMonth(thisMonth)}`, { as: 'office' });
    expect(zhFuture.body.error.message).toBe(`${nextMonth(thisMonth)} 尚未開始，沒有月報`);
  });

  it('downloads the report as CSV with a BOM, zh-TW headers by default and English ones for an English caller', async () => {
    const zh = await csv(`/api/reports/monthly/export?month=${month}`);
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(zh.headers.get('content-disposition')).toBe(`attachment; filename="monthly-sales-${month}.csv"`);
    expect([...zh.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(zh.rows[0]).toBe(`\uFEFF月報,${month}`);
    expect(zh.rows).toContain(`營收 (NT$),5290,850,522.4,4250,24.5`);
    expect(zh.rows).toContain('20公斤,2,3,2550,200,200');
    expect(zh.rows).toContain('1,C00002,王家,家庭,1,2,2740');
    const en = await csv(`/api/reports/monthly/export?month=${month}`, 'en');
    expect(en.rows).toContain('customer type,orders delivered,cylinders,revenue (NT$),cylinders vs previous month %,revenue vs previous month %');
    expect(en.rows).toContain('2,C00001,林記麵館,restaurant,2,3,2550');
  });

  it('refuses drivers and customers', async () => {
    for (const as of ['driver1', 'customerA'] as const) {
      expect((await call('GET', `/api/reports/monthly?month=${month}`, { as })).status).toBe(403);
      expect((await call('GET', `/api/reports/monthly/export?month=${month}`, { as })).status).toBe(403);
    }
  });
});

describe('weekly sales report (週報) API on the emulators', () => {
  // A Monday five months back, clear of the months the monthly tests count exactly, and its weeks compared.
  const week = weekOf(addDays(taipeiDate(new Date()), -150));
  const weekBefore = addDays(week, -7);
  const weekLastYear = addDays(week, -364);
  const at = (day: string, time: string) => taipeiInstant(day, time);

  beforeAll(async () => {
    const db = stack.container.db;
    const orders = [
      // 00:30 on Monday in Taipei, still Sunday in UTC.
      delivered('wk-monday', restaurant, at(week, '00:30'), [{ size: 20, quantity: 2 }]),
      delivered('wk-sunday', home, at(addDays(week, 6), '23:59'), [{ size: 50, quantity: 1 }]),
      // Midnight in Taipei after Sunday: the next week's.
      delivered('wk-next', restaurant, at(addDays(week, 7), '00:00'), [{ size: 20, quantity: 4 }]),
      // The Sunday before, 23:59: compared, not counted.
      delivered('wk-before', restaurant, at(addDays(week, -1), '23:59'), [{ size: 20, quantity: 1 }]),
      delivered('wk-last-year', home, at(addDays(weekLastYear, 2), '10:00'), [{ size: 20, quantity: 5 }]),
    ];
    for (const o of orders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
    await db.collection('reports').doc(`daily-${addDays(week, 2)}`).set({ day: addDays(week, 2), orders: { created: 4, failed: 1, cancelled: 1 } });
    await db.collection('reports').doc(`daily-${addDays(week, -1)}`).set({ day: addDays(week, -1), orders: { failed: 3 } });
  });

  it('sums the Monday–Sunday Taipei week by delivery time, against the week before and the same week a year before', async () => {
    // Any day names its week: a Wednesday here.
    const res = await call('GET', `/api/reports/weekly?week=${addDays(week, 2)}`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ week, closed: true, period: { from: week, to: addDays(week, 6) } });
    expect(res.body.totals).toEqual({ orders: 2, cylinders: 3, revenue: 1700 + 2050, failed: 1, cancelled: 1 });
    // Against the week before's 20 kg (wk-before, one cylinder).
    expect(res.body.bySize.find((s: Json) => s.size === 20)).toEqual({ size: 20, orders: 1, cylinders: 2, revenue: 1700, change: { orders: 0, cylinders: 100, revenue: 100 } });
    expect(res.body.topCustomers.map((c: Json) => [c.code, c.revenue])).toEqual([
      ['C00002', 2050],
      ['C00001', 1700],
    ]);
    expect(res.body.previousWeek).toEqual({
      week: weekBefore,
      totals: { orders: 1, cylinders: 1, revenue: 850, failed: 3, cancelled: 0 },
      change: { orders: 100, cylinders: 200, revenue: 341.2 },
    });
    expect(res.body.lastYear).toEqual({
      week: weekLastYear,
      totals: { orders: 1, cylinders: 5, revenue: 4250, failed: 0, cancelled: 0 },
      change: { orders: 100, cylinders: -40, revenue: -11.8 },
    });
  });

  it('answers last week by default and the running week as not closed', async () => {
    const last = await call('GET', '/api/reports/weekly', { as: 'office' });
    expect(last.body).toMatchObject({ week: lastClosedWeek(new Date()), closed: true });
    const running = await call('GET', `/api/reports/weekly?week=${taipeiDate(new Date())}`, { as: 'office' });
    expect(running.body).toMatchObject({ week: weekOf(taipeiDate(new Date())), closed: false });
  });

  it('refuses a malformed day with 400 and a week not begun with 422, in the caller’s language', async () => {
    expect((await call('GET', '/api/reports/weekly?week=2026-02-30', { as: 'office' })).status).toBe(400);
    const next = addDays(weekOf(taipeiDate(new Date())), 7);
    const monday = `${Number(next.slice(5, 7))}/${Number(next.slice(8))}`;
    const zh = await call('GET', `/api/reports/weekly?week=${addDays(next, 3)}`, { as: 'office' });
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'REPORT.WEEK_IN_FUTURE', message: `${monday} 起的這一週尚未開始，沒有週報` });
    const en = await call('GET', `/api/reports/weekly/export?week=${next}`, { as: 'office', lang: 'en' });
    expect(en.body.error.message).toBe(`The week of ${monday} has not begun: there is no report for it yet`);
  });

  it('downloads the week as CSV laid out as 月報, headers in the caller’s language', async () => {
    const zh = await csv(`/api/reports/weekly/export?week=${week}`);
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-disposition')).toBe(`attachment; filename="weekly-sales-${week}.csv"`);
    expect(zh.rows[0]).toBe(`\uFEFF週報,${week}`);
    expect(zh.rows).toContain(`項目,本週 ${week} 起,上週 ${weekBefore} 起,較上週 %,去年同週 ${weekLastYear} 起,較去年同週 %`);
    expect(zh.rows).toContain('營收 (NT$),3750,850,341.2,4250,-11.8');
    expect(zh.rows).toContain('50公斤,1,1,2050,,');
    const en = await csv(`/api/reports/weekly/export?week=${week}`, 'en');
    expect(en.rows[0]).toBe(`\uFEFFWeekly sales,${week}`);
    expect(en.rows).toContain('1,C00002,王家,household,1,1,2050');
  });

  it('refuses drivers and customers', async () => {
    for (const as of ['driver1', 'customerA'] as const) {
      expect((await call('GET', `/api/reports/weekly?week=${week}`, { as })).status).toBe(403);
      expect((await call('GET', `/api/reports/weekly/export?week=${week}`, { as })).status).toBe(403);
    }
  });
});

describe('a closed month’s report, computed once', () => {
  const stored = (m: string) => stack.container.db.collection('monthlyReports').doc(m).get();
  const view = async () => (await call('GET', `/api/reports/monthly?month=${month}`, { as: 'office' })).body;
  const push = (event: ReturnType<typeof buildEvent>) => pushEvent(stack, 'reportCounters', 'order-events', event);
  // Delivered offline on the 21st, reaching the server after the month ended.
  const late = delivered('ord-late', home, shift(from, 20 * 24 * 60), [{ size: 20, quantity: 3 }]);

  it('is stored on its first view and read from there on the next; the running month is not stored', async () => {
    const first = await view();
    const doc = await stored(month);
    expect([doc.get('stale'), doc.get('report')]).toEqual([false, first]);
    // Written behind the API's back (no event): the second view does not see it, so it read the stored report.
    await stack.container.db.collection('orders').doc(late.id).set({ ...late, version: 2 });
    expect(await view()).toEqual(first);
    expect((await call('GET', `/api/reports/monthly?month=${thisMonth}`, { as: 'office' })).status).toBe(200);
    expect((await stored(thisMonth)).exists).toBe(false);
  });

  it('is computed again when stored before its rows carried their change, and stored whole', async () => {
    const first = await view();
    const older = { ...first, bySize: first.bySize.map(({ change: _added, ...row }: Json) => row) };
    await stack.container.db.collection('monthlyReports').doc(month).update({ report: older });
    const again = await view();
    expect(again.bySize.find((s: Json) => s.size === 20).change).toEqual({ orders: 200, cylinders: 500, revenue: 500 });
    expect((await stored(month)).get('report')).toEqual(again);
  });

  it('is computed again after a late delivery in it marks it stale, however often the event comes', async () => {
    const event = buildEvent({
      id: randomUUID(),
      type: 'order.status_changed',
      occurredAt: new Date(),
      actor: { uid: 'u-driver1', role: 'driver' },
      subject: `orders/${late.id}`,
      sequence: 2,
      data: { orderId: late.id, customerId: home.id, from: 'out_for_delivery', to: 'delivered', total: late.total },
    });
    expect(await push(event)).toBeLessThan(300);
    expect(await push(event)).toBeLessThan(300);
    expect((await stored(month)).get('stale')).toBe(true);
    const again = await view();
    expect(again.totals).toMatchObject({ orders: 4, cylinders: 8, revenue: 1700 + 2050 + 690 + 850 + 2550 });
    expect([(await stored(month)).get('stale'), (await stored(month)).get('report')]).toEqual([false, again]);
  });
});

describe("報表's 準時率 and trend as CSV (GET /api/reports/punctuality/export, /trend/export)", () => {
  const today = taipeiDate(new Date());
  const [first, second] = [addDays(today, -2), addDays(today, -1)];
  const csvLines = async (path: string, lang = 'zh-TW') => {
    const res = await csv(path, lang);
    expect([res.status, res.headers.get('content-type'), [...res.bytes.slice(0, 3)]]).toEqual([200, 'text/csv; charset=utf-8', [0xef, 0xbb, 0xbf]]);
    return res.rows.map((row) => row.replace(/^\uFEFF/, '')).filter((row) => row !== '');
  };
  /** The route's audit entries, each with the query it was called with (kept as the body, stored as JSON text). */
  const audited = async (route: string): Promise<Json[]> =>
    (await stack.container.db.collection('auditLog').where('function', '==', 'reports').where('route', '==', route).get()).docs.map((d) => {
      const { bodyJson, ...entry } = d.data();
      return { ...entry, body: typeof bodyJson === 'string' ? JSON.parse(bodyJson) : undefined };
    });

  beforeAll(async () => {
    const db = stack.container.db;
    await db.collection('drivers').doc('drv-k1').set({ id: 'drv-k1', name: '陳司機', phone: '0912-000-001', skills: [], shift: { start: '08:00', end: '17:00' }, active: true });
    await db.collection('reports').doc(`punctuality-${first}`).set({ day: first, drivers: { 'drv-k1': { delivered: 10, onTime: 8, late: 2, minutesLate: 30 }, 'drv-k2': { delivered: 4, onTime: 4 } } });
    await db.collection('reports').doc(`punctuality-${second}`).set({ day: second, drivers: { 'drv-k1': { delivered: 2, onTime: 1, early: 1, failed: 1 } } });
    await db.collection('reports').doc(`daily-${first}`).set({ day: first, orders: { created: 5, delivered: 4, cancelled: 1 }, revenue: { delivered: 3400 } });
  });

  it('gives each driver’s 準時率 over the window as the tab sums it, least punctual first, then everyone, named, in the caller’s language; audited', async () => {
    const lines = await csvLines(`/api/reports/punctuality/export?from=${first}&to=${today}`);
    expect(lines).toEqual([
      '幸福氣 準時率',
      `期間,${first},${today}`,
      '司機,送達,準時率,準時,遲到,平均遲到（分鐘）,提早,未約時段,失敗',
      '陳司機,12,75.0%,9,2,15,1,0,1',
      'drv-k2,4,100.0%,4,0,,0,0,0',
      '全部司機,16,81.3%,13,2,15,1,0,1',
    ]);
    expect((await csvLines(`/api/reports/punctuality/export?from=${second}&to=${second}`, 'en')).slice(2)).toEqual([
      'Driver,Delivered,On-time rate,On time,Late,Average late (min),Early,No promise,Failed',
      '陳司機,2,50.0%,1,0,,1,0,1',
      'All drivers,2,50.0%,1,0,,1,0,1',
    ]);
    // Each file taken out is on the record: who took it and which window.
    const entries = (await audited('/punctuality/export')).map((e) => [e.actor, e.body]);
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        [{ uid: 'u-office', role: 'office' }, { from: first, to: today }],
        [{ uid: 'u-office', role: 'office' }, { from: second, to: second }],
      ]),
    );
  });

  it('gives every day of the trend oldest first, zero where nothing was counted, then the totals and the cancel rate; audited', async () => {
    const lines = await csvLines(`/api/reports/trend/export?from=${first}&to=${second}`);
    expect(lines).toEqual(['幸福氣 每日趨勢', `期間,${first},${second}`, '日期,接單數,送達數,取消數,送達營業額', `${first},5,4,1,3400`, `${second},0,0,0,0`, '合計,5,4,1,3400', '取消率,20.0%']);
    expect((await audited('/trend/export')).map((e) => [e.actor, e.body])).toEqual([[{ uid: 'u-office', role: 'office' }, { from: first, to: second }]]);
  });

  it('refuses a window ending after today, before it begins or over 90 days with 422 REPORT.PERIOD_INVALID saying why in the caller’s language, and drivers and customers; only the files given are audited', async () => {
    const monthDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8))}`;
    for (const route of ['/punctuality/export', '/trend/export']) {
      const path = `/api/reports${route}`;
      const before = (await audited(route)).length;
      for (const [from, to] of [[today, addDays(today, 1)], [today, first], [addDays(today, -90), today]] as const) {
        const en = await call('GET', `${path}?from=${from}&to=${to}`, { as: 'office', lang: 'en' });
        expect([en.status, en.body.error.code]).toEqual([422, 'REPORT.PERIOD_INVALID']);
        expect(en.body.error.message).toBe(
          `The period ${monthDay(from)}–${monthDay(to)} cannot be read: it must end on or after its first day, not after today (${monthDay(today)}), and span at most 90 days`,
        );
        const zh = await call('GET', `${path}?from=${from}&to=${to}`, { as: 'office' });
        expect([zh.status, zh.body.error.message]).toEqual([422, `期間 ${monthDay(from)}–${monthDay(to)} 無法查詢：結束日不可早於開始日、晚於今天（${monthDay(today)}），最長 90 天`]);
      }
      const malformed = await call('GET', `${path}?from=${first}`, { as: 'office' });
      expect([malformed.status, malformed.body.error.fields?.[0]?.path]).toEqual([400, 'query.to']);
      for (const as of ['driver1', 'customerA'] as const) expect((await call('GET', `${path}?from=${first}&to=${today}`, { as })).status).toBe(403);
      expect((await audited(route)).length).toBe(before);
      expect((await call('GET', `${path}?from=${addDays(today, -89)}&to=${today}`, { as: 'admin' })).status).toBe(200);
      expect((await audited(route)).map((e) => e.actor)).toContainEqual({ uid: 'u-admin', role: 'admin' });
    }
  });
});
