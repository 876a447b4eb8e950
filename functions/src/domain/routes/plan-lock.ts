/**
 * `planLocks/{depotId}_{date}`: which plan of a depot's day may run. Two plans of one depot and day running at once would
 * each replace the other's drafts, the last to finish silently winning, so a plan is started (or rerun) only while the
 * job the lock names is no longer in flight, decided in the transaction that queues it; and only the job the lock names
 * may claim a run or write drafts, so a job the lock moved away from (its runner looked dead) cannot come back later.
 */
import { taipeiDateTime } from '../clock';
import type { Actor } from '../events';
import { conflict } from '../errors';
import { claimJob, isStale, type ClaimDecision, type OptimizationJob } from './job';
import { depotDayId } from './route';

/**
 * `optimizeRoutes`' timeout (`timeout_seconds` in infra/functions.tf): a plan started longer ago than that was stopped by
 * the platform, whatever its job last recorded.
 */
export const PLAN_TIMEOUT_MS = 3600_000;

/** Who started a plan, with the name the refusal of another start shows (absent when the account has none). */
export type PlanStarter = Actor & { readonly name?: string };

export interface PlanLock {
  readonly id: string;
  readonly depotId: string;
  readonly date: string;
  readonly jobId: string;
  readonly startedBy: PlanStarter;
  readonly startedAt: string;
}

/** Whether the lock's job may still be planning: queued, or running with a live heartbeat, and started within the function's timeout. */
export function isPlanInFlight(lock: PlanLock, job: OptimizationJob | null, now: Date): boolean {
  if (!job || (job.status !== 'queued' && job.status !== 'running') || isStale(job, now)) return false;
  return now.getTime() - Date.parse(lock.startedAt) < PLAN_TIMEOUT_MS;
}

/**
 * The lock for `job`, about to be queued by `by`; refused (409 `OPTIMIZE.PLAN_RUNNING`, naming who started the plan in
 * flight and when, Taipei time) while the job the lock names is in flight. `holder`: that job as the transaction read it.
 */
export function takePlanLock(lock: PlanLock | null, holder: OptimizationJob | null, job: OptimizationJob, by: PlanStarter, now: Date): PlanLock {
  if (lock && lock.jobId !== job.id && isPlanInFlight(lock, holder, now)) {
    throw conflict('OPTIMIZE.PLAN_RUNNING', `Job ${lock.jobId} is planning ${lock.depotId} on ${lock.date}`, {
      jobId: lock.jobId,
      startedBy: lock.startedBy.name ?? lock.startedBy.uid,
      startedAt: lock.startedAt,
      time: taipeiDateTime(new Date(lock.startedAt)).slice(11, 16),
    });
  }
  const { depotId, date } = job.request;
  return { id: depotDayId(job.request), depotId, date, jobId: job.id, startedBy: by, startedAt: now.toISOString() };
}

/** Whether `jobId` may run: the lock names it (a lock absent is a day planned before there were locks). */
export const holdsPlanLock = (lock: PlanLock | null, jobId: string): boolean => !lock || lock.jobId === jobId;

/** The error a job records when the lock moved to another plan before it could run or finish. */
export const SUPERSEDED = 'OPTIMIZE.SUPERSEDED';

/** The job failed because another plan of its depot's day took the lock; its runner, if alive, stops at its next beat. */
export function supersededJob(job: OptimizationJob, now: Date): OptimizationJob {
  const at = now.toISOString();
  return { ...job, status: 'failed', error: SUPERSEDED, finishedAt: at, updatedAt: at };
}

/**
 * `claimJob`, once the lock is known: a queued or running job the lock no longer names is failed instead of run
 * (`superseded`, with the job to write), so two plans of one depot's day never run at once.
 */
export function claimPlan(job: OptimizationJob, lock: PlanLock | null, runId: string, now: Date): ClaimDecision {
  const live = job.status === 'queued' || job.status === 'running';
  if (live && !holdsPlanLock(lock, job.id)) return { claim: false, why: 'superseded', next: supersededJob(job, now) };
  return claimJob(job, runId, now);
}
