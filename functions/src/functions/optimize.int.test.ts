import { startRoutesServer, type LocalRoutesServer } from '../adapters/maps/test-support/routes-server';
import { startTestStack, type TestStack } from '../local/test-support';
import { instantAt, PLAN_TIMEOUT_MS, STALE_AFTER_MS } from '../domain/routes';
import { addDays } from '../domain/calendar';
import { aConfirmedOrder, aTimedStop } from '../domain/routes/test-support/fleet-mother';
import { apiClient, PRINCIPALS, type Json } from './test-support/api-client';
import { runOptimization } from './optimize-routes';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let routesApi: LocalRoutesServer;
const day = planningDay();
const night = aConfirmedOrder('ord-night', day.customers[1]!, day.date, { timeWindow: { start: '03:00', end: '04:00' } });

beforeAll(async () => {
  // No Maps key: the Routes API stand-in is there only to show it is never asked.
  routesApi = await startRoutesServer('unused-key');
  stack = await startTestStack({
    suite: 'optimize',
    subscriptions: [{ consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 }],
    overrides: { maps: { apiBase: routesApi.baseUrl, geocodingApiBase: routesApi.baseUrl } },
  });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day, { orders: [night] });
});
afterAll(async () => {
  await stack.close();
  await routesApi.stop();
});

const jobDoc = async (id: string): Promise<Json> => (await stack.container.db.collection('optimizationJobs').doc(id).get()).data() as Json;
const finished = (id: string, status = 'succeeded') => eventually(async () => {
  const j = await jobDoc(id);
  return j.status === status ? j : null;
}, 25_000);
const draftsOf = async (jobId: string) => (await stack.container.db.collection('routes').where('jobId', '==', jobId).get()).docs.map((d) => d.data() as Json);

