import { computed, onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import { forgetOtherDays } from '../lib/day-cache';
import { taipeiDate } from '../lib/format';
import { createOfflineQueue, keepFlushing, type OfflineQueue, type QueueState, webStorageQueue } from '../lib/offline-queue';
import { api } from './useApi';
import { routeSafety, SAFETY_INSPECTIONS_PATH, type RouteSafety, type SafetyInspectionInput, type StopSafety } from './useSafety';

interface Cached extends Pick<RouteSafety, 'customers' | 'canInspect' | 'certificate'> {
  /** Customers whose inspection by this phone reached the API today: no longer due, whatever the last answer said. */
  inspected: string[];
}

const EMPTY: Cached = { customers: {}, canInspect: false, certificate: null, inspected: [] };
const RETRY_MS = 15_000;

function load(key: string): Cached {
  try {
    return { ...EMPTY, ...(JSON.parse(localStorage.getItem(key) ?? 'null') as Cached | null) };
  } catch {
    return EMPTY;
  }
}

const queues = new Map<string, OfflineQueue>();

/**
 * The driver's safety inspections (用戶安全檢查) at today's stops: which customers are due (from
 * `GET /api/driver/routes/:id/safety`, kept for the day in localStorage under `cacheKey` like the cylinders on site), whether
 * the driver's certificate lets them inspect, and the inspections recorded at the door. Those go through the offline
 * queue (`lib/offline-queue.ts`) under their own storage key, `lg.driverSafetyQueue.<uid>`: the deliver / fail queue
 * posts to the stop's path with `actionId` and `at` in the body, which the inspection's schema does not take; here the
 * action id is the Idempotency-Key alone, so a retry after a lost answer records nothing twice.
 */
export function useSafetyDriver(uid: string, routeIds: Readonly<Ref<string[]>>, cacheKey: string) {
  const state = shallowRef<Cached>(load(cacheKey));
  function store(next: Cached) {
    state.value = next;
    localStorage.setItem(cacheKey, JSON.stringify(next));
    forgetOtherDays(localStorage, cacheKey);
  }

  async function reload() {
    const ids = routeIds.value;
    if (ids.length === 0) return;
    try {
      const answers = await Promise.all(ids.map(routeSafety));
      const first = answers[0];
      store({
        customers: Object.assign({}, ...answers.map((a) => a.customers)) as Record<string, StopSafety>,
        canInspect: first?.canInspect ?? false,
        certificate: first?.certificate ?? null,
        inspected: state.value.inspected,
      });
    } catch {
      // Offline or refused: the last answer stands.
    }
  }
  watch(() => routeIds.value.join(','), () => void reload(), { immediate: true });

  let queue = queues.get(uid);
  if (!queue) {
    queue = createOfflineQueue(webStorageQueue(localStorage, `lg.driverSafetyQueue.${uid}`), (action) =>
      api.post(action.path, action.body, { idempotencyKey: action.actionId }),
    );
    queues.set(uid, queue);
  }
  const q = queue;
  const queueState = shallowRef<QueueState>(q.state());
  // An action gone from the queue without being refused reached the API: that customer is done for today.
  const unsubscribe = q.subscribe((next) => {
    const left = new Set([...next.pending, ...next.rejected].map((a) => a.actionId));
    const sent = queueState.value.pending.filter((a) => !left.has(a.actionId)).map((a) => a.subjectId);
    queueState.value = next;
    if (sent.length === 0) return;
    store({ ...state.value, inspected: [...new Set([...state.value.inspected, ...sent])] });
    void reload();
  });
  const stop = keepFlushing(q, window, RETRY_MS);
  onScopeDispose(() => {
    unsubscribe();
    stop();
  });

  const waiting = computed(() => new Set(queueState.value.pending.map((a) => a.subjectId)));

  return {
    /** The customer's inspection status when it is due and not yet done from this phone; undefined otherwise. */
    dueAt: (customerId: string): StopSafety | undefined => {
      const s = state.value.customers[customerId];
      return s?.due && !waiting.value.has(customerId) && !state.value.inspected.includes(customerId) ? s : undefined;
    },
    canInspect: computed(() => state.value.canInspect),
    certificate: computed(() => state.value.certificate),
    pending: computed(() => queueState.value.pending),
    rejected: computed(() => queueState.value.rejected),
    /** Queues the inspection done at the stop today; `label` names it in the upload list. */
    record(input: Omit<SafetyInspectionInput, 'inspectedOn' | 'technician'>, label: string) {
      const actionId = crypto.randomUUID();
      // The day the driver inspected, not the day the upload got through.
      const body: SafetyInspectionInput = { ...input, inspectedOn: taipeiDate() };
      q.enqueue({ actionId, path: SAFETY_INSPECTIONS_PATH, body, subjectId: input.customerId, label, enqueuedAt: new Date().toISOString() });
      void q.flush();
    },
    dismissRejected: (actionId: string) => q.dismissRejected(actionId),
    retryNow: () => void q.flush(),
    reload,
  };
}
