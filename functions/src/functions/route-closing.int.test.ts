import { startTestStack, type TestStack } from '../local/test-support';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * A route of a day closing early (提早收工) on the emulators, planned before the closing was set: giving it to a driver
 * times it against the closing, so a stop after it is a shift too short (the checks hand-overs and publishing make too);
 * a closing of some districts holds the stops there instead, as planning does.
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
// A route of another plan whose last stop, in 信義區, comes after an afternoon one in 中和區: a typhoon there from 14:00 holds it.
const xinyi = aNearbyCustomer('cust-xinyi', 6, { address: { city: '臺北市', district: '信義區', road: '松仁路', number: '100' } });
const beforeStorm = aConfirmedOrder('ord-zhonghe-pm', day.customers[2]!, day.date, { timeWindow: { start: '14:00', end: '16:00' } });
const inStorm = aConfirmedOrder('ord-xinyi', xinyi, day.date);
const stormDraft = aDraftRoute({
  id: 'job-storm-1',
  jobId: 'job-storm',
  date: day.date,
  vehicle: day.vehicles[0]!,
  driver: day.drivers[0]!,
  stops: [{ order: beforeStorm, customer: day.customers[2]! }, { order: inStorm, customer: xinyi }],
});
const typhoon = { name: '颱風', from: day.date, to: day.date, districts: ['信義區'], closesAt: '14:00' };

beforeAll(async () => {
  stack = await startTestStack({ suite: 'route-closing', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day, { customers: [xinyi], orders: [afternoon, beforeStorm, inStorm] });
  await stack.container.db.collection('routes').doc(draft.id).set({ ...draft, version: 1 });
  await stack.container.db.collection('routes').doc(stormDraft.id).set({ ...stormDraft, version: 1 });
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

describe('a route with a stop in a district closing early', () => {
  const lateStop = expect.objectContaining({ code: 'TIME_WINDOW', detail: expect.objectContaining({ orderId: inStorm.id, windowEnd: '14:00', closure: '颱風' }) });
  const withTyphoon = async <T>(run: () => Promise<T>): Promise<T> => {
    const closing = await call('POST', '/api/closures', { as: 'admin', body: typhoon });
    expect(closing.status).toBe(201);
    try {
      return await run();
    } finally {
      expect((await call('DELETE', `/api/closures/${closing.body.closure.id}`, { as: 'admin' })).status).toBe(204);
    }
  };
  const stored = async (id: string) => (await stack.container.db.collection('routes').doc(id).get()).data() as Json;

  it('is not given to a driver while that stop comes after the closing, nothing written, and is once it is lifted', async () => {
    await withTyphoon(async () => {
      const refused = await call('POST', `/api/routes/${stormDraft.id}/assign`, { as: 'office', body: { driverId: 'drv-1', vehicleId: 'veh-1' }, lang: 'en' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('ROUTE.ASSIGNMENT_IMPOSSIBLE');
      expect(refused.body.error.message).toBe('This driver or vehicle cannot take the route; see the reasons.');
      expect(refused.body.error.details.problems).toEqual([lateStop]);
      expect((await stored(stormDraft.id)).version).toBe(1);
      const ranked = await call('GET', `/api/routes/${stormDraft.id}/driver-suggestions`, { as: 'office' });
      for (const s of ranked.body.items as Json[]) expect(s.problems).toContainEqual(lateStop);
    });
    expect((await call('POST', `/api/routes/${stormDraft.id}/assign`, { as: 'office', body: { driverId: 'drv-1', vehicleId: 'veh-1' } })).status).toBe(200);
  });

  it('says that stop is late once moved after the closing, and not once moved before it', async () => {
    await withTyphoon(async () => {
      const last = await call('POST', `/api/routes/${stormDraft.id}/move-stop`, { as: 'office', body: { orderId: inStorm.id, toIndex: 1 } });
      expect(last.status).toBe(200);
      expect(last.body.violations).toContainEqual(expect.objectContaining({ code: 'TIME_WINDOW', stopId: inStorm.id }));
      const first = await call('POST', `/api/routes/${stormDraft.id}/move-stop`, { as: 'office', body: { orderId: inStorm.id, toIndex: 0 } });
      expect(first.body.violations).toEqual([]);
      const back = await call('POST', `/api/routes/${stormDraft.id}/move-stop`, { as: 'office', body: { orderId: inStorm.id, toIndex: 1 } });
      expect(back.status).toBe(200);
    });
  });

  it('is not published while that stop comes after the closing, its orders left confirmed, nor handed over once published', async () => {
    await withTyphoon(async () => {
      const refused = await call('POST', `/api/routes/${stormDraft.id}/publish`, { as: 'office', lang: 'zh-TW' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('ROUTE.ASSIGNMENT_IMPOSSIBLE');
      expect(refused.body.error.message).toBe('此司機或車輛無法負責這條路線，原因見明細。');
      expect(refused.body.error.details.problems).toEqual([lateStop]);
      expect((await stored(stormDraft.id)).status).toBe('draft');
      expect(((await stack.container.db.collection('orders').doc(inStorm.id).get()).data() as Json).status).toBe('confirmed');
    });
    expect((await call('POST', `/api/routes/${stormDraft.id}/publish`, { as: 'office' })).status).toBe(200);

    await withTyphoon(async () => {
      const before = await stored(stormDraft.id);
      const refused = await call('POST', `/api/routes/${stormDraft.id}/hand-over`, { as: 'office', body: { driverId: 'drv-2' } });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('ROUTE.ASSIGNMENT_IMPOSSIBLE');
      expect(refused.body.error.details.problems).toContainEqual(lateStop);
      expect(await stored(stormDraft.id)).toEqual(before);
    });
  });

  it('once published, is handed over on the shift a closing of the whole company leaves the new driver, as 指派 judges it', async () => {
    const closing = await call('POST', '/api/closures', { as: 'admin', body: { name: '除夕', from: day.date, to: day.date, closesAt: '12:00' } });
    expect(closing.status).toBe(201);
    const refused = await call('POST', `/api/routes/${stormDraft.id}/hand-over`, { as: 'office', body: { driverId: 'drv-2' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.problems).toContainEqual(
      expect.objectContaining({ code: 'SHIFT_TOO_SHORT', detail: expect.objectContaining({ shift: expect.objectContaining({ end: '12:00' }) }) }),
    );
    expect((await call('DELETE', `/api/closures/${closing.body.closure.id}`, { as: 'admin' })).status).toBe(204);
  });
});
