import type { OptimizationJob } from './types';

/** The server's rule (functions/src/domain/routes/job.ts): a running job silent this long has died. */
export const STALE_AFTER_MS = 30_000;

export function isStale(job: OptimizationJob, nowMs: number): boolean {
  const beat = Date.parse(job.heartbeatAt ?? job.updatedAt ?? '');
  return job.status === 'running' && Number.isFinite(beat) && nowMs - beat > STALE_AFTER_MS;
}
