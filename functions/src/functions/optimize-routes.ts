import { cloudEvent } from '@google-cloud/functions-framework';
import type { Firestore } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { container, type Container } from '../adapters/container';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreJobStore, JOBS, type JobStore } from '../adapters/firestore/job-store';
import { ROUTES } from '../adapters/firestore/route-store';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import { solveInThread } from '../adapters/threads/solve-in-thread';
import type { Customer } from '../domain/customers';
import { conflict, DomainError, invalid } from '../domain/errors';
import type { Actor } from '../domain/events';
import type { Order } from '../domain/orders';
import {
  claimJob,
  draftRoutes,
  OPTIMIZATION_REQUESTED,
  planningProblem,
  planningVehicles,
  ROUTE_EVENTS,
  type JobProgress,
  type OptimizationJob,
  type Route,
  type Unassigned,
} from '../domain/routes';
import type { Progress, Solution } from '../optimizer/model';

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
  const [depot, allVehicles, drivers, orders] = await Promise.all([
    fleet.depot(request.depotId),
    fleet.vehicles(),
    fleet.drivers(),
    getMany<Order>(c.db, 'orders', request.orderIds),
  ]);
  const vehicles = planningVehicles(request.vehicleIds, depot.id, allVehicles, drivers);
  if (vehicles.length === 0) throw invalid('OPTIMIZE.NO_VEHICLES', `No truck with a driver at ${depot.id}`);
  const skipped: Unassigned[] = [];
  const plannable: Order[] = [];
  for (const id of request.orderIds) {
    const order = orders.get(id);
    if (!order) skipped.push({ orderId: id, reason: 'NOT_FOUND' });
    else if (order.status !== 'confirmed') skipped.push({ orderId: id, reason: 'NOT_CONFIRMED' });
    else plannable.push(order);
  }
  const customers = await getMany<Customer>(c.db, 'customers', [...new Set(plannable.map((o) => o.customerId))]);
  return { depot, vehicles, drivers, orders: plannable, customers, skipped };
}

/** Runs the solver off the main thread, beating once a second: progress, heartbeat, cancellation. */
async function solveWithBeat(
  jobs: JobStore,
  job: OptimizationJob,
  runId: string,
  input: { problem: ReturnType<typeof planningProblem>; now: () => Date },
): Promise<{ solution: Solution; lastProgress: Progress | null }> {
  const { problem, places } = input.problem;
  let latest: Progress | null = null;
  if (problem.stops.length === 0) return { solution: { routes: [], unassigned: [], cost: 0, distance: 0, stats: { iterations: 0, elapsedMs: 0 } }, lastProgress: null };
  const run = solveInThread({ problem, places, timeLimitMs: job.request.timeLimitSeconds * 1000, seed: SEED }, (p) => (latest = p));
  let beating: Promise<unknown> = Promise.resolve();
  const beat = () =>
    jobs.mutate(
      job.id,
      (j) => {
        if (j.runId !== runId || j.status !== 'running') {
          run.stop();
          return null;
        }
        if (j.cancelRequested) run.stop();
        const at = input.now().toISOString();
        return { ...j, heartbeatAt: at, updatedAt: at, ...(latest ? { progress: progressOf(latest) } : {}) };
      },
      { actor: SYSTEM, now: input.now() },
    );
  const timer = setInterval(() => {
    beating = beating.then(beat).catch((err: unknown) => console.warn(JSON.stringify({ severity: 'WARNING', fn: OPTIMIZE_ROUTES, message: 'heartbeat failed', error: String(err) })));
  }, BEAT_MS);
  try {
    const solution = await run.solution;
    return { solution, lastProgress: latest };
  } finally {
    clearInterval(timer);
    await beating;
  }
}

/** Writes the drafts and the result at once; a rerun replaces its own drafts and deletes extra ones. */
async function finish(c: Container, jobs: JobStore, jobId: string, runId: string, result: (job: OptimizationJob) => { routes: Route[]; unassigned: Unassigned[]; stats: Record<string, number>; progress: JobProgress }) {
  const now = c.clock.now();
  await jobs.transact({ actor: SYSTEM, now }, async (uow) => {
    const job = await uow.read<OptimizationJob>(JOBS, jobId);
    if (!job || job.runId !== runId || job.status !== 'running') return;
    const existing = await uow.query<Route>(c.db.collection(ROUTES).where('jobId', '==', jobId));
    if (existing.some((r) => r.status !== 'draft')) throw conflict('OPTIMIZE.ROUTES_PUBLISHED', `Routes of job ${jobId} are published`);
    const at = now.toISOString();
    const done = job.cancelRequested ? null : result(job);
    const keep = new Set(done?.routes.map((r) => r.id) ?? []);
    for (const r of existing) if (!keep.has(r.id)) uow.remove(ROUTES, r.id);
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
  const { solution, lastProgress } = await solveWithBeat(jobs, job, runId, { problem: planning, now: () => c.clock.now() });
  await finish(c, jobs, job.id, runId, () => {
    const drafts = draftRoutes({
      jobId: job.id,
      date: job.request.date,
      depot: inputs.depot,
      vehicles: inputs.vehicles,
      drivers: inputs.drivers,
      planning,
      solution,
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
      },
      progress: { share: 1, bestCost: Number.isFinite(solution.cost) ? Math.round(solution.cost) : null, elapsedMs: Math.round(lastProgress?.elapsedMs ?? solution.stats.elapsedMs) },
    };
  });
}

/**
 * Claims the job (a redelivery finding a live run leaves at once; a stale heartbeat means the
 * first run died, so this one takes over), plans, and records the outcome. A planning failure
 * fails the job, never the delivery: retrying the same input would fail the same way.
 */
export async function runOptimization(c: Container, jobId: string): Promise<void> {
  const jobs = firestoreJobStore(c.db, c.publisher);
  if (!(await jobs.find(jobId))) return;
  const runId = randomUUID();
  let claimed: OptimizationJob | null = null;
  await jobs.mutate(
    jobId,
    (j) => {
      const decision = claimJob(j, runId, c.clock.now());
      claimed = decision.claim ? decision.next : null;
      return claimed;
    },
    { actor: SYSTEM, now: c.clock.now() },
  );
  const job = claimed as OptimizationJob | null;
  if (!job) return;
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
