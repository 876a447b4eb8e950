import { cloudEvent } from '@google-cloud/functions-framework';
import type { Firestore } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { container, type Container } from '../adapters/container';
import { loadClosures, loadEarlyClosings } from '../adapters/firestore/closure-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreOvertimeStore } from '../adapters/firestore/overtime-store';
import { firestoreJobStore, JOBS, PLAN_LOCKS, type JobStore } from '../adapters/firestore/job-store';
import { firestoreRouteStore, ROUTES } from '../adapters/firestore/route-store';
import type { PlanningMatrix } from '../adapters/maps/route-matrix';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import { solveInThread } from '../adapters/threads/solve-in-thread';
import { companyClosures, heldByClosure } from '../domain/closures';
import type { Customer } from '../domain/customers';
import { conflict, DomainError, invalid } from '../domain/errors';
import { buildEvent, type Actor } from '../domain/events';
import type { Order } from '../domain/orders';
import {
  claimPlan,
  depotDayId,
  driverOfVehicle,
  draftRoutes,
  firstDeparture,
  holdsPlanLock,
  OPTIMIZATION_REQUESTED,
  planningProblem,
  planningVehicles,
  shiftOn,
  stopClosingsOn,
  yardOn,
  ROUTE_EVENTS,
  supersededDrafts,
  supersededJob,
  withReplacedDrafts,
  untilStale,
  type ClaimDecision,
  type JobProgress,
  type OptimizationJob,
  type PlanLock,
  type Route,
  type Unassigned,
} from '../domain/routes';
import type { Progress, Solution } from '../optimizer/model';
import type { TravelMatrix } from '../optimizer/travel-matrix';
import { travelOver } from './use-cases/route-travel';

export const OPTIMIZE_ROUTES = 'optimizeRoutes';
const SYSTEM: Actor = { uid: OPTIMIZE_ROUTES, role: 'system' };
/** Progress, heartbeat and the cancellation check share one beat. */
const BEAT_MS = 1000;
const SEED = 1;

async function getMany<T>(db: Firestore, collection: string, ids: readonly string[]): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const snaps = await db.getAll(...ids.map((id) => db.collection(collection).doc(id)));
  return new Map(snaps.filter((s) => s.exists).map((s) => [s.id, s.data() as T]));
}

const progressOf = (p: Progress): JobProgress => ({
  share: Math.round(p.share * 1000) / 1000,
  bestCost: Number.isFinite(p.cost) ? Math.round(p.cost) : null,
  elapsedMs: Math.round(p.elapsedMs),
});

/** Loads what the job plans with; orders that are no longer plannable are left out with a reason. */
async function loadInputs(c: Container, job: OptimizationJob) {
  const fleet = firestoreFleetStore(c.db);
  const { request } = job;
  const [yard, allVehicles, regularDrivers, orders, dayRoutes, closures, earlyClosings, overtimes] = await Promise.all([
    fleet.depot(request.depotId),
    fleet.vehicles(),
    fleet.drivers(),
    getMany<Order>(c.db, 'orders', request.orderIds),
    firestoreRouteStore(c.db, c.publisher).ofDate(request.date),
    loadClosures(c.db, request.date),
    loadEarlyClosings(c.db, request.date),
    firestoreOvertimeStore(c.db).endingOnOrAfter(request.date),
  ]);
  // 延長工時 keeps its drivers (and the yard for them) until its end; 提早收工 of the whole company ends every shift at the
  // closing, so what no longer fits is left out as unassigned.
  const days = { closings: companyClosures(earlyClosings), overtimes, vehicles: allVehicles };
  const drivers = regularDrivers.map((d) => shiftOn(d, request.date, days));
  // Published ones hold their trucks and drivers; drafts of other plans hold nothing, as at publishing (`rivalsOf`).
  const committed = dayRoutes.filter((r) => r.status !== 'draft');
  const vehicles = planningVehicles(request.vehicleIds, yard.id, allVehicles, drivers);
  if (vehicles.length === 0) throw invalid('OPTIMIZE.NO_VEHICLES', `No truck with a driver at ${yard.id}`);
  const depot = yardOn(yard, request.date, vehicles.flatMap((v) => driverOfVehicle(drivers, v.id) ?? []), days);
  const skipped: Unassigned[] = [];
  const plannable: Order[] = [];
  for (const id of request.orderIds) {
    const order = orders.get(id);
    if (!order) skipped.push({ orderId: id, reason: 'NOT_FOUND' });
    else if (order.status !== 'confirmed') skipped.push({ orderId: id, reason: 'NOT_CONFIRMED' });
    // A day called off plans only what staff deliver through it anyway (緊急配送); the rest wait to be moved off it.
    else if (heldByClosure(closures, order)) skipped.push({ orderId: id, reason: 'CLOSED_DAY' });
    else plannable.push(order);
  }
  const customers = await getMany<Customer>(c.db, 'customers', [...new Set(plannable.map((o) => o.customerId))]);
  // 提早收工 of some districts: their stops are served by the closing, while the trucks go on elsewhere.
  const closings = new Map([...stopClosingsOn(plannable, earlyClosings, request.date)].map(([id, at]) => [id, at.closesAt] as const));
  return { depot, vehicles, drivers, orders: plannable, customers, committed, skipped, closings };
}

