import { startTestStack, type TestStack } from '../local/test-support';
import { instantAt } from '../domain/routes';
import { aConfirmedOrder } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { planAndWait, planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * 延長工時 on the emulators: an admin keeps a depot's drivers past their 08:00–17:00 shift, and its 07:00–18:00 yard open,
 * for a day, so planning serves an evening order it otherwise leaves out and the route ending after 18:00 is published;
 * without the overtime, publishing it is refused as a shift too short. The planning day is three days ahead, so any hour
 * of the run will do.
 */

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const evening = aConfirmedOrder('ord-evening', day.customers[2]!, day.date, { timeWindow: { start: '18:15', end: '18:45' } });
const coldWave = { depotId: day.depot.id, from: day.date, to: day.date, end: '19:00', reason: '寒流' };

beforeAll(async () => {
  stack = await startTestStack({
    suite: 'optimize-overtime',
    subscriptions: [{ consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 }],
  });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...day, depot: { ...day.depot, hours: { start: '07:00', end: '18:00' } } }, { orders: [evening] });
});
afterAll(() => stack.close());

const plan = () => planAndWait(call, stack.container.db, { date: day.date, depotId: day.depot.id, timeLimitSeconds: 5 });

describe('延長工時 (POST/GET/DELETE /api/fleet/overtimes)', () => {
  it('is set and removed by an admin only, read by the office, and refused in the caller’s language when it makes no working day', async () => {
    expect((await call('POST', '/api/fleet/overtimes', { as: 'office', body: coldWave })).status).toBe(403);
    expect((await call('GET', '/api/fleet/overtimes', { as: 'driver1' })).status).toBe(403);

    const tooLong = await call('POST', '/api/fleet/overtimes', { as: 'admin', lang: 'zh-TW', body: { ...coldWave, to: '2099-12-31' } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'REQUEST.VALIDATION', fields: [{ path: 'body.to', message: '結束日不可早於開始日，且最多 14 天' }] });
    const beforeStart = await call('POST', '/api/fleet/overtimes', { as: 'admin', lang: 'en', body: { ...coldWave, end: '07:30' } });
    expect(beforeStart.status).toBe(400);
    expect(beforeStart.body.error).toMatchObject({ code: 'OVERTIME.END_BEFORE_START', message: "The new end of the day must be after the drivers' shift starts", fields: [{ path: 'body.end' }], details: { driverIds: ['drv-1', 'drv-2'] } });
    const stranger = await call('POST', '/api/fleet/overtimes', { as: 'admin', body: { ...coldWave, driverIds: ['drv-elsewhere'] } });
    expect(stranger.body.error).toMatchObject({ code: 'OVERTIME.NO_DRIVERS', fields: [{ path: 'body.driverIds', message: '這個站點沒有這些司機' }], details: { driverIds: ['drv-elsewhere'] } });

    const added = await call('POST', '/api/fleet/overtimes', { as: 'admin', key: 'ot-roles', body: coldWave });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ ...coldWave, driverIds: [], createdBy: { uid: 'u-admin', role: 'admin' } });
    expect((await call('GET', '/api/fleet/overtimes', { as: 'office' })).body.items).toEqual([added.body]);
    expect((await call('DELETE', `/api/fleet/overtimes/${added.body.id}`, { as: 'office' })).status).toBe(403);
    expect((await call('DELETE', `/api/fleet/overtimes/${added.body.id}`, { as: 'admin' })).status).toBe(204);
    expect((await call('DELETE', `/api/fleet/overtimes/${added.body.id}`, { as: 'admin' })).body.error.code).toBe('OVERTIME.NOT_FOUND');
    expect((await call('GET', '/api/fleet/overtimes', { as: 'office' })).body.items).toEqual([]);
  });

  it('lets a planned route end after the regular shift only within it: the evening order is served and published, refused once it is removed', async () => {
    const regular = await plan();
    expect(regular.job.unassigned).toContainEqual(expect.objectContaining({ orderId: 'ord-evening' }));
    for (const route of regular.routes) expect(route.endsAt <= instantAt(day.date, 17 * 60)).toBe(true);

    const overtime = await call('POST', '/api/fleet/overtimes', { as: 'admin', key: 'ot-plan', body: coldWave });
    expect(overtime.status).toBe(201);
    const longer = await plan();
    expect(longer.job.unassigned).toEqual([]);
    const late = longer.routes.find((r) => (r.stops as Json[]).some((s) => s.orderId === 'ord-evening')) as Json;
    expect(late.endsAt > instantAt(day.date, 18 * 60)).toBe(true);
    expect(late.endsAt <= instantAt(day.date, 19 * 60)).toBe(true);

    expect((await call('DELETE', `/api/fleet/overtimes/${overtime.body.id}`, { as: 'admin' })).status).toBe(204);
    const refused = await call('POST', `/api/routes/${late.id}/publish`, { as: 'office' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.problems).toContainEqual(expect.objectContaining({ code: 'SHIFT_TOO_SHORT' }));

    expect((await call('POST', '/api/fleet/overtimes', { as: 'admin', key: 'ot-again', body: coldWave })).status).toBe(201);
    const published = await call('POST', `/api/routes/${late.id}/publish`, { as: 'office' });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
  }, 90_000);
});
