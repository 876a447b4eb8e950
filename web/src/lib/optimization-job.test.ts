import type { UnassignedReason } from '../../../functions/src/optimizer/model';
import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';
import { ApiError } from './api-client';
import { isStale, JOB_ERRORS, jobErrorKey, type PlannedJob, type RemovedStops, runningPlanOf, stillLeftOut, travelTimesOf, UNASSIGNED_REASONS, unassignedReasonKey } from './optimization-job';
import type { DeliveryRoute } from './types';

type Messages = { [key: string]: string | Messages };
const lookup = (messages: Messages, path: string): string | Messages | undefined =>
  path.split('.').reduce<string | Messages | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), messages);

const at = Date.parse('2026-11-28T02:00:00Z');

describe('optimisation job staleness', () => {
  it('calls a running job stale once its heartbeat is older than 30 s', () => {
    const job = { id: 'j', status: 'running' as const, heartbeatAt: '2026-11-28T02:00:00Z' };
    expect(isStale(job, at + 29_000)).toBe(false);
    expect(isStale(job, at + 31_000)).toBe(true);
  });

  it('never calls a finished or queued job stale', () => {
    for (const status of ['succeeded', 'failed', 'cancelled', 'queued'] as const) {
      expect(isStale({ id: 'j', status, heartbeatAt: '2026-11-28T01:00:00Z' }, at)).toBe(false);
    }
  });
});

describe('travel times of an optimisation job', () => {
  it('tells road times from straight lines once the job succeeded', () => {
    expect(travelTimesOf({ id: 'j', status: 'succeeded', stats: { travelTimes: 'roads' } })).toBe('roads');
    expect(travelTimesOf({ id: 'j', status: 'succeeded', stats: { travelTimes: 'straight-line', travelTimesFallback: 'MAPS.UNAVAILABLE' } })).toBe('straight-line');
  });

  it('says nothing while the job runs or when an older job recorded none', () => {
    expect(travelTimesOf({ id: 'j', status: 'running', stats: { travelTimes: 'roads' } })).toBeNull();
    expect(travelTimesOf({ id: 'j', status: 'succeeded', stats: { iterations: 10 } })).toBeNull();
    expect(travelTimesOf({ id: 'j', status: 'succeeded' })).toBeNull();
  });
});

describe('the words of a failed job and of the orders it left out', () => {
  // Typed against the solver's own reasons: one added there fails the typecheck here until it has its words.
  const solverReasons: Record<UnassignedReason, true> = { SKILL_MISSING: true, CAPACITY: true, TIME_WINDOW_UNREACHABLE: true, NOT_PROFITABLE: true, NO_VEHICLE: true };
  // Left out before solving: unknown, no longer confirmed or held by a closure (optimize-routes.ts), no position (planning.ts); taken off a draft since (RemovedStops).
  const everyReason = [...Object.keys(solverReasons), 'NOT_FOUND', 'NOT_CONFIRMED', 'CLOSED_DAY', 'NO_LOCATION', 'REMOVED_FROM_ROUTE'];
  // What optimize-routes.ts records: its planning's refusals (no trucks, the depot gone, routes published meanwhile, another plan of the day took over), else OPTIMIZE.FAILED.
  const everyJobError = ['OPTIMIZE.NO_VEHICLES', 'DEPOT.NOT_FOUND', 'OPTIMIZE.ROUTES_PUBLISHED', 'OPTIMIZE.SUPERSEDED', 'OPTIMIZE.FAILED', 'STALE'];

  it('has words in both languages for every reason and code the planner records, none left over', () => {
    for (const messages of [zhTW, en] as Messages[]) {
      expect(everyReason.map((r) => typeof lookup(messages, unassignedReasonKey(r)))).toEqual(everyReason.map(() => 'string'));
      expect(everyJobError.map((c) => typeof lookup(messages, jobErrorKey(c)))).toEqual(everyJobError.map(() => 'string'));
    }
    expect([...UNASSIGNED_REASONS].sort()).toEqual([...everyReason].sort());
    expect([...JOB_ERRORS].sort()).toEqual([...everyJobError].sort());
  });

  it('names a code added on the server since, rather than showing nothing', () => {
    expect(unassignedReasonKey('DRIVER_ON_LEAVE')).toBe('routes.unassignedReasons.other');
    expect(jobErrorKey('MAPS.REJECTED')).toBe('routes.jobErrors.other');
    expect(zhTW.routes.jobErrors.other).toContain('{code}');
    expect(en.routes.unassignedReasons.other).toContain('{code}');
  });
});

