import { startTestStack, type TestStack } from '../local/test-support';
import { aConfirmedOrder, aDraftRoute } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * A route of a day closing early (提早收工) on the emulators, planned before the closing was set: giving it to a driver
 * times it against the closing, so a stop after it is a shift too short (the checks hand-overs and publishing make too).
 */

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const afternoon = aConfirmedOrder('ord-afternoon', day.customers[1]!, day.date, { timeWindow: { start: '14:00', end: '16:00' } });
const draft = aDraftRoute({
  id: 'job-eve-1',
  jobId: 'job-eve',
  date: day.date,
  vehicle: day.vehicles[0]!,
  driver: day.drivers[0]!,
  stops: [{ order: day.orders[0]!, customer: day.customers[0]! }, { order: afternoon, customer: day.customers[1]! }],
});

beforeAll(async () => {
  stack = await startTestStack({ suite: 'route-closing', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day, { orders: [afternoon] });
  await stack.container.db.collection('routes').doc(draft.id).set({ ...draft, version: 1 });
});
afterAll(() => stack.close());

describe('a route of a day closing early', () => {
  it('ranks no driver able to take it while the closing ends every shift before its last stop', async () => {
    const closing = await call('POST', '/api/closures', { as: 'admin', body: { name: '除夕', from: day.date, to: day.date, closesAt: '12:00' } });
    expect(closing.status).toBe(201);
    const ranked = await call('GET', `/api/routes/${draft.id}/driver-suggestions`, { as: 'office' });
    expect(ranked.status).toBe(200);
    expect(ranked.body.items.length).toBeGreaterThan(0);
    for (const s of ranked.body.items as Json[]) {
      expect(s.feasible).toBe(false);
      expect(s.problems).toContainEqual(expect.objectContaining({ code: 'SHIFT_TOO_SHORT', detail: expect.objectContaining({ shift: expect.objectContaining({ end: '12:00' }) }) }));
    }
    expect((await call('DELETE', `/api/closures/${closing.body.closure.id}`, { as: 'admin' })).status).toBe(204);
  });

  it('is refused to a driver whose shift the closing ends before its last stop, and given once the closing is lifted', async () => {
    const closing = await call('POST', '/api/closures', { as: 'admin', body: { name: '除夕', from: day.date, to: day.date, closesAt: '12:00' } });
    expect(closing.status).toBe(201);
    const refused = await call('POST', `/api/routes/${draft.id}/assign`, { as: 'office', body: { driverId: 'drv-1', vehicleId: 'veh-1' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ROUTE.ASSIGNMENT_IMPOSSIBLE');
    expect(refused.body.error.details.problems).toContainEqual(
      expect.objectContaining({ code: 'SHIFT_TOO_SHORT', detail: expect.objectContaining({ shift: { start: '08:00', end: '12:00' } }) }),
    );

    expect((await call('DELETE', `/api/closures/${closing.body.closure.id}`, { as: 'admin' })).status).toBe(204);
    const given = await call('POST', `/api/routes/${draft.id}/assign`, { as: 'office', body: { driverId: 'drv-1', vehicleId: 'veh-1' } });
    expect(given.status).toBe(200);
    expect((given.body as Json).driverId).toBe('drv-1');
  });
});
