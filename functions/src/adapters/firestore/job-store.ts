import type { Firestore } from '@google-cloud/firestore';
import type { EventPublisher } from '../../domain/events';
import { notFound } from '../../domain/errors';
import {
  depotDayId,
  OPTIMIZATION_REQUESTED,
  OPTIMIZATION_REQUESTS,
  rerunJob,
  takePlanLock,
  type OptimizationJob,
  type PlanLock,
  type PlanStarter,
} from '../../domain/routes';
import type { Versioned, WriteContext } from './aggregate-store';
import { inTransaction, type UnitOfWork } from './unit-of-work';

export const JOBS = 'optimizationJobs';
/** `PlanLock`s: one document per depot and day, server-only. */
export const PLAN_LOCKS = 'planLocks';

const requested = (job: OptimizationJob) => ({
  topic: OPTIMIZATION_REQUESTS,
  type: OPTIMIZATION_REQUESTED,
  data: { jobId: job.id, attempt: job.attempt },
});

export function firestoreJobStore(db: Firestore, publisher: EventPublisher) {
  const col = db.collection(JOBS);
  const run = <R>(ctx: WriteContext, work: (uow: UnitOfWork) => Promise<R>) => inTransaction(db, publisher, ctx, work);
  const must = async (uow: UnitOfWork, id: string) => {
    const job = await uow.read<OptimizationJob>(JOBS, id);
    if (!job) throw notFound('OPTIMIZE.JOB_NOT_FOUND', `Job ${id} not found`, { id });
    return job;
  };
  /** Reads the depot's day's lock and the job it names, and writes the lock for `job` (or refuses). */
  const lockFor = async (uow: UnitOfWork, job: OptimizationJob, by: PlanStarter, now: Date) => {
    const lock = await uow.read<PlanLock>(PLAN_LOCKS, depotDayId(job.request));
    const holder = lock && lock.jobId !== job.id ? await uow.read<OptimizationJob>(JOBS, lock.jobId) : null;
    uow.put(PLAN_LOCKS, lock, takePlanLock(lock, holder, job, by, now));
  };
  return {
    async find(id: string): Promise<Versioned<OptimizationJob> | null> {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as Versioned<OptimizationJob>) : null;
    },

    /**
     * Creates the job with its request event, once: a retried request gets the first job back. Refused while another
     * plan of the depot's day is in flight (`takePlanLock`), decided in the same transaction.
     */
    create(job: OptimizationJob, by: PlanStarter, ctx: WriteContext): Promise<OptimizationJob> {
      return run(ctx, async (uow) => {
        const existing = await uow.read<OptimizationJob>(JOBS, job.id);
        if (existing) return existing;
        await lockFor(uow, job, by, ctx.now);
        return uow.put(JOBS, null, job, [requested(job)]);
      });
    },

    /** Queues a failed, stale or cancelled job again (`rerunJob`), taking its depot's day's lock as a new plan would. */
    rerun(id: string, by: PlanStarter, ctx: WriteContext): Promise<Versioned<OptimizationJob>> {
      return run(ctx, async (uow) => {
        const job = await must(uow, id);
        const next = rerunJob(job, ctx.now);
        await lockFor(uow, next, by, ctx.now);
        return uow.put(JOBS, job, next, [requested(next)]);
      });
    },

    /** Applies `change` to the job, given its depot's day's lock as this transaction reads it. */
    withLock(
      id: string,
      change: (job: Versioned<OptimizationJob>, lock: PlanLock | null) => OptimizationJob | null,
      ctx: WriteContext,
    ): Promise<Versioned<OptimizationJob>> {
      return run(ctx, async (uow) => {
        const job = await must(uow, id);
        const next = change(job, await uow.read<PlanLock>(PLAN_LOCKS, depotDayId(job.request)));
        return next ? uow.put(JOBS, job, next) : job;
      });
    },

    /** Applies `change` to the job. */
    mutate(id: string, change: (job: Versioned<OptimizationJob>) => OptimizationJob | null, ctx: WriteContext): Promise<Versioned<OptimizationJob>> {
      return run(ctx, async (uow) => {
        const job = await must(uow, id);
        const next = change(job);
        return next ? uow.put(JOBS, job, next) : job;
      });
    },

    /** Runs `work` with the job and its writes in one transaction. */
    transact: run,
  };
}
export type JobStore = ReturnType<typeof firestoreJobStore>;
