import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { OPEN_STATUSES } from '../domain/orders/status';
import { anOrder } from '../domain/test-support';
import { DEPOTS } from '../local/seed/fleet';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedForecastHistory } from './test-support/forecast-history';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let customers: readonly Customer[];
// Days are counted from the Taipei day the run sees: nothing here meets a shift or a cut-off, so any hour will do.
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const closedDay = addDays(today, 4);
const earlyDay = addDays(today, 5);
const DEPOT = DEPOTS[0]!;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'predictions-daily', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  ({ customers } = await seedForecastHistory(stack.container.db, { today, customers: 20, autoEvery: 3 }));
  const db = stack.container.db;
  const createdAt = new Date().toISOString();
  await db.collection('closures').doc('cl-rest').set({ id: 'cl-rest', name: '盤點', from: closedDay, to: closedDay, createdAt, createdBy: 'u-admin' });
  await db.collection('closures').doc('cl-early').set({ id: 'cl-early', name: '除夕', from: earlyDay, to: earlyDay, closesAt: '12:00', createdAt, createdBy: 'u-admin' });
  const customer = customers[1] as Customer;
  await db
    .collection('orders')
    .doc('ord-booked')
    .set({ ...anOrder().withId('ord-booked').forCustomer(customer).inStatus('confirmed').with({ requestedDate: tomorrow, items: [{ size: 20, quantity: 3 }] }).build(), version: 1 });
  const purchase = await call('POST', `/api/cylinder-stock/${DEPOT.id}/movements`, { as: 'office', key: 'buy-fulls', body: { kind: 'purchase', cylinders: [{ size: 20, quantity: 4 }] } });
  expect(purchase.status).toBe(201);
  expect((await call('POST', '/api/jobs/train-models', { as: 'admin', body: { holdoutWeeks: 8 } })).status).toBe(200);
  expect((await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } })).status).toBe(200);
});
afterAll(() => stack.close());

const sizeLine = (lines: Json[], size: number): Json | undefined => lines.find((l) => l.size === size);

/** The cylinders of a size the open orders of a day bring, a pending suggestion left out: read from Firestore itself. */
async function bookedOn(day: string, size: number): Promise<number> {
  const open = (await stack.container.db.collection('orders').where('requestedDate', '==', day).get()).docs
    .map((d) => d.data())
    .filter((o) => OPEN_STATUSES.includes(o.status) && !(o.status === 'pending' && o.source === 'forecast'));
  return open.reduce((total, o) => total + ((o.items as Json[]).find((l) => l.size === size)?.quantity ?? 0), 0);
}

