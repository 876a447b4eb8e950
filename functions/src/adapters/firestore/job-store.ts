import type { Firestore } from '@google-cloud/firestore';
import type { EventPublisher } from '../../domain/events';
import { notFound } from '../../domain/errors';
import { OPTIMIZATION_REQUESTED, OPTIMIZATION_REQUESTS, type OptimizationJob } from '../../domain/routes';
import type { Versioned, WriteContext } from './aggregate-store';
import { inTransaction, type UnitOfWork } from './unit-of-work';

export const JOBS = 'optimizationJobs';

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
  return {
    async find(id: string): Promise<Versioned<OptimizationJob> | null> {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as Versioned<OptimizationJob>) : null;
    },

    /** Creates the job with its request event, once: a retried request gets the first job back. */
    create(job: OptimizationJob, ctx: WriteContext): Promise<OptimizationJob> {
      return run(ctx, async (uow) => (await uow.read<OptimizationJob>(JOBS, job.id)) ?? uow.put(JOBS, null, job, [requested(job)]));
    },

    /** Applies `change` to the job; `announce` re-sends the request event (a rerun). */
    mutate(
      id: string,
      change: (job: Versioned<OptimizationJob>) => OptimizationJob | null,
      ctx: WriteContext,
      announce = false,
    ): Promise<Versioned<OptimizationJob>> {
      return run(ctx, async (uow) => {
        const job = await must(uow, id);
        const next = change(job);
        if (!next) return job;
        return uow.put(JOBS, job, next, announce ? [requested(next)] : []);
      });
    },

    /** Runs `work` with the job and its writes in one transaction. */
    transact: run,
  };
}
export type JobStore = ReturnType<typeof firestoreJobStore>;
