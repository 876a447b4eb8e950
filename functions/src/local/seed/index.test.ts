import { addDays } from '../../domain/calendar';
import { unsettledDays } from '../../domain/cylinders';
import type { Order } from '../../domain/orders';
import { settlementDay, type Settlement } from '../../domain/reports/driver-settlement';
import { generateDemoWorld, type DemoWorld } from './generate';
import { demoDocuments, type DocumentWrite } from './index';

const TODAY = '2026-11-28';
/** 10:00 in Taipei: the morning's first deliveries are done, most of the day's are still ahead. */
const NOW = '2026-11-28T02:00:00.000Z';
/** 03:30 in Taipei: after the evening plan, before anyone is on the road. */
const NIGHT = '2026-11-27T19:30:00.000Z';
/** Planned times, not things that happened: a route's arrivals and the hours it and each of its trips start and end, a 報修 visit's agreed time. */
const PLANNED_KEYS = new Set(['eta', 'startsAt', 'endsAt', 'departsAt', 'returnsAt', 'scheduledAt']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Generation takes a second or two per world; the 2-core machine may be busy with other suites. */
const SLOW_MS = 60_000;

let seeded: DemoWorld;
let wholeDay: DemoWorld;
let writes: DocumentWrite[];

beforeAll(() => {
  seeded = generateDemoWorld({ today: TODAY, now: NOW });
  wholeDay = generateDemoWorld({ today: TODAY });
  writes = demoDocuments({ ...seeded, users: [] });
}, SLOW_MS);

/** Every instant in a document that says when something happened, with where it sits. */
function instants(value: unknown, path: string): { path: string; at: string }[] {
  if (typeof value === 'string') return INSTANT.test(value) ? [{ path, at: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => instants(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (PLANNED_KEYS.has(k) ? [] : instants(v, `${path}.${k}`)));
  }
  return [];
}

const todays = (world: DemoWorld): Order[] => world.upcomingOrders.filter((o) => o.requestedDate === TODAY);
const doneAt = (o: Order): string | undefined => (o.status === 'delivered' || o.status === 'failed' ? o.updatedAt : undefined);

describe('the demo seeded in the middle of the day', () => {
  it('settles every driver’s day before today as the office does each evening, so no truck of yesterday is left unsettled; today’s are left to the office', () => {
    const yesterday = addDays(TODAY, -1);
    const settlements = writes.filter((w) => w.path.startsWith('settlements/')).map((w) => w.data as Settlement);
    expect(settlements.filter((s) => s.date >= TODAY)).toEqual([]);
    const routes = seeded.routes.filter((r) => r.date === yesterday);
    const rows = settlementDay(yesterday, { orders: [...seeded.orders, ...seeded.upcomingOrders], routes }, new Map(), settlements.filter((s) => s.date === yesterday));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.driverId, r.settlement !== null, r.handInDifference])).toEqual(rows.map((r) => [r.driverId, true, 0]));
    const days = rows.map((r) => ({ driverId: r.driverId, cylindersDelivered: r.cylindersDelivered, settled: r.settlement !== null }));
    expect(unsettledDays(days, routes)).toEqual([]);
  });

  it('writes nothing that happened after the instant it is seeded at: orders, stops, alerts, stock', () => {
    const all = writes.flatMap((w) => instants(JSON.parse(JSON.stringify(w.data)), w.path));
    expect(all.length).toBeGreaterThan(10_000);
    expect(all.filter((x) => x.at > NOW)).toEqual([]);
    // Seeded at the end of the day, the afternoon's failures would have raised alerts by now.
    const alertTimes = demoDocuments({ ...wholeDay, users: [] }).flatMap((w) => (w.path.startsWith('alerts/') ? [(w.data as { occurredAt: string }).occurredAt] : []));
    expect(alertTimes.filter((at) => at > NOW).length).toBeGreaterThan(0);
  });

  it('leaves the deliveries due later still on the road, open stops on their routes', () => {
    const later = todays(wholeDay).filter((o) => (doneAt(o) ?? '') > NOW);
    expect(later.length).toBeGreaterThan(5);
    const now = new Map(todays(seeded).map((o) => [o.id, o]));
    const stops = new Map(seeded.routes.flatMap((r) => r.stops.map((s) => [s.orderId, s])));
    for (const o of later) {
      expect(['scheduled', 'out_for_delivery']).toContain(now.get(o.id)?.status);
      expect(now.get(o.id)?.delivery).toBeUndefined();
      expect(stops.get(o.id)?.outcome).toBeUndefined();
    }
    // Those done by then are done as they would have been.
    const earlier = todays(wholeDay).filter((o) => (doneAt(o) ?? NOW) < NOW);
    expect(earlier.length).toBeGreaterThan(0);
    for (const o of earlier) expect(now.get(o.id)).toEqual(o);
  });

  it("counts today's punctuality from the stops done by then only", () => {
    const report = writes.find((w) => w.path === `reports/punctuality-${TODAY}`)?.data as { drivers: Record<string, Record<string, number>> };
    const counted = Object.values(report.drivers).reduce((sum, d) => sum + (d['delivered'] ?? 0) + (d['failed'] ?? 0), 0);
    expect(counted).toBe(todays(seeded).filter((o) => doneAt(o) !== undefined).length);
    expect(counted).toBeLessThan(todays(wholeDay).filter((o) => doneAt(o) !== undefined).length);
  });

  it('takes orders that would come in after it a day earlier, never later than it', () => {
    const tomorrows = seeded.upcomingOrders.filter((o) => o.requestedDate > TODAY);
    expect(tomorrows.length).toBe(wholeDay.upcomingOrders.filter((o) => o.requestedDate > TODAY).length);
    expect(tomorrows.every((o) => o.createdAt <= NOW)).toBe(true);
    expect(tomorrows.some((o) => o.createdAt < `${TODAY}T00:00`)).toBe(true);
  });

  it("plans the day the evening before: seeded at night, today's routes are published, none started, and tomorrow has none yet", () => {
    const night = generateDemoWorld({ today: TODAY, now: NIGHT });
    const routes = night.routes;
    expect(routes.length).toBeGreaterThan(3);
    expect(new Set(routes.map((r) => r.date))).toEqual(new Set([TODAY]));
    for (const r of routes) {
      expect(r.status).toBe('published');
      expect(r.publishedAt < NIGHT && r.publishedAt >= '2026-11-27T12:00:00.000Z').toBe(true);
    }
    const statuses = todays(night).map((o) => o.status);
    expect(statuses.filter((s) => s === 'scheduled').length).toBe(routes.flatMap((r) => r.stops).length);
    expect(statuses.filter((s) => s === 'out_for_delivery' || s === 'delivered' || s === 'failed')).toEqual([]);
    expect(night.upcomingOrders.filter((o) => o.requestedDate > TODAY && o.status === 'scheduled')).toEqual([]);
  }, SLOW_MS);

  it('is deterministic for a given instant, and leaves the history before today as it is', () => {
    expect(JSON.stringify(generateDemoWorld({ today: TODAY, now: NOW }))).toBe(JSON.stringify(seeded));
    expect(JSON.stringify(seeded.orders)).toBe(JSON.stringify(wholeDay.orders));
    expect(() => generateDemoWorld({ today: TODAY, now: '2026-11-27T15:59:00.000Z' })).toThrow(RangeError);
  }, SLOW_MS);
});
