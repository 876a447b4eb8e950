import { ref, watch } from 'vue';
import type { MonthlySales } from './useMonthlySales.figures';
import { api, downloadFile } from './useApi';

const PATH = '/api/reports/monthly';

/** 月報: the month's sales, read again whenever the month changes; a late answer for an earlier pick is dropped. */
export function useMonthlySales(month: () => string) {
  const report = ref<MonthlySales | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let latest = 0;

  async function load() {
    const call = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const answer = await api.get<MonthlySales>(PATH, { month: month() });
      if (call === latest) report.value = answer;
    } catch (e) {
      if (call === latest) {
        report.value = null;
        error.value = e;
      }
    } finally {
      if (call === latest) loading.value = false;
    }
  }

  watch(month, () => void load(), { immediate: true });
  return { report, loading, error, reload: load };
}

/** Saves the month's CSV (UTF-8 with BOM, headers in the app's language) under `fileName`. */
export const downloadMonthlySalesCsv = (month: string, fileName: string): Promise<void> => downloadFile(`${PATH}/export`, { month }, fileName);