describe('POST /api/optimize', () => {
  it('refuses drivers and customers, and explains bad input', async () => {
    const body = { date: day.date, depotId: day.depot.id, timeLimitSeconds: 5 };
    expect((await call('POST', '/api/optimize', { as: 'driver1', body })).status).toBe(403);
    expect((await call('POST', '/api/optimize', { as: 'customerA', body })).status).toBe(403);
    const unknownDepot = await call('POST', '/api/optimize', { as: 'office', body: { ...body, depotId: 'depot-x' } });
    expect([unknownDepot.status, unknownDepot.body.error.code]).toEqual([404, 'DEPOT.NOT_FOUND']);
    const noOrders = await call('POST', '/api/optimize', { as: 'office', body: { ...body, date: '2030-01-01' } });
    expect([noOrders.status, noOrders.body.error.code]).toEqual([400, 'OPTIMIZE.NO_ORDERS']);
    const tooShort = await call('POST', '/api/optimize', { as: 'office', body: { ...body, timeLimitSeconds: 1 } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.fields[0].path).toBe('body.timeLimitSeconds');
  });

  it('plans in the background: progress while running, then drafts covering every order and the impossible one left out', async () => {
    const started = await call('POST', '/api/optimize', { as: 'office', body: { date: day.date, depotId: day.depot.id, timeLimitSeconds: 5 } });
    expect(started.status).toBe(202);
    const { jobId } = started.body;
    const queued = await jobDoc(jobId);
    expect(queued.request.orderIds.sort()).toEqual([...day.orders.map((o) => o.id), night.id].sort());
    const running = await eventually(async () => {
      const j = await jobDoc(jobId);
      return j.status === 'running' && j.progress ? j : null;
    });
    expect(running.progress.share).toBeLessThan(1);
    const done = await finished(jobId);
    expect(done.unassigned).toEqual([{ orderId: 'ord-night', reason: 'TIME_WINDOW_UNREACHABLE' }]);
    // Without a Maps key the plan is on straight lines, and the Routes API is never asked.
    expect(done.stats.travelTimes).toBe('straight-line');
    expect(routesApi.headers).toEqual([]);
    const view = await call('GET', `/api/optimize/${jobId}`, { as: 'office' });
    expect(view.body).toMatchObject({ status: 'succeeded', progress: { share: 1 } });
    const drafts = await draftsOf(jobId);
    expect(drafts.map((r) => r.id).sort()).toEqual([...view.body.routeIds].sort());
    expect(drafts.flatMap((r) => r.stops.map((s: Json) => s.orderId)).sort()).toEqual(day.orders.map((o) => o.id).sort());
    // The 50 kg order needs drv-1's skill, so it rides on drv-1's truck.
    expect(drafts.find((r) => r.stops.some((s: Json) => s.orderId === 'ord-1'))?.driverId).toBe('drv-1');

    // A run that died midway: its heartbeat goes stale, callers see it failed, and a rerun replaces its own drafts.
    await stack.container.db.collection('optimizationJobs').doc(jobId).update({ status: 'running', heartbeatAt: new Date(Date.now() - 60_000).toISOString() });
    expect((await call('GET', `/api/optimize/${jobId}`, { as: 'office' })).body).toMatchObject({ status: 'failed', error: 'STALE' });
    expect((await call('POST', `/api/optimize/${jobId}/rerun`, { as: 'office' })).status).toBe(202);
    await eventually(async () => ((await jobDoc(jobId)).status === 'running' ? true : null));
    const again = await finished(jobId);
    expect(again.attempt).toBe(2);
    const redrafted = await draftsOf(jobId);
    expect(redrafted.map((r) => r.id).sort()).toEqual(drafts.map((r) => r.id).sort());
    expect((await call('POST', `/api/optimize/${jobId}/rerun`, { as: 'office' })).status).toBe(409);
  }, 40_000);

  it('takes over a run that died moments ago, though Pub/Sub brings its request back before the heartbeat is stale', async () => {
    const { body } = await call('POST', '/api/optimize', { as: 'office', body: { date: day.date, depotId: day.depot.id, orderIds: ['ord-2', 'ord-3'], timeLimitSeconds: 5 } });
    const first = await finished(body.jobId);
    const job = stack.container.db.collection('optimizationJobs').doc(body.jobId);
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    // The dead runner's last heartbeat is 3 s short of stale when the redelivery arrives.
    await job.update({ status: 'running', runId: 'dead-run', heartbeatAt: ago(STALE_AFTER_MS - 3000) });
    await runOptimization(stack.container, body.jobId);
    expect(await jobDoc(body.jobId)).toMatchObject({ status: 'succeeded', attempt: first.attempt + 1 });

    // A live runner keeps beating: the redelivery waits, sees the heartbeat move and leaves the job to it.
    await job.update({ status: 'running', runId: 'live-run', heartbeatAt: ago(STALE_AFTER_MS - 2000) });
    let beating: NodeJS.Timeout | undefined;
    const beats = setTimeout(() => {
      beating = setInterval(() => void job.update({ heartbeatAt: new Date().toISOString() }), 500);
    }, 1500);
    try {
      await runOptimization(stack.container, body.jobId);
    } finally {
      clearTimeout(beats);
      clearInterval(beating);
    }
    expect(await jobDoc(body.jobId)).toMatchObject({ status: 'running', runId: 'live-run', attempt: first.attempt + 1 });
    // The stand-in runner is gone; left running, its job would hold the day's plan lock for the tests after.
    await job.update({ status: 'succeeded' });
  }, 60_000);

  it('stops a running job on request and keeps no drafts', async () => {
    const { body } = await call('POST', '/api/optimize', { as: 'admin', body: { date: day.date, depotId: day.depot.id, orderIds: ['ord-2', 'ord-3'], timeLimitSeconds: 120 } });
    await eventually(async () => ((await jobDoc(body.jobId)).status === 'running' ? true : null));
    const asked = await call('POST', `/api/optimize/${body.jobId}/cancel`, { as: 'office' });
    expect(asked.status).toBe(200);
    const t0 = Date.now();
    await finished(body.jobId, 'cancelled');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await draftsOf(body.jobId)).toEqual([]);
  }, 30_000);

  it('refuses orders that are not confirmed orders of the date', async () => {
    const res = await call('POST', '/api/optimize', { as: 'office', body: { date: '2030-01-02', depotId: day.depot.id, orderIds: ['ord-2'] } });
    expect([res.status, res.body.error.code]).toEqual([400, 'OPTIMIZE.ORDERS_NOT_PLANNABLE']);
  });

  it('plans a late order after publishing on a truck that is free, and its draft publishes', async () => {
    // drv-1 is out with veh-1 the whole shift on a route given out earlier (the day's other plans are drafts).
    const at = new Date().toISOString();
    const out = { id: 'route-out', date: day.date, depotId: day.depot.id, driverId: 'drv-1', vehicleId: 'veh-1', status: 'published', stops: [], distanceKm: 0, durationMin: 540 };
    await stack.container.db.collection('routes').doc(out.id).set({ ...out, startsAt: instantAt(day.date, 8 * 60), endsAt: instantAt(day.date, 17 * 60), violations: [], createdAt: at, updatedAt: at, version: 1 });
    const { body } = await call('POST', '/api/optimize', { as: 'office', body: { date: day.date, depotId: day.depot.id, orderIds: ['ord-2', 'ord-3'], timeLimitSeconds: 5 } });
    const done = await finished(body.jobId);
    expect(done.unassigned).toEqual([]);
    const drafts = await draftsOf(body.jobId);
    expect(drafts.map((r) => [r.vehicleId, r.driverId])).toEqual([['veh-2', 'drv-2']]);
    const published = await call('POST', `/api/routes/${drafts[0]!.id}/publish`, { as: 'office' });
    expect([published.status, published.body.status]).toEqual([200, 'published']);
  }, 30_000);

  it("planning a depot again replaces its earlier drafts of the day; another depot's, another day's and routes given out stay", async () => {
    const date = addDays(day.date, 1);
    const db = stack.container.db;
    const orders = [2, 3, 4].map((k) => aConfirmedOrder(`ord-again-${k}`, day.customers[k - 1]!, date));
    const at = new Date().toISOString();
    const route = (id: string, over: Json) => ({ id, date, depotId: 'depot-b', status: 'draft', distanceKm: 1, durationMin: 60, violations: [], createdAt: at, updatedAt: at, version: 1, ...over });
    const eta = instantAt(date, 9 * 60);
    const seeded = [
      route('zh-apart', { jobId: 'opt-zh', stops: [aTimedStop('ord-zh-1', eta)] }),
      // 中和's plan holds an order the office named into this depot's plan: only that stop comes off.
      route('zh-shared', { jobId: 'opt-zh', stops: [{ ...aTimedStop('ord-again-4', eta), customerId: 'cust-4' }, aTimedStop('ord-zh-2', eta, 2)] }),
      route('given-out', { depotId: day.depot.id, status: 'published', driverId: 'drv-1', vehicleId: 'veh-1', stops: [aTimedStop('ord-out', eta)], startsAt: instantAt(date, 8 * 60), endsAt: instantAt(date, 8 * 60 + 30) }),
    ];
    const batch = db.batch();
    for (const o of orders) batch.set(db.collection('orders').doc(o.id), { ...o, version: 1 });
    for (const r of seeded) batch.set(db.collection('routes').doc(r.id), r);
    await batch.commit();
    const otherDay = async () => (await db.collection('routes').where('date', '==', day.date).get()).docs.map((d) => d.data()).sort((a, b) => a.id.localeCompare(b.id));
    const before = await otherDay();
    const routesOfDate = async () => new Map((await db.collection('routes').where('date', '==', date).get()).docs.map((d) => [d.id, d.data() as Json]));
    const planDepot = async (body: Json) => (await call('POST', '/api/optimize', { as: 'office', body: { date, depotId: day.depot.id, timeLimitSeconds: 5, ...body } })).body.jobId as string;

    const first = await planDepot({});
    await finished(first);
    const firstDrafts = (await draftsOf(first)).map((r) => r.id).sort();
    expect(firstDrafts.length).toBeGreaterThan(0);
    const second = await planDepot({ orderIds: orders.map((o) => o.id) });
    await finished(second);
    const expectOnlySecond = async () => {
      const routes = await routesOfDate();
      const mine = (await draftsOf(second)).map((r) => r.id);
      expect(mine.length).toBeGreaterThan(0);
      expect([...routes.keys()].sort()).toEqual([...mine, 'given-out', 'zh-apart', 'zh-shared'].sort());
      const held = [...routes.values()].flatMap((r) => r.stops.map((s: Json) => s.orderId)).sort();
      expect(held).toEqual([...orders.map((o) => o.id), 'ord-out', 'ord-zh-1', 'ord-zh-2'].sort());
      expect(routes.get('given-out')).toEqual(seeded[2]);
      expect(routes.get('zh-apart')).toEqual(seeded[0]);
      expect(routes.get('zh-shared')).toMatchObject({ status: 'draft', version: 2, stops: [{ orderId: 'ord-zh-2', seq: 1 }] });
      expect(await otherDay()).toEqual(before);
      return routes;
    };
    const planned = await expectOnlySecond();
    // The first plan's record names no draft that is gone: they are listed as replaced, by the second plan.
    const replaced = await jobDoc(first);
    expect([replaced.status, replaced.routeIds, [...(replaced.replacedRouteIds ?? [])].sort(), replaced.replacedBy]).toEqual(['succeeded', [], firstDrafts, second]);
    expect((await call('GET', `/api/optimize/${first}`, { as: 'office' })).body).toMatchObject({ routeIds: [], replacedBy: second });
    const removedEvents = await db.collection('outbox').where('event.type', '==', 'route.stop_removed').where('event.subject', '==', 'routes/zh-shared').get();
    expect(removedEvents.docs.map((d) => d.data().event.data)).toEqual([{ routeId: 'zh-shared', orderId: 'ord-again-4', jobId: first }]);

    // A redelivered request of the finished job changes nothing; a run taken over replaces its own drafts and keeps them.
    await runOptimization(stack.container, second);
    expect(await routesOfDate()).toEqual(planned);
    const job = db.collection('optimizationJobs').doc(second);
    await job.update({ status: 'running', runId: 'dead-run', heartbeatAt: new Date(Date.now() - 60_000).toISOString() });
    await runOptimization(stack.container, second);
    expect(await jobDoc(second)).toMatchObject({ status: 'succeeded', attempt: 2 });
    const retaken = await expectOnlySecond();
    expect([...retaken.keys()].sort()).toEqual([...planned.keys()].sort());
  }, 60_000);

  describe('one plan of a depot and day at a time', () => {
    const date = addDays(day.date, 2);
    const orders = [1, 2, 3].map((k) => aConfirmedOrder(`ord-once-${k}`, day.customers[k]!, date));
    const nextDay = aConfirmedOrder('ord-once-next', day.customers[4]!, addDays(date, 1));
    const db = () => stack.container.db;
    const body = { date, depotId: day.depot.id, orderIds: orders.map((o) => o.id), timeLimitSeconds: 5 };
    const lockDoc = () => db().collection('planLocks').doc(`${day.depot.id}_${date}`);
    beforeAll(async () => {
      const batch = db().batch();
      for (const o of [...orders, nextDay]) batch.set(db().collection('orders').doc(o.id), { ...o, version: 1 });
      batch.set(db().collection('depots').doc('depot-north'), { ...day.depot, id: 'depot-north' });
      batch.set(db().collection('users').doc(PRINCIPALS.office.uid), { id: PRINCIPALS.office.uid, displayName: '王小美', role: 'office' });
      await batch.commit();
    });

    it('accepts exactly one of three starts at once; the others are told who is planning since when; other depots and days plan alongside', async () => {
      const [a, b, c] = await Promise.all([call('POST', '/api/optimize', { as: 'office', body }), call('POST', '/api/optimize', { as: 'admin', body }), call('POST', '/api/optimize', { as: 'admin', body })]);
      expect([a.status, b.status, c.status].sort()).toEqual([202, 409, 409]);
      const won = [a, b, c].find((r) => r.status === 202)!;
      const lost = [a, b, c].find((r) => r.status === 409)!;
      for (const refused of [a, b, c].filter((r) => r !== won)) {
        expect(refused.body.error).toMatchObject({ code: 'OPTIMIZE.PLAN_RUNNING', details: { jobId: won.body.jobId } });
      }
      const lock = (await lockDoc().get()).data() as Json;
      expect(lock).toMatchObject({ jobId: won.body.jobId });
      const time = new Date(Date.parse(lock.startedAt) + 8 * 3600_000).toISOString().slice(11, 16);
      expect(lost.body.error.message).toContain(time);
      // Started while the first is still in flight, in the caller's language and naming the office's clerk.
      const again = await call('POST', '/api/optimize', { as: 'admin', body, lang: 'zh-TW' });
      if (won === a) expect(again.body.error.message).toBe(`王小美 已於 ${time} 開始排此營業所這一天的路線，尚未完成；請等它完成後再排。`);
      else expect(again.body.error.code).toBe('OPTIMIZE.PLAN_RUNNING');
      const otherDay = await call('POST', '/api/optimize', { as: 'office', body: { ...body, date: nextDay.requestedDate, orderIds: [nextDay.id] } });
      expect(otherDay.status).toBe(202);
      // The north depot has no truck of its own: its plan starts, then fails for want of one.
      const otherDepot = await call('POST', '/api/optimize', { as: 'office', body: { ...body, depotId: 'depot-north' } });
      expect(otherDepot.status).toBe(202);
      await finished(won.body.jobId);
      await finished(otherDay.body.jobId);
      // Finished: the next plan of the day starts.
      const next = await call('POST', '/api/optimize', { as: 'admin', body });
      expect(next.status).toBe(202);
      await finished(next.body.jobId);
    }, 60_000);

    it('is not blocked by a plan whose runner died or that outlived the function timeout; the dead one never runs after', async () => {
      const dead = await call('POST', '/api/optimize', { as: 'office', body });
      await finished(dead.body.jobId);
      const deadJob = db().collection('optimizationJobs').doc(dead.body.jobId);
      // Its runner went quiet mid-plan.
      await deadJob.update({ status: 'running', runId: 'dead-run', heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 5000).toISOString() });
      const taken = await call('POST', '/api/optimize', { as: 'admin', body });
      expect(taken.status).toBe(202);
      // Pub/Sub brings the dead one's request back: it fails rather than plan over the new one.
      await runOptimization(stack.container, dead.body.jobId);
      expect(await jobDoc(dead.body.jobId)).toMatchObject({ status: 'failed', error: 'OPTIMIZE.SUPERSEDED' });
      await finished(taken.body.jobId);
      expect((await draftsOf(taken.body.jobId)).length).toBeGreaterThan(0);

      // A plan queued longer ago than optimizeRoutes may run (its request lost) no longer counts either.
      const lost = db().collection('optimizationJobs').doc(taken.body.jobId);
      await lost.update({ status: 'queued' });
      const blocked = await call('POST', '/api/optimize', { as: 'office', body });
      expect(blocked.body.error?.code).toBe('OPTIMIZE.PLAN_RUNNING');
      // A rerun is refused alike, naming the plan in flight for the page to follow, and nothing an office cannot read.
      const rerunBlocked = await call('POST', `/api/optimize/${dead.body.jobId}/rerun`, { as: 'office' });
      expect([rerunBlocked.status, rerunBlocked.body.error?.code, rerunBlocked.body.error?.details?.jobId]).toEqual([409, 'OPTIMIZE.PLAN_RUNNING', taken.body.jobId]);
      expect(Object.keys(rerunBlocked.body.error.details).sort()).toEqual(['jobId', 'startedAt', 'startedBy', 'time']);
      await lockDoc().update({ startedAt: new Date(Date.now() - PLAN_TIMEOUT_MS - 1000).toISOString() });
      const after = await call('POST', '/api/optimize', { as: 'office', body });
      expect(after.status).toBe(202);
      await finished(after.body.jobId);
      // A rerun of the old one waits its turn like a new start, and takes the lock once free.
      await lost.update({ status: 'failed' });
      const rerun = await call('POST', `/api/optimize/${taken.body.jobId}/rerun`, { as: 'office' });
      expect(rerun.status).toBe(202);
      expect((await lockDoc().get()).data()).toMatchObject({ jobId: taken.body.jobId });
      await finished(taken.body.jobId);
    }, 90_000);
  });
});
