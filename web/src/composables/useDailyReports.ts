import { collection, documentId, query, where } from 'firebase/firestore';
import type { WatchSource } from 'vue';
import type { DailyReport } from '../lib/daily-trend';
import { useLiveQuery } from './useFirestoreQuery';

/** Live daily report counters for the Taipei days `from`..`to` (office and admin; firestore.rules refuse the rest). */
export function useDailyReports(range: WatchSource<{ from: string; to: string }>) {
  const live = useLiveQuery<DailyReport, { from: string; to: string }>(range, (db, { from, to }) =>
    query(collection(db, 'reports'), where(documentId(), '>=', `daily-${from}`), where(documentId(), '<=', `daily-${to}`)),
  );
  return { reports: live.items, loading: live.loading, error: live.error };
}