/** What the beat shares with the planning steps: the latest progress, and how to stop the search once asked. */
interface Pulse {
  latest: Progress | null;
  stopped: boolean;
  stop: () => void;
}

/**
 * Runs `work` (fetching the travel matrix, then solving) while beating once a second: progress,
 * heartbeat, cancellation. The beat starts before the matrix is fetched, so a slow Routes API
 * never leaves the job looking dead.
 */
async function withBeat<T>(jobs: JobStore, job: OptimizationJob, runId: string, now: () => Date, work: (pulse: Pulse) => Promise<T>): Promise<T> {
  const pulse: Pulse = { latest: null, stopped: false, stop: () => undefined };
  const halt = () => {
    pulse.stopped = true;
    pulse.stop();
  };
  let beating: Promise<unknown> = Promise.resolve();
  const beat = () =>
    jobs.mutate(
      job.id,
      (j) => {
        if (j.runId !== runId || j.status !== 'running') {
          halt();
          return null;
        }
        if (j.cancelRequested) halt();
        const at = now().toISOString();
        return { ...j, heartbeatAt: at, updatedAt: at, ...(pulse.latest ? { progress: progressOf(pulse.latest) } : {}) };
      },
      { actor: SYSTEM, now: now() },
    );
  const timer = setInterval(() => {
    beating = beating.then(beat).catch((err: unknown) => console.warn(JSON.stringify({ severity: 'WARNING', fn: OPTIMIZE_ROUTES, message: 'heartbeat failed', error: String(err) })));
  }, BEAT_MS);
  try {
    return await work(pulse);
  } finally {
    clearInterval(timer);
    await beating;
  }
}

/** Solves off the main thread with the given matrix; a stop asked for before the search began stops it at once. */
async function solveWith(pulse: Pulse, job: OptimizationJob, problem: ReturnType<typeof planningProblem>['problem'], matrix: TravelMatrix): Promise<Solution> {
  if (problem.stops.length === 0) return { routes: [], unassigned: [], cost: 0, distance: 0, stats: { iterations: 0, elapsedMs: 0 } };
  const run = solveInThread({ problem, matrix, timeLimitMs: job.request.timeLimitSeconds * 1000, seed: SEED }, (p) => (pulse.latest = p));
  pulse.stop = run.stop;
  if (pulse.stopped) run.stop();
  return run.solution;
}

/**
 * Road travel times from the Routes API when a Maps key is configured, straight lines otherwise.
 * A failing API costs the plan its road times, never the plan: a warning in the log and one
 * `system.travel_times_fallback` alert an hour at most (the id names the hour; the alerts
 * consumer keeps one alert per event id).
 */
