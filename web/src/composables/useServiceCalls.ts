import { collection, limit, orderBy, query, where } from 'firebase/firestore';
import { computed, type WatchSource } from 'vue';
import { openCallOrder, type NewServiceCall, type ServiceCall, type ServiceCallClosing } from '../lib/service-calls';
import { api } from './useApi';
import { useLiveQuery } from './useFirestoreQuery';

const CLOSED_SHOWN = 50;
const callPath = (id: string) => `/api/service-calls/${encodeURIComponent(id)}`;

/** The office's live calls: those still to deal with (urgent first) and the latest closed. */
export function useOfficeServiceCalls() {
  const open = useLiveQuery<ServiceCall, null>(
    () => null,
    (db) => query(collection(db, 'serviceCalls'), where('status', 'in', ['open', 'assigned'])),
  );
  const closed = useLiveQuery<ServiceCall, null>(
    () => null,
    (db) => query(collection(db, 'serviceCalls'), where('status', '==', 'closed'), orderBy('result.at', 'desc'), limit(CLOSED_SHOWN)),
  );
  const pending = computed(() => [...open.items.value].sort(openCallOrder));
  return {
    urgent: computed(() => pending.value.filter((c) => c.urgent)),
    others: computed(() => pending.value.filter((c) => !c.urgent)),
    closed: closed.items,
    loading: computed(() => open.loading.value || closed.loading.value),
    error: computed(() => open.error.value ?? closed.error.value),
  };
}

/** The urgent calls no driver has been sent to yet: what every office screen raises until someone acts on it. */
export function useUnsentUrgentCalls() {
  const live = useLiveQuery<ServiceCall, null>(
    () => null,
    (db) => query(collection(db, 'serviceCalls'), where('status', '==', 'open'), where('urgent', '==', true)),
  );
  return computed(() => [...live.items.value].sort(openCallOrder));
}

/** The calls the office sent this driver to and not yet closed, soonest first (firestore.rules: theirs only). */
export function useDriverServiceCalls(driverId: WatchSource<string | undefined>) {
  const live = useLiveQuery<ServiceCall, string | undefined>(driverId, (db, id) =>
    id ? query(collection(db, 'serviceCalls'), where('driverId', '==', id), where('status', '==', 'assigned')) : null,
  );
  return {
    calls: computed(() => [...live.items.value].sort((a, b) => (a.assignment?.scheduledAt ?? '').localeCompare(b.assignment?.scheduledAt ?? ''))),
    error: live.error,
  };
}

/**
 * One customer's calls, newest first, live: the office's drawer and the customer's portal see a call sent, handed over or
 * closed as it happens (firestore.rules: a customer reads their own). A customer has a handful, so they are sorted here.
 */
export function useCustomerServiceCalls(customerId: WatchSource<string>) {
  const live = useLiveQuery<ServiceCall, string>(customerId, (db, id) => query(collection(db, 'serviceCalls'), where('customerId', '==', id)));
  return {
    calls: computed(() => [...live.items.value].sort((a, b) => b.openedAt.localeCompare(a.openedAt))),
    loading: live.loading,
    error: live.error,
  };
}

/** The office for any customer, the customer for themself; a retry with the same key answers the first call. */
export const openServiceCall = (input: NewServiceCall, idempotencyKey: string) => api.post<ServiceCall>('/api/service-calls', input, { idempotencyKey });

export const assignServiceCall = (id: string, input: { driverId: string; scheduledAt: string }) => api.post<ServiceCall>(`${callPath(id)}/assign`, input);

export const closeServiceCall = (id: string, input: ServiceCallClosing) => api.post<ServiceCall>(`${callPath(id)}/close`, input);