describe('the daily outlook for the filling plant (GET /api/predictions/daily)', () => {
  it('gives each day from tomorrow its booked cylinders and the outlook, the days of a week adding up to the weekly figure', async () => {
    const res = await call('GET', '/api/predictions/daily?days=14', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: today, customers: customers.length });
    const days = res.body.days as Json[];
    expect(days.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, n) => addDays(tomorrow, n)));

    const first20 = sizeLine((days[0] as Json).bySize, 20) as Json;
    expect(first20.booked).toBe(await bookedOn(tomorrow, 20));
    expect(first20.booked).toBeGreaterThanOrEqual(3);
    expect(first20.expected).toBeCloseTo(Math.max(first20.booked, first20.mean), 2);

    // The second week of /weekly (from today + 7) is days 7–13 from today, i.e. the 7th to 13th from tomorrow.
    const weekly = (await call('GET', '/api/predictions/weekly', { as: 'office' })).body.weeks as Json[];
    const secondWeek = weekly[1] as Json;
    expect(secondWeek.from).toBe((days[6] as Json).date);
    for (const size of [20, 50]) {
      const ofDays = days.slice(6, 13).reduce((total, d) => total + (sizeLine(d.bySize, size)?.mean ?? 0), 0);
      const week = sizeLine(secondWeek.bySize, size)?.mean ?? 0;
      expect(week).toBeGreaterThan(0);
      expect(Math.abs(ofDays - week)).toBeLessThanOrEqual(0.05 + 7 * 0.005);
    }
  });

  it('marks a closed day, expecting nothing on it, and a day closing early with its time', async () => {
    const days = (await call('GET', '/api/predictions/daily', { as: 'admin' })).body.days as Json[];
    expect(days).toHaveLength(7);
    const closed = days.find((d) => d.date === closedDay) as Json;
    expect(closed.closures).toEqual([{ name: '盤點' }]);
    for (const line of closed.bySize as Json[]) expect([line.size, line.mean, line.p90]).toEqual([line.size, 0, 0]);
    expect(days.find((d) => d.date === earlyDay)?.closures).toEqual([{ name: '除夕', closesAt: '12:00' }]);
    expect(days.filter((d) => d.date !== closedDay && d.date !== earlyDay).every((d) => d.closures.length === 0)).toBe(true);
  });

  it('sets the fulls in stock, as 鋼瓶庫存 counts them for tomorrow, against the days shown, the gap being what to order', async () => {
    const { days, totals } = (await call('GET', '/api/predictions/daily', { as: 'office' })).body as { days: Json[]; totals: Json[] };
    const total20 = sizeLine(totals, 20) as Json;
    const expected = days.reduce((total, d) => total + (sizeLine(d.bySize, 20)?.expected ?? 0), 0);
    expect(total20.expected).toBeCloseTo(expected, 1);
    // The history's unsettled trucks took some of the 4 bought out of the yard: 鋼瓶庫存 says how many are left.
    const cover = sizeLine((await call('GET', `/api/cylinder-stock?date=${tomorrow}`, { as: 'office' })).body.cover, 20) as Json;
    expect(cover.full).toBe(4);
    expect(total20.fulls).toBe(Math.max(0, cover.full - cover.onTrucks - cover.unbooked));
    expect(total20.short).toBe(Math.max(0, Math.ceil(total20.expected) - total20.fulls));
    expect(total20.short).toBeGreaterThan(0);
  });

  it("answers a depot's own customers, orders and fulls, and 404 for a depot nobody has", async () => {
    const all = (await call('GET', '/api/predictions/daily', { as: 'office' })).body;
    const perDepot = await Promise.all(all.depots.map(async (d: Json) => (await call('GET', `/api/predictions/daily?depotId=${d.depotId}`, { as: 'office' })).body));
    expect(perDepot.reduce((n, d) => n + d.customers, 0)).toBeLessThanOrEqual(all.customers);
    const booked = perDepot.reduce((n, d) => n + (sizeLine(d.days[0].bySize, 20)?.booked ?? 0), 0);
    expect(booked).toBe(sizeLine(all.days[0].bySize, 20)?.booked);
    const fulls = perDepot.map((d) => sizeLine(d.totals, 20)?.fulls ?? 0);
    expect(fulls.reduce((a, b) => a + b, 0)).toBe(4);
    expect((await call('GET', '/api/predictions/daily?depotId=no-such-depot', { as: 'office' })).status).toBe(404);
    const tooMany = await call('GET', '/api/predictions/daily?days=30', { as: 'office', lang: 'en' });
    expect(tooMany.status).toBe(400);
  });

  it('exports the days as CSV in the caller’s language, audited as a read; staff only', async () => {
    const zh = await call('GET', '/api/predictions/daily/export', { as: 'office' });
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toContain('text/csv');
    expect(zh.headers.get('content-disposition')).toBe(`attachment; filename="daily-outlook-${tomorrow}.csv"`);
    const rows = String(zh.body.raw).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows.slice(0, 5)).toEqual(['幸福氣 每日叫貨預估（分裝場）', `預測日,${today}`, '範圍,全部', '', '日期,星期,休息／提早收工,規格,已訂（瓶）,預測平均,預測 P10,預測 P90,預計需求']);
    expect(rows.some((r) => r.startsWith(`${closedDay},`) && r.includes('盤點（休息）'))).toBe(true);
    expect(rows.some((r) => r.startsWith(`${earlyDay},`) && r.includes('除夕（12:00 提早收工）'))).toBe(true);
    expect(rows).toContain('規格,已訂合計,預測合計,預計需求合計,庫存實瓶,應叫貨');
    const en = await call('GET', `/api/predictions/daily/export?depotId=${DEPOT.id}`, { as: 'admin', lang: 'en' });
    expect(String(en.body.raw).split('\r\n').slice(2, 5)).toEqual([`Area,${DEPOT.name}`, '', 'Date,Day,Closed / closing early,Size,Booked,Forecast mean,Forecast P10,Forecast P90,Expected']);
    const audited = (await stack.container.db.collection('auditLog').where('function', '==', 'predictions').where('route', '==', '/daily/export').get()).docs;
    expect(audited.map((d) => d.get('method'))).toEqual(['GET', 'GET']);
  });

  it('refuses drivers and customers the outlook and its CSV', async () => {
    for (const who of ['driver1', 'customerA'] as const) {
      for (const path of ['/api/predictions/daily', '/api/predictions/daily/export']) {
        expect({ who, path, status: (await call('GET', path, { as: who })).status }).toEqual({ who, path, status: 403 });
      }
    }
  });
});
