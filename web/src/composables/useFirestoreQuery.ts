import { onSnapshot, type DocumentReference, type Firestore, type Query, Timestamp } from 'firebase/firestore';
import { onScopeDispose, ref, shallowRef, watch, type WatchSource } from 'vue';
import { firestoreFor } from '../modules/firebase';
import { useSession } from './useSession';

/** Firestore Timestamps become ISO strings so screens see the contract's instant format. */
function normalise(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

type Target = Query | DocumentReference | null;

/**
 * Shared plumbing for the listener composables (useOrders, useRoutes, useOptimizationJob): re-listens
 * when `source` changes, stops when the component goes away. `build` returns null to listen to nothing.
 * Only those composables call this; screens never touch Firestore.
 */
export function useLiveQuery<T extends { id: string }, S>(source: WatchSource<S>, build: (db: Firestore, value: S) => Target) {
  const items = shallowRef<T[]>([]);
  const loading = ref(true);
  const error = ref<string | null>(null);
  const { user } = useSession();
  let stop: (() => void) | undefined;
  let generation = 0;

  async function listen(value: S) {
    stop?.();
    stop = undefined;
    const mine = ++generation;
    const who = user.value;
    if (!who) return;
    loading.value = true;
    error.value = null;
    try {
      const db = await firestoreFor(who);
      const target = build(db, value);
      if (mine !== generation) return;
      if (!target) {
        items.value = [];
        loading.value = false;
        return;
      }
      const onError = (e: Error) => {
        error.value = e.message;
        loading.value = false;
      };
      stop =
        target.type === 'document'
          ? onSnapshot(
              target,
              (snap) => {
                items.value = snap.exists() ? [{ ...(normalise(snap.data()) as object), id: snap.id } as T] : [];
                loading.value = false;
              },
              onError,
            )
          : onSnapshot(
              target,
              (snap) => {
                items.value = snap.docs.map((d) => ({ ...(normalise(d.data()) as object), id: d.id }) as T);
                loading.value = false;
              },
              onError,
            );
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      loading.value = false;
    }
  }

  watch([source, user], ([value]) => void listen(value as S), { immediate: true });
  onScopeDispose(() => {
    generation += 1;
    stop?.();
  });
  return { items, loading, error };
}
