import type { MonthlySales } from './useMonthlySales.figures';
import { api, downloadFile, useApiResource } from './useApi';

const PATH = '/api/reports/monthly';

/** 月報: the month's sales, read again whenever the month changes; a late answer for an earlier pick is dropped. */
export function useMonthlySales(month: () => string) {
  const resource = useApiResource<MonthlySales | null>(() => api.get<MonthlySales>(PATH, { month: month() }), null, { source: month });
  return { report: resource.data, loading: resource.loading, error: resource.error, reload: resource.reload };
}

/** Saves the month's CSV (UTF-8 with BOM, headers in the app's language) under `fileName`. */
export const downloadMonthlySalesCsv = (month: string, fileName: string): Promise<void> => downloadFile(`${PATH}/export`, { month }, fileName);
