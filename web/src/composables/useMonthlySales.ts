import type { MonthlySales, WeeklySales } from './useMonthlySales.figures';
import { api, downloadFile, useApiResource } from './useApi';

const PATH = '/api/reports/monthly';

/** 月報: the month's sales, read again whenever the month changes; a late answer for an earlier pick is dropped. */
export function useMonthlySales(month: () => string) {
  const resource = useApiResource<MonthlySales | null>(() => api.get<MonthlySales>(PATH, { month: month() }), null, { source: month });
  return { report: resource.data, loading: resource.loading, error: resource.error, reload: resource.reload };
}

/** Saves the month's CSV (UTF-8 with BOM, headers in the app's language) under `fileName`. */
export const downloadMonthlySalesCsv = (month: string, fileName: string): Promise<void> => downloadFile(`${PATH}/export`, { month }, fileName);

const WEEKLY = '/api/reports/weekly';

/** 週報: the week `day()` falls in (the last one ended when undefined), read again whenever it changes. */
export function useWeeklySales(day: () => string | undefined) {
  const resource = useApiResource<WeeklySales | null>(() => api.get<WeeklySales>(WEEKLY, { week: day() }), null, { source: day });
  return { report: resource.data, loading: resource.loading, error: resource.error };
}

/** Saves the week's CSV (laid out as 月報's) under `fileName`. */
export const downloadWeeklySalesCsv = (week: string, fileName: string): Promise<void> => downloadFile(`${WEEKLY}/export`, { week }, fileName);
