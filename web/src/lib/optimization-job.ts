import type { OptimizationJob, Order } from './types';

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

/**
 * Why an order was left out of the plan, each with its words under `routes.unassignedReasons`: before solving
 * (functions/src/functions/optimize-routes.ts, domain/routes/planning.ts), by the solver (optimizer/solve.ts), and
 * taken off a draft by hand since (domain/routes/edit.ts).
 */
export const UNASSIGNED_REASONS = ['NOT_FOUND', 'NOT_CONFIRMED', 'NO_LOCATION', 'SKILL_MISSING', 'CAPACITY', 'TIME_WINDOW_UNREACHABLE', 'NOT_PROFITABLE', 'NO_VEHICLE', 'REMOVED_FROM_ROUTE'] as const;

const known = (list: readonly string[], code: string): boolean => list.includes(code);

/** The locale key of a failed job's code; a code added on the server since falls back to a text naming it (`{code}`). */
export const jobErrorKey = (code: string): string => (known(JOB_ERRORS, code) ? `routes.jobErrors.${code}` : 'routes.jobErrors.other');

/** The locale key of why an order was left out; an unknown reason falls back to a text naming it (`{code}`). */
export const unassignedReasonKey = (reason: string): string => (known(UNASSIGNED_REASONS, reason) ? `routes.unassignedReasons.${reason}` : 'routes.unassignedReasons.other');

/**
 * The orders a day's plans left out that still wait for a truck, with why: each depot's latest finished plan (an earlier
 * one's left-out orders were offered to it again), only those still confirmed (not put on a route by hand since, moved
 * or cancelled), so the planning page names them after a reload, not only while the job is on screen.
 */
export function stillLeftOut(jobs: readonly PlannedJob[], orders: readonly Pick<Order, 'id' | 'status'>[]): { orderId: string; reason: string }[] {
  const latest = new Map<string, PlannedJob>();
  const finished = (j: PlannedJob) => j.finishedAt ?? j.updatedAt ?? '';
  for (const job of jobs) {
    const depot = job.request?.depotId;
    if (job.status !== 'succeeded' || !depot) continue;
    const seen = latest.get(depot);
    if (!seen || finished(job) > finished(seen)) latest.set(depot, job);
  }
  const waiting = new Set(orders.filter((o) => o.status === 'confirmed').map((o) => o.id));
  return [...latest.values()].flatMap((j) => j.unassigned ?? []).filter((u) => waiting.has(u.orderId));
}