async function travelMatrix(c: Container, job: OptimizationJob, planning: ReturnType<typeof planningProblem>): Promise<PlanningMatrix> {
  const departureTime = firstDeparture(job.request.date, planning.problem.vehicles, c.clock.now());
  const planned = await travelOver(c, planning.places, departureTime, { fn: OPTIMIZE_ROUTES, jobId: job.id });
  if (planned.fallback) {
    const now = c.clock.now();
    const { code, message } = planned.fallback;
    const alert = buildEvent({
      id: `travel-times-fallback-${now.toISOString().slice(0, 13)}`,
      type: 'system.travel_times_fallback',
      occurredAt: now,
      actor: SYSTEM,
      subject: `optimizationJobs/${job.id}`,
      sequence: now.getTime(),
      data: { severity: 'warning', reason: `${code}: ${message}`, code, jobId: job.id },
    });
    // The plan matters more than the alert about it: a Pub/Sub hiccup here is logged, not raised.
    await c.publisher.publish('system-alerts', alert).catch((err: unknown) => console.error(JSON.stringify({ severity: 'ERROR', fn: OPTIMIZE_ROUTES, jobId: job.id, message: 'alert not published', error: String(err) })));
  }
  return planned;
}

/**
 * Writes the drafts and the result at once; a rerun replaces its own drafts and deletes extra ones. The drafts
 * they supersede (`supersededDrafts`: the depot's earlier plans of the day) go in the same transaction, which
 * reads the day's routes, so a crash leaves the old plan or the new one, never both, and a draft published
 * meanwhile is seen as published and kept. A cancelled plan replaces nothing.
 */
async function finish(c: Container, jobs: JobStore, jobId: string, runId: string, result: (job: OptimizationJob) => { routes: Route[]; unassigned: Unassigned[]; stats: Record<string, number | string>; progress: JobProgress }) {
  const now = c.clock.now();
  await jobs.transact({ actor: SYSTEM, now }, async (uow) => {
    const job = await uow.read<OptimizationJob>(JOBS, jobId);
    if (!job || job.runId !== runId || job.status !== 'running') return;
    // A runner so slow its heartbeat looked dead may find another plan of the day took the lock: that one's drafts stand.
    if (!holdsPlanLock(await uow.read<PlanLock>(PLAN_LOCKS, depotDayId(job.request)), jobId)) {
      uow.put<OptimizationJob>(JOBS, job, supersededJob(job, now));
      return;
    }
    const day = await uow.query<Route>(c.db.collection(ROUTES).where('date', '==', job.request.date));
    const existing = day.filter((r) => r.jobId === jobId);
    if (existing.some((r) => r.status !== 'draft')) throw conflict('OPTIMIZE.ROUTES_PUBLISHED', `Routes of job ${jobId} are published`);
    const at = now.toISOString();
    const done = job.cancelRequested ? null : result(job);
    const keep = new Set(done?.routes.map((r) => r.id) ?? []);
    for (const r of existing) if (!keep.has(r.id)) uow.remove(ROUTES, r.id);
    if (done) {
      const plan = { jobId, date: job.request.date, depotId: job.request.depotId };
      const { removed, trimmed } = supersededDrafts({ ...plan, routes: done.routes }, day, now);
      for (const r of removed) uow.remove(ROUTES, r.id);
      // Their plans' records stop naming them: the planning page would otherwise refer to drafts that are gone.
      const earlierIds = [...new Set(removed.flatMap((r) => (r.jobId ? [r.jobId] : [])))];
      for (const earlier of await uow.readAll<OptimizationJob>(JOBS, earlierIds)) {
        const next = earlier && withReplacedDrafts(earlier, plan, removed, now);
        if (earlier && next) uow.put(JOBS, earlier, next);
      }
      for (const { route, next, orderIds } of trimmed) {
        uow.put(ROUTES, route, next, orderIds.map((orderId) => ({ topic: ROUTE_EVENTS, type: 'route.stop_removed', data: { routeId: route.id, orderId, jobId } })));
      }
    }
    for (const r of done?.routes ?? []) {
      uow.put(ROUTES, existing.find((e) => e.id === r.id) ?? null, r, [
        { topic: ROUTE_EVENTS, type: 'route.drafted', data: { routeId: r.id, jobId, date: r.date, stops: r.stops.length } },
      ]);
    }
    const { cancelRequested: _c, ...rest } = job;
    uow.put<OptimizationJob>(
      JOBS,
      job,
      done
        ? { ...rest, status: 'succeeded', routeIds: done.routes.map((r) => r.id), unassigned: done.unassigned, stats: done.stats, progress: done.progress, finishedAt: at, heartbeatAt: at, updatedAt: at }
        : { ...job, status: 'cancelled', finishedAt: at, updatedAt: at },
    );
  });
}

