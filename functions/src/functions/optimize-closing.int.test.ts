import { startTestStack, type TestStack } from '../local/test-support';
import { instantAt } from '../domain/routes';
import { aConfirmedOrder } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * Route planning of a day closing early (提早收工, 除夕's half day) on the emulators: every truck is back by the closing,
 * and an order whose hours start after it is left out as any order that does not fit is; without the closing it is planned.
 */

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const afternoon = aConfirmedOrder('ord-afternoon', day.customers[2]!, day.date, { timeWindow: { start: '14:00', end: '16:00' } });

beforeAll(async () => {
  stack = await startTestStack({
    suite: 'optimize-closing',
    subscriptions: [{ consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 }],
  });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day, { orders: [afternoon] });
});
afterAll(() => stack.close());

const plan = async (): Promise<{ job: Json; routes: Json[] }> => {
  const started = await call('POST', '/api/optimize', { as: 'office', body: { date: day.date, depotId: day.depot.id, timeLimitSeconds: 5 } });
  expect(started.status).toBe(202);
  const job = await eventually(async () => {
    const j = (await stack.container.db.collection('optimizationJobs').doc(started.body.jobId).get()).data() as Json;
    return j.status === 'succeeded' ? j : null;
  }, 25_000);
  const routes = (await stack.container.db.collection('routes').where('jobId', '==', job.id).get()).docs.map((d) => d.data() as Json);
  return { job, routes };
};

describe('planning a day closing early', () => {
  it('brings every truck back by the closing and leaves out the order whose hours start after it, which a usual day plans', async () => {
    const closing = await call('POST', '/api/closures', { as: 'admin', body: { name: '除夕', from: day.date, to: day.date, closesAt: '12:00' } });
    expect(closing.status).toBe(201);
    const noon = instantAt(day.date, 12 * 60);
    const halfDay = await plan();
    expect(halfDay.job.unassigned).toEqual([expect.objectContaining({ orderId: 'ord-afternoon' })]);
    expect(halfDay.routes.length).toBeGreaterThan(0);
    for (const route of halfDay.routes) {
      expect(route.endsAt <= noon).toBe(true);
      for (const stop of route.stops) expect(stop.eta < noon).toBe(true);
    }
    expect(halfDay.routes.flatMap((r) => r.stops.map((s: Json) => s.orderId)).sort()).toEqual(day.orders.map((o) => o.id).sort());

    expect((await call('DELETE', `/api/closures/${closing.body.closure.id}`, { as: 'admin' })).status).toBe(204);
    const usual = await plan();
    expect(usual.job.unassigned).toEqual([]);
    expect(usual.routes.flatMap((r) => r.stops.map((s: Json) => s.orderId))).toContain('ord-afternoon');
  }, 80_000);
});
