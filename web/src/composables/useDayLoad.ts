import { ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { type AppLocale, formatShortDate } from '../lib/format';
import { api } from './useApi';

/** `GET /api/orders/day-load`: a day's booked orders at the customer's depot against the stops its trucks make a day. */
export interface DayLoad {
  date: string;
  orders: number;
  cylinders: number;
  capacity: number | null;
  full: boolean;
  nextDayWithRoom: string | null;
  depotName: string;
}

/**
 * The office's phone-order form: when the day picked for the customer is already full at their depot, the warning that
 * says so and offers the next day with room (audit 23 F6). A warning only: the office may still book the day (urgent).
 * A failed read says nothing rather than block the order.
 */
export function useDayLoad(customerId: () => string | undefined, date: () => string) {
  const { t, locale } = useI18n();
  const warning = ref('');
  watch(
    [customerId, date],
    async ([id, day]) => {
      warning.value = '';
      if (!id || !day) return;
      const answer = await api.get<DayLoad | null>('/api/orders/day-load', { customerId: id, date: day }).catch(() => null);
      // Another customer or day picked meanwhile: that one's answer is the one to show.
      if (customerId() !== id || date() !== day || !answer?.full || answer.capacity === null) return;
      const short = (d: string) => formatShortDate(d, locale.value as AppLocale);
      const figures = { date: short(day), orders: answer.orders, cylinders: answer.cylinders, capacity: answer.capacity, depot: answer.depotName };
      warning.value = answer.nextDayWithRoom ? t('order.dayFull', { ...figures, next: short(answer.nextDayWithRoom) }) : t('order.dayFullWeek', figures);
    },
    { immediate: true },
  );
  return warning;
}

/** `GET /api/orders/full-days`: which days of a span are full at the customer's depot, and nothing more. */
interface FullDays {
  from: string;
  through: string;
  full: string[];
}

/**
 * The portal's calendar: the days of the month shown (`YYYY-MM`) already full at the customer's depot, or at the branch's
 * a head office books for (`branchId`), one request a month. Nothing asked without a month; a failed read marks nothing
 * rather than block the order.
 */
export function useFullDays(month: () => string | undefined, branchId: () => string | undefined) {
  const full = ref<ReadonlySet<string>>(new Set());
  watch(
    [month, branchId],
    async ([shown, branch]) => {
      full.value = new Set();
      if (!shown) return;
      const [year, monthNumber] = shown.split('-').map(Number) as [number, number];
      // Day 0 of the next month is this month's last.
      const through = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
      const answer = await api.get<FullDays>('/api/orders/full-days', { from: `${shown}-01`, through, ...(branch ? { customerId: branch } : {}) }).catch(() => null);
      // Another month or branch shown meanwhile: that one's answer is the one to mark.
      if (month() !== shown || branchId() !== branch || !answer) return;
      full.value = new Set(answer.full);
    },
    { immediate: true },
  );
  return full;
}
