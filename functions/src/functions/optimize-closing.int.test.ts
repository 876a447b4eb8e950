import { startTestStack, type TestStack } from '../local/test-support';
import { instantAt } from '../domain/routes';
import { aConfirmedOrder, aNearbyCustomer } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { planAndWait, planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * Route planning of a day closing early (提早收工, 除夕's half day) on the emulators: every truck is back by the closing,
 * and an order whose hours start after it is left out, like any order that does not fit; without the closing it is planned.
 */

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const afternoon = aConfirmedOrder('ord-afternoon', day.customers[2]!, day.date, { timeWindow: { start: '14:00', end: '16:00' } });
/** Across the district line: 永和 delivers as usual when only 中和 closes early. */
const yonghe = aNearbyCustomer('cust-yonghe', 6, { address: { city: '新北市', district: '永和區', road: '中正路', number: '6' } });
const yongheAfternoon = { ...aConfirmedOrder('ord-yonghe-afternoon', yonghe, day.date, { timeWindow: { start: '14:00', end: '16:00' } }), district: '永和區' };

beforeAll(async () => {
  stack = await startTestStack({
    suite: 'optimize-closing',
    subscriptions: [{ consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 }],
  });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day, { customers: [yonghe], orders: [afternoon, yongheAfternoon] });
});
afterAll(() => stack.close());

const noon = instantAt(day.date, 12 * 60);
const plan = () => planAndWait(call, stack.container.db, { date: day.date, depotId: day.depot.id, timeLimitSeconds: 5 });

describe('planning a day closing early', () => {
  it('brings every truck back by the closing and leaves out the order whose hours start after it, which a usual day plans', async () => {
    const closing = await call('POST', '/api/closures', { as: 'admin', body: { name: '除夕', from: day.date, to: day.date, closesAt: '12:00' } });
    expect(closing.status).toBe(201);
    const halfDay = await plan();
    expect(halfDay.job.unassigned.map((u: Json) => u.orderId).sort()).toEqual(['ord-afternoon', 'ord-yonghe-afternoon']);
    expect(halfDay.routes.length).toBeGreaterThan(0);
    for (const route of halfDay.routes) {
      expect(route.endsAt <= noon).toBe(true);
      for (const stop of route.stops) expect(stop.eta < noon).toBe(true);
    }
    expect(halfDay.routes.flatMap((r) => r.stops.map((s: Json) => s.orderId)).sort()).toEqual(day.orders.map((o) => o.id).sort());

    expect((await call('DELETE', `/api/closures/${closing.body.closure.id}`, { as: 'admin' })).status).toBe(204);
    const usual = await plan();
    expect(usual.job.unassigned).toEqual([]);
    expect(usual.routes.flatMap((r) => r.stops.map((s: Json) => s.orderId))).toEqual(expect.arrayContaining(['ord-afternoon', 'ord-yonghe-afternoon']));
  }, 80_000);

  it('of some districts serves their stops by the closing and leaves out their afternoon, while the trucks go on elsewhere', async () => {
    const closing = await call('POST', '/api/closures', { as: 'admin', body: { name: '除夕', from: day.date, to: day.date, districts: ['中和區'], closesAt: '12:00' } });
    expect(closing.status).toBe(201);
    const { job, routes } = await plan();
    expect(job.unassigned).toEqual([{ orderId: 'ord-afternoon', reason: 'TIME_WINDOW_UNREACHABLE' }]);
    const stops = routes.flatMap((r) => r.stops as Json[]);
    expect(stops.find((s) => s.orderId === 'ord-yonghe-afternoon')?.eta >= instantAt(day.date, 14 * 60)).toBe(true);
    // A window's end is the latest a stop is begun: the last one before the closing may start on it.
    for (const stop of stops.filter((s) => s.orderId !== 'ord-yonghe-afternoon')) expect(stop.eta <= noon).toBe(true);
  }, 80_000);
});
