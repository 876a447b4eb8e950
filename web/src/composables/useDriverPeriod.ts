import type { DriverPeriod, Period } from '../lib/driver-period';
import { api, downloadFile, useApiResource } from './useApi';

const PATH = '/api/settlements/period';

/** 配送失敗 and the drivers' figures over `period()`, read again whenever it changes. */
export function useDriverPeriod(period: () => Period) {
  const resource = useApiResource<DriverPeriod | null>(() => api.get<DriverPeriod>(PATH, { ...period() }), null, { source: period });
  return { report: resource.data, loading: resource.loading, error: resource.error };
}

/** Saves the period's failures (`failed`) or drivers' figures (`drivers`) as CSV under `fileName`. */
export const downloadDriverPeriodCsv = (view: 'failed' | 'drivers', period: Period, fileName: string): Promise<void> =>
  downloadFile(`${PATH}/${view}/export`, { ...period }, fileName);
