import type { OptimizationJob } from './types';

/** The job document with what a finished run records about itself (functions/src/functions/optimize-routes.ts). */
export type PlannedJob = OptimizationJob & { stats?: Readonly<Record<string, number | string>> };

export type TravelTimes = 'roads' | 'straight-line';

/** The server's rule (functions/src/domain/routes/job.ts): a running job silent this long has died. */
export const STALE_AFTER_MS = 30_000;

export function isStale(job: OptimizationJob, nowMs: number): boolean {
  const beat = Date.parse(job.heartbeatAt ?? job.updatedAt ?? '');
  return job.status === 'running' && Number.isFinite(beat) && nowMs - beat > STALE_AFTER_MS;
}

/** Which travel times a finished job planned with; null while running and for jobs older than the record. */
export function travelTimesOf(job: PlannedJob): TravelTimes | null {
  const used = job.status === 'succeeded' ? job.stats?.['travelTimes'] : undefined;
  return used === 'roads' || used === 'straight-line' ? used : null;
}
