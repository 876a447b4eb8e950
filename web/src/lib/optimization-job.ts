import { ApiError } from './api-client';
import type { DeliveryRoute, OptimizationJob, Order } from './types';

/** The job document with what a finished run records about itself (functions/src/functions/optimize-routes.ts). */
export type PlannedJob = OptimizationJob & { stats?: Readonly<Record<string, number | string>> };

export type TravelTimes = 'roads' | 'straight-line';

/** The server's rule (functions/src/domain/routes/job.ts): a running job silent this long has died. */
export const STALE_AFTER_MS = 30_000;

/** What a job whose runner died is marked with, as the API's job view marks it (functions/src/domain/routes/job.ts). */
export const STALE = 'STALE';

export function isStale(job: OptimizationJob, nowMs: number): boolean {
  const beat = Date.parse(job.heartbeatAt ?? job.updatedAt ?? '');
  return job.status === 'running' && Number.isFinite(beat) && nowMs - beat > STALE_AFTER_MS;
}

/** Which travel times a finished job planned with; null while running and for jobs older than the record. */
export function travelTimesOf(job: PlannedJob): TravelTimes | null {
  const used = job.status === 'succeeded' ? job.stats?.['travelTimes'] : undefined;
  return used === 'roads' || used === 'straight-line' ? used : null;
}

/**
 * The codes a failed job records, each with its words under `routes.jobErrors`: its planning's refusals and
 * OPTIMIZE.FAILED for anything else (functions/src/functions/optimize-routes.ts), OPTIMIZE.SUPERSEDED (another plan of the
 * depot's day took its place: domain/routes/plan-lock.ts), and STALE.
 */
export const JOB_ERRORS = ['OPTIMIZE.NO_VEHICLES', 'OPTIMIZE.ROUTES_PUBLISHED', 'OPTIMIZE.FAILED', 'OPTIMIZE.SUPERSEDED', 'DEPOT.NOT_FOUND', STALE] as const;

/** Why the page lists an order the office took off a draft (`RemovedStops`). */
export const REMOVED_FROM_ROUTE = 'REMOVED_FROM_ROUTE';

/**
 * Why an order was left out of the plan, each with its words under `routes.unassignedReasons`: before solving
 * (functions/src/functions/optimize-routes.ts, domain/routes/planning.ts), by the solver (optimizer/solve.ts), and
 * taken off a draft by hand since (REMOVED_FROM_ROUTE: `RemovedStops`; plans before those records listed it themselves).
 */
export const UNASSIGNED_REASONS = ['NOT_FOUND', 'NOT_CONFIRMED', 'CLOSED_DAY', 'NO_LOCATION', 'SKILL_MISSING', 'CAPACITY', 'TIME_WINDOW_UNREACHABLE', 'NOT_PROFITABLE', 'NO_VEHICLE', REMOVED_FROM_ROUTE] as const;

/** `removedStops/{depotId}_{date}` (functions/src/domain/routes/edit.ts): the orders the office took off a depot's drafts of a day, and when. */
export interface RemovedStops {
  id: string;
  depotId: string;
  date: string;
  orders: { orderId: string; routeId: string; at: string }[];
}

const known = (list: readonly string[], code: string): boolean => list.includes(code);

/** The locale key of a failed job's code; a code added on the server since falls back to a text naming it (`{code}`). */
export const jobErrorKey = (code: string): string => (known(JOB_ERRORS, code) ? `routes.jobErrors.${code}` : 'routes.jobErrors.other');

/** The locale key of why an order was left out; an unknown reason falls back to a text naming it (`{code}`). */
export const unassignedReasonKey = (reason: string): string => (known(UNASSIGNED_REASONS, reason) ? `routes.unassignedReasons.${reason}` : 'routes.unassignedReasons.other');

/**
 * The orders of a day that wait for a truck with why, so the planning page names them after a reload, not only while a job
 * is on screen: those each depot's latest finished plan left out (an earlier one's were offered to it again), and those
 * the office took off a draft, whatever made the draft. Where both name an order the later word holds (a plan after the
 * removal left it out again; a stop planned into another depot's draft, then taken off). Only orders still confirmed and
 * on no route of the day: not planned again, put on a route, moved or cancelled since. Oldest word first.
 */
export function stillLeftOut(
  jobs: readonly PlannedJob[],
  removed: readonly RemovedStops[],
  orders: readonly Pick<Order, 'id' | 'status'>[],
  routes: readonly Pick<DeliveryRoute, 'stops'>[],
): { orderId: string; reason: string }[] {
  const latest = new Map<string, PlannedJob>();
  const finished = (j: PlannedJob) => j.finishedAt ?? j.updatedAt ?? '';
  for (const job of jobs) {
    const depot = job.request?.depotId;
    if (job.status !== 'succeeded' || !depot) continue;
    const seen = latest.get(depot);
    if (!seen || finished(job) > finished(seen)) latest.set(depot, job);
  }
  const said = [
    ...[...latest.values()].flatMap((j) => (j.unassigned ?? []).map((u) => ({ ...u, at: finished(j) }))),
    ...removed.flatMap((r) => r.orders.map((o) => ({ orderId: o.orderId, reason: REMOVED_FROM_ROUTE, at: o.at }))),
  ];
  const word = new Map<string, (typeof said)[number]>();
  for (const s of said) {
    const seen = word.get(s.orderId);
    if (!seen || s.at > seen.at) word.set(s.orderId, s);
  }
  const routed = new Set(routes.flatMap((r) => r.stops.map((s) => s.orderId)));
  const waiting = new Set(orders.filter((o) => o.status === 'confirmed' && !routed.has(o.id)).map((o) => o.id));
  return [...word.values()]
    .filter((w) => waiting.has(w.orderId))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map(({ orderId, reason }) => ({ orderId, reason }));
}

/**
 * The plan of the depot's day in flight that refused a start or a rerun (409 OPTIMIZE.PLAN_RUNNING,
 * functions/src/domain/routes/plan-lock.ts): its job, to follow instead, who started it and when (Taipei HH:mm).
 */
export interface RunningPlan {
  jobId: string;
  startedBy: string;
  time: string;
}

export function runningPlanOf(error: unknown): RunningPlan | null {
  if (!(error instanceof ApiError) || error.code !== 'OPTIMIZE.PLAN_RUNNING') return null;
  const { jobId, startedBy, time } = error.details ?? {};
  return typeof jobId === 'string' && typeof startedBy === 'string' && typeof time === 'string' ? { jobId, startedBy, time } : null;
}
