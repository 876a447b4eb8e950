import { doc } from 'firebase/firestore';
import { computed, type WatchSource } from 'vue';
import type { OptimizationJob } from '../lib/types';
import { api } from './useApi';
import { useLiveQuery } from './useFirestoreQuery';

export interface OptimizeRequest {
  date: string;
  depotId: string;
  timeLimitSeconds: number;
  orderIds?: string[];
}

export const startOptimization = (request: OptimizeRequest) => api.post<{ jobId: string }>('/api/optimize', request);

/** Live progress of one optimisation job (`optimizationJobs/{id}`). */
export function useOptimizationJob(jobId: WatchSource<string | null>) {
  const live = useLiveQuery<OptimizationJob, string | null>(jobId, (db, id) => (id ? doc(db, 'optimizationJobs', id) : null));
  return { job: computed(() => live.items.value[0] ?? null), error: live.error };
}