describe('the orders a day’s plans left out (stillLeftOut)', () => {
  const job = (id: string, depotId: string, finishedAt: string, unassigned: { orderId: string; reason: string }[], status: PlannedJob['status'] = 'succeeded'): PlannedJob => ({
    id,
    status,
    request: { date: '2026-12-01', depotId },
    finishedAt,
    unassigned,
  });
  const confirmed = (id: string) => ({ id, status: 'confirmed' as const });

  it('are each depot’s latest finished plan’s, still confirmed, with why', () => {
    const jobs = [
      job('j-old', 'depot-a', '2026-11-30T10:00:00Z', [{ orderId: 'o-old', reason: 'CAPACITY' }]),
      job('j-new', 'depot-a', '2026-11-30T11:00:00Z', [{ orderId: 'o1', reason: 'CAPACITY' }, { orderId: 'o-routed', reason: 'NO_VEHICLE' }, { orderId: 'o-gone', reason: 'NO_LOCATION' }]),
      job('j-running', 'depot-a', '2026-11-30T12:00:00Z', [{ orderId: 'o-running', reason: 'CAPACITY' }], 'running'),
      job('j-b', 'depot-b', '2026-11-30T09:00:00Z', [{ orderId: 'o2', reason: 'TIME_WINDOW_UNREACHABLE' }]),
    ];
    const orders = [confirmed('o-old'), confirmed('o1'), { id: 'o-routed', status: 'scheduled' as const }, confirmed('o-running'), confirmed('o2')];
    expect(stillLeftOut(jobs, [], orders, [])).toEqual([
      { orderId: 'o2', reason: 'TIME_WINDOW_UNREACHABLE' },
      { orderId: 'o1', reason: 'CAPACITY' },
    ]);
  });

  const removedStops = (depotId: string, orders: { orderId: string; routeId: string; at: string }[]): RemovedStops => ({ id: `${depotId}_2026-12-01`, depotId, date: '2026-12-01', orders });
  const onRoute = (...orderIds: string[]) => ({ stops: orderIds.map((orderId) => ({ orderId })) as DeliveryRoute['stops'] });

  it('name every order taken off a draft, a plan behind it or not, while it is confirmed and on no route', () => {
    const removed = [
      removedStops('depot-a', [
        { orderId: 'o-hand', routeId: 'hand-1', at: '2026-11-30T10:00:00Z' },
        { orderId: 'o-moved-back', routeId: 'hand-1', at: '2026-11-30T10:01:00Z' },
        { orderId: 'o-cancelled', routeId: 'hand-1', at: '2026-11-30T10:02:00Z' },
      ]),
      removedStops('depot-b', [{ orderId: 'o-gone-plan', routeId: 'job-gone-1', at: '2026-11-30T09:00:00Z' }]),
    ];
    const orders = [confirmed('o-hand'), confirmed('o-moved-back'), { id: 'o-cancelled', status: 'cancelled' as const }, confirmed('o-gone-plan')];
    expect(stillLeftOut([], removed, orders, [onRoute('o-moved-back')])).toEqual([
      { orderId: 'o-gone-plan', reason: 'REMOVED_FROM_ROUTE' },
      { orderId: 'o-hand', reason: 'REMOVED_FROM_ROUTE' },
    ]);
  });

  it('say the later word where a plan and a removal name the same order', () => {
    const jobs = [job('j-a', 'depot-a', '2026-11-30T11:00:00Z', [{ orderId: 'o-again', reason: 'CAPACITY' }, { orderId: 'o-after', reason: 'NO_VEHICLE' }])];
    const removed = [
      removedStops('depot-a', [{ orderId: 'o-again', routeId: 'old-1', at: '2026-11-30T10:00:00Z' }]),
      removedStops('depot-b', [{ orderId: 'o-after', routeId: 'b-1', at: '2026-11-30T12:00:00Z' }]),
    ];
    expect(stillLeftOut(jobs, removed, [confirmed('o-again'), confirmed('o-after')], [])).toEqual([
      { orderId: 'o-again', reason: 'CAPACITY' },
      { orderId: 'o-after', reason: 'REMOVED_FROM_ROUTE' },
    ]);
  });
});

describe('the running plan a start was refused for (runningPlanOf)', () => {
  it('is the job to follow, who started it and when, from a 409 OPTIMIZE.PLAN_RUNNING only', () => {
    const details = { jobId: 'opt-1', startedBy: '王小美', startedAt: '2026-11-30T01:05:00.000Z', time: '09:05' };
    expect(runningPlanOf(new ApiError(409, 'OPTIMIZE.PLAN_RUNNING', 'busy', [], details))).toEqual({ jobId: 'opt-1', startedBy: '王小美', time: '09:05' });
    expect(runningPlanOf(new ApiError(409, 'OPTIMIZE.NOT_RERUNNABLE', 'no', [], details))).toBeNull();
    expect(runningPlanOf(new ApiError(409, 'OPTIMIZE.PLAN_RUNNING', 'busy'))).toBeNull();
    expect(runningPlanOf(new Error('offline'))).toBeNull();
  });
});
