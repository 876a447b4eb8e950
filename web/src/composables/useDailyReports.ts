import { collection, documentId, query, where } from 'firebase/firestore';
import type { WatchSource } from 'vue';
import type { DailyReport } from '../../../functions/src/domain/reports/daily-trend';
import type { PunctualityReport } from '../../../functions/src/domain/reports/punctuality-summary';
import { useLiveQuery } from './useFirestoreQuery';

type Range = { from: string; to: string };

/** Live `reports/<kind>-<day>` counters for the Taipei days `from`..`to` (office and admin; firestore.rules refuse the rest). */
function useReportDays<T extends { id: string }>(kind: 'daily' | 'punctuality', range: WatchSource<Range>) {
  const live = useLiveQuery<T, Range>(range, (db, { from, to }) =>
    query(collection(db, 'reports'), where(documentId(), '>=', `${kind}-${from}`), where(documentId(), '<=', `${kind}-${to}`)),
  );
  return { reports: live.items, loading: live.loading, error: live.error };
}

/** Orders and revenue per day (the order-events counters). */
export const useDailyReports = (range: WatchSource<Range>) => useReportDays<DailyReport>('daily', range);

/** Each driver's stops against what customers were told, per day (the driver-events counters). */
export const usePunctualityReports = (range: WatchSource<Range>) => useReportDays<PunctualityReport>('punctuality', range);
