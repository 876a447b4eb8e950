import { collection, doc, query, where } from 'firebase/firestore';
import { computed, onScopeDispose, ref, type WatchSource } from 'vue';
import { isStale, type PlannedJob, type RemovedStops, STALE } from '../lib/optimization-job';
import { api } from './useApi';
import { useLiveQuery } from './useFirestoreQuery';

export interface OptimizeRequest {
  date: string;
  depotId: string;
  timeLimitSeconds: number;
  orderIds?: string[];
}

/** Starts a job; the same key answers the first job's id again, so a retry after a lost answer starts no second one. */
export const startOptimization = (request: OptimizeRequest, idempotencyKey: string) => api.post<{ jobId: string }>('/api/optimize', request, { idempotencyKey });

export const rerunOptimization = (jobId: string) => api.post<unknown>(`/api/optimize/${encodeURIComponent(jobId)}/rerun`, {});

/**
 * Live progress of one optimisation job (`optimizationJobs/{id}`), and once done what it recorded
 * (which travel times it planned with). A job whose runner died stops writing; it is shown as
 * failed (`STALE`) so the office can run it again.
 */
export function useOptimizationJob(jobId: WatchSource<string | null>) {
  const live = useLiveQuery<PlannedJob, string | null>(jobId, (db, id) => (id ? doc(db, 'optimizationJobs', id) : null));
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 5_000);
  onScopeDispose(() => clearInterval(timer));
  const job = computed((): PlannedJob | null => {
    const j = live.items.value[0];
    if (!j) return null;
    return isStale(j, now.value) ? { ...j, status: 'failed', error: STALE } : j;
  });
  return { job, error: live.error };
}

/**
 * The day's finished plans, live, for what they left out (`stillLeftOut`). Two equality filters: served without a
 * composite index.
 */
export function useFinishedJobsForDate(date: WatchSource<string>) {
  const live = useLiveQuery<PlannedJob, string>(date, (db, d) =>
    query(collection(db, 'optimizationJobs'), where('request.date', '==', d), where('status', '==', 'succeeded')),
  );
  return { jobs: live.items, error: live.error };
}

/** The orders the office took off the day's drafts, per depot (`removedStops`), live: listed while they wait for a truck. */
export function useRemovedStopsForDate(date: WatchSource<string>) {
  const live = useLiveQuery<RemovedStops, string>(date, (db, d) => query(collection(db, 'removedStops'), where('date', '==', d)));
  return { removed: live.items, error: live.error };
}
