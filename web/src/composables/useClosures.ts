import { computed, ref, watch, type Ref, type WatchSource } from 'vue';
import { useI18n } from 'vue-i18n';
import { closingOn, closuresFor, nextDeliverableDay } from '../lib/closures';
import { type AppLocale, formatShortDate } from '../lib/format';
import type { Closure, ClosureCreated, ClosureMoves, ClosureOrdersMoved, ClosureReminders, MoveDirection, NewClosure } from '../lib/types';
import { api } from './useApi';
import { useSession } from './useSession';

/**
 * Closures change a few times a year, so every date picker of the session shares one read of
 * `GET /api/closures` (today onwards); adding or removing one reads it again.
 */
const closures = ref<Closure[]>([]);
/** Days that stay open but whose deliveries end at `closesAt` (提早收工): no closed day to any picker. */
const earlyClosings = ref<Closure[]>([]);
const loading = ref(false);
const error = ref<unknown>(null);
let loadedFor: string | null = null;
let latest = 0;

/** Reads the closures again; an older read finishing last does not overwrite a newer one. */
export async function reloadClosures(): Promise<void> {
  const mine = ++latest;
  loading.value = true;
  error.value = null;
  try {
    const { closures: list, earlyClosings: early } = await api.get<{ closures: Closure[]; earlyClosings: Closure[] }>('/api/closures');
    if (mine === latest) {
      closures.value = list;
      earlyClosings.value = early;
    }
  } catch (e) {
    if (mine === latest) error.value = e;
  } finally {
    if (mine === latest) loading.value = false;
  }
}

const { session } = useSession();
// Another user signing in on the tab reads them afresh.
watch(session, (now) => {
  if (now?.user.uid === loadedFor) return;
  loadedFor = null;
  closures.value = [];
  earlyClosings.value = [];
});

/** The closures from today on, read once per session. */
export function useClosures() {
  const uid = session.value?.user.uid ?? null;
  if (uid && uid !== loadedFor) {
    loadedFor = uid;
    void reloadClosures();
  }
  return { closures, earlyClosings, loading, error, reload: reloadClosures };
}

/**
 * Keeps a delivery day the form holds on a day the API takes: whenever the closures or the customer's closed weekdays
 * (`closedDays`, read after the form opened) make it one no longer — a default, a day picked before a closure was added
 * or before another customer was picked — it moves to the first such day after it, and `moved` is told the new day.
 * While `closuresOpen` says so (the office's 緊急配送), a closure's day stays: only the closed weekdays move it. With a
 * `district` (the office's picked customer's), `closures` are those that hold there; the portal's are its customer's already.
 */
export function useDeliverableDay(
  date: Ref<string>,
  closedDays: WatchSource<readonly number[]>,
  moved: (day: string) => void = () => undefined,
  closuresOpen: () => boolean = () => false,
  district: () => string | undefined = () => undefined,
) {
  const { closures: all } = useClosures();
  const closures = computed(() => {
    const place = district();
    return place === undefined ? all.value : closuresFor(all.value, place);
  });
  watch(
    [closures, closedDays],
    ([list, closed]) => {
      const open = nextDeliverableDay(closuresOpen() ? [] : list, closed, date.value);
      if (open === date.value) return;
      date.value = open;
      moved(open);
    },
    { immediate: true },
  );
  return { closures };
}

/**
 * The day closing early (提早收工) on an order form's `date` where the order goes (`district`: the office's picked
 * customer's, the order's; the portal's closings are its customer's already), whose hours end at its `closesAt`, and
 * what the form says of it under the hours.
 */
export function useClosingOn(date: () => string, district: () => string | undefined = () => undefined) {
  const { t, locale } = useI18n();
  const { earlyClosings } = useClosures();
  const closing = computed(() => {
    const place = district();
    return closingOn(place === undefined ? earlyClosings.value : closuresFor(earlyClosings.value, place), date());
  });
  const notice = computed(() =>
    closing.value ? t('order.closesEarly', { name: closing.value.name, date: formatShortDate(date(), locale.value as AppLocale), time: closing.value.closesAt }) : '',
  );
  return { closing, notice };
}

/** A closure as the screens name it: one held in some districts with them after its name (颱風假（烏來區、坪林區）). */
export function useClosureTitle() {
  const { t } = useI18n();
  return (closure: Pick<NewClosure, 'name' | 'districts'>): string =>
    closure.districts ? t('admin.closures.scoped', { name: closure.name, districts: closure.districts.join(t('admin.closures.districtSeparator')) }) : closure.name;
}

/** Adds a closure and reads the list again; the same key answers the first closure again. */
export async function addClosure(input: NewClosure, idempotencyKey: string): Promise<ClosureCreated> {
  const created = await api.post<ClosureCreated>('/api/closures', input, { idempotencyKey });
  await reloadClosures();
  return created;
}

export async function deleteClosure(id: string): Promise<void> {
  await api.delete(`/api/closures/${encodeURIComponent(id)}`);
  await reloadClosures();
}

/**
 * Moves the open orders on a closure's days off it; orders that cannot move come back with the reason. The same key
 * replays the first answer, whose list of what moved a second run would no longer give.
 */
export const moveClosureOrders = (id: string, direction: MoveDirection, idempotencyKey: string) =>
  api.post<ClosureOrdersMoved>(`/api/closures/${encodeURIComponent(id)}/move-orders`, { direction }, { idempotencyKey });

/** Narrows a closure (the districts it keeps, a sooner last day) and reads the list again. */
export async function narrowClosure(id: string, patch: { districts?: string[]; to?: string }): Promise<Closure> {
  const { closure } = await api.patch<{ closure: Closure }>(`/api/closures/${encodeURIComponent(id)}`, patch);
  await reloadClosures();
  return closure;
}

/** The orders a closure's move sent elsewhere, and whether each may come back now. */
export const closureMoves = (id: string) => api.get<ClosureMoves>(`/api/closures/${encodeURIComponent(id)}/moves`);

/** 恢復配送: the orders that may come back go back to their day; a retry moves none twice. */
export const moveBackClosureOrders = (id: string) => api.post<ClosureMoves>(`/api/closures/${encodeURIComponent(id)}/move-back`, {});

/** How a closure's reminders went (the job sends them the week before it), with the customers nobody could tell. */
export const closureReminders = (id: string) => api.get<ClosureReminders>(`/api/closures/${encodeURIComponent(id)}/reminders`);