async function plan(c: Container, jobs: JobStore, job: OptimizationJob, runId: string): Promise<void> {
  const inputs = await loadInputs(c, job);
  const planning = planningProblem(inputs);
  const { solution, lastProgress, travel } = await withBeat(jobs, job, runId, () => c.clock.now(), async (pulse) => {
    const planned = await travelMatrix(c, job, planning);
    return { solution: await solveWith(pulse, job, planning.problem, planned.matrix), lastProgress: pulse.latest, travel: planned };
  });
  await finish(c, jobs, job.id, runId, () => {
    const drafts = draftRoutes({
      jobId: job.id,
      date: job.request.date,
      depot: inputs.depot,
      vehicles: inputs.vehicles,
      drivers: inputs.drivers,
      planning,
      solution,
      travel,
      at: c.clock.now(),
    });
    const unassigned = [...inputs.skipped, ...drafts.unassigned];
    return {
      routes: drafts.routes,
      unassigned,
      stats: {
        orders: job.request.orderIds.length,
        planned: drafts.routes.reduce((n, r) => n + r.stops.length, 0),
        unassigned: unassigned.length,
        routes: drafts.routes.length,
        distanceKm: Math.round(drafts.routes.reduce((d, r) => d + r.distanceKm, 0) * 10) / 10,
        iterations: solution.stats.iterations,
        elapsedMs: Math.round(solution.stats.elapsedMs),
        travelTimes: travel.travelTimes,
        ...(travel.fallback ? { travelTimesFallback: travel.fallback.code } : {}),
      },
      progress: { share: 1, bestCost: Number.isFinite(solution.cost) ? Math.round(solution.cost) : null, elapsedMs: Math.round(lastProgress?.elapsedMs ?? solution.stats.elapsedMs) },
    };
  });
}

/**
 * Claims the job (a stale heartbeat means the first run died, so this one takes over; a redelivery
 * finding a live-looking run waits until its heartbeat would be stale and leaves only if it moved; a job
 * whose depot's day another plan took meanwhile fails `OPTIMIZE.SUPERSEDED` instead),
 * plans, and records the outcome. A planning failure fails the job, never the delivery: retrying
 * the same input would fail the same way.
 */
export async function runOptimization(c: Container, jobId: string): Promise<void> {
  const jobs = firestoreJobStore(c.db, c.publisher);
  if (!(await jobs.find(jobId))) return;
  const runId = randomUUID();
  const claim = async (): Promise<{ seen: OptimizationJob; decision: ClaimDecision }> => {
    let decision: ClaimDecision = { claim: false, why: 'finished' };
    const seen = await jobs.withLock(
      jobId,
      (j, lock) => {
        decision = claimPlan(j, lock, runId, c.clock.now());
        return 'next' in decision ? decision.next : null;
      },
      { actor: SYSTEM, now: c.clock.now() },
    );
    return { seen, decision };
  };
  const first = await claim();
  let decision = first.decision;
  if (!decision.claim && decision.why === 'running_elsewhere') {
    await sleep(untilStale(first.seen, c.clock.now()));
    decision = (await claim()).decision;
  }
  if (!decision.claim) return;
  const job = decision.next;
  try {
    await plan(c, jobs, job, runId);
  } catch (err) {
    const code = err instanceof DomainError ? err.code : 'OPTIMIZE.FAILED';
    console.error(JSON.stringify({ severity: 'ERROR', fn: OPTIMIZE_ROUTES, jobId, message: String(err), stack: (err as Error)?.stack }));
    const at = c.clock.now().toISOString();
    await jobs.mutate(
      jobId,
      (j) => (j.runId === runId && j.status === 'running' ? { ...j, status: 'failed', error: code, finishedAt: at, updatedAt: at } : null),
      { actor: SYSTEM, now: c.clock.now() },
    );
  }
}

export const handleOptimizationRequest = eventConsumer(OPTIMIZE_ROUTES, async (event) => {
  if (event.type !== OPTIMIZATION_REQUESTED || typeof event.data['jobId'] !== 'string') return;
  await runOptimization(await container(), event.data['jobId']);
});

cloudEvent(OPTIMIZE_ROUTES, handleOptimizationRequest);
