import { type DocumentReference, type Firestore, onSnapshot, type Query, Timestamp } from 'firebase/firestore';
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

export type Target = Query | DocumentReference;

function subscribe<T>(target: Target, next: (docs: T[]) => void, fail: (e: Error) => void): () => void {
  const toItem = (id: string, data: unknown) => ({ ...(normalise(data) as object), id }) as T;
  return target.type === 'document'
    ? onSnapshot(target, (snap) => next(snap.exists() ? [toItem(snap.id, snap.data())] : []), fail)
    : onSnapshot(target, (snap) => next(snap.docs.map((d) => toItem(d.id, d.data()))), fail);
}

/**
 * Shared plumbing for the listener composables (useOrders, useRoutes, ...): re-listens when `source`
 * changes, stops when the component goes away. `build` returns the query or document to listen to,
 * several whose results are concatenated (when firestore.rules need one query per parent), or none.
 * Only those composables call this; screens never touch Firestore.
 */
export function useLiveQuery<T extends { id: string }, S>(source: WatchSource<S>, build: (db: Firestore, value: S) => Target | Target[] | null) {
  const items = shallowRef<T[]>([]);
  const loading = ref(true);
  const error = ref<string | null>(null);
  const { user, session } = useSession();
  let stops: (() => void)[] = [];
  let generation = 0;
  // Sources are often computed objects rebuilt on every change upstream: re-listen only when the value differs.
  let listeningTo: string | null = null;

  function stopAll() {
    for (const stop of stops) stop();
    stops = [];
  }

  async function listen(value: S) {
    const key = JSON.stringify([user.value?.uid ?? null, value]);
    if (key === listeningTo) return;
    listeningTo = key;
    stopAll();
    const mine = ++generation;
    const who = user.value;
    if (!who) return;
    loading.value = true;
    error.value = null;
    try {
      const db = await firestoreFor(who, session.value?.firebaseToken);
      if (mine !== generation) return;
      const built = build(db, value);
      const targets = built === null ? [] : Array.isArray(built) ? built : [built];
      if (targets.length === 0) {
        items.value = [];
        loading.value = false;
        return;
      }
      const parts: (T[] | undefined)[] = targets.map(() => undefined);
      stops = targets.map((target, i) =>
        subscribe<T>(
          target,
          (docs) => {
            parts[i] = docs;
            items.value = parts.flatMap((p) => p ?? []);
            loading.value = parts.some((p) => p === undefined);
          },
          (e) => {
            error.value = e.message;
            loading.value = false;
          },
        ),
      );
    } catch (e) {
      listeningTo = null;
      error.value = e instanceof Error ? e.message : String(e);
      loading.value = false;
    }
  }

  watch([source, user], ([value]) => void listen(value as S), { immediate: true });
  onScopeDispose(() => {
    generation += 1;
    stopAll();
  });
  return { items, loading, error };
}
