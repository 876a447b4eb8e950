import { type DocumentReference, type Firestore, onSnapshot, type Query, Timestamp } from 'firebase/firestore';
import { computed, onScopeDispose, ref, shallowRef, watch, type WatchSource } from 'vue';
import { firestoreFor, signInRefused } from '../modules/firebase';
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

/** Why a listener stopped, as screens word it: `errors.listener.<failure>`. */
export type ListenerFailure = 'permissionDenied' | 'unavailable' | 'failedPrecondition' | 'unauthenticated' | 'other';

// Firestore's codes for a failure that may pass: listening again later can work.
const PASSING = new Set(['unavailable', 'deadline-exceeded', 'resource-exhausted', 'aborted', 'internal', 'unknown', 'cancelled']);
const LASTING: Readonly<Record<string, ListenerFailure>> = {
  'permission-denied': 'permissionDenied',
  'failed-precondition': 'failedPrecondition',
  unauthenticated: 'unauthenticated',
};

/**
 * What a listener's failure means to the user (never the SDK's English message), and whether listening again may
 * work. Opening Firestore fails too: a sign-in refused means signing in again; init.json or Firebase Auth not reached
 * (a fetch's TypeError, `auth/network-request-failed`) is the network's.
 */
export function listenerFailure(error: unknown): { failure: ListenerFailure; retry: boolean } {
  if (signInRefused(error)) return { failure: 'unauthenticated', retry: false };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || code.startsWith('auth/') || PASSING.has(code)) return { failure: 'unavailable', retry: true };
  return { failure: LASTING[code] ?? 'other', retry: false };
}

/** Waits before listening again after a failure that may pass, longer each time (the browser's `online` cuts it short). */
export const RELISTEN_DELAYS_MS = [2_000, 5_000, 15_000, 30_000, 60_000] as const;

// With metadata changes: a first answer from the device's cache that the server then confirms unchanged raises no other
// snapshot otherwise, and `synced` would never turn true.
const WITH_METADATA = { includeMetadataChanges: true } as const;

function subscribe<T>(target: Target, next: (docs: T[], fromCache: boolean) => void, fail: (e: Error) => void): () => void {
  const toItem = (id: string, data: unknown) => ({ ...(normalise(data) as object), id }) as T;
  return target.type === 'document'
    ? onSnapshot(target, WITH_METADATA, (snap) => next(snap.exists() ? [toItem(snap.id, snap.data())] : [], snap.metadata.fromCache), fail)
    : onSnapshot(target, WITH_METADATA, (snap) => next(snap.docs.map((d) => toItem(d.id, d.data())), snap.metadata.fromCache), fail);
}

/**
 * Shared plumbing for the listener composables (useOrders, useRoutes, ...): re-listens when `source`
 * changes, stops when the component goes away. `build` returns the query or document to listen to,
 * several whose results are concatenated (when firestore.rules need one query per parent), or none.
 * A failed listener (Firestore stops it) is reported as a `ListenerFailure`, the items last read kept; one that may
 * pass (no signal) listens again after a while and when the browser is back online. `synced` turns true once every
 * target has answered from the server, and stays so until the source changes: before, the items may be only what the
 * device's cache held (a driver's phone offline at sign-in is answered from it, possibly nothing). `stale`: answered,
 * without a failure, from that cache alone (the API reached but not Firestore), which a screen must not read as "none".
 * Only those composables call this; screens never touch Firestore.
 */
export function useLiveQuery<T extends { id: string }, S>(source: WatchSource<S>, build: (db: Firestore, value: S) => Target | Target[] | null) {
  const items = shallowRef<T[]>([]);
  const loading = ref(true);
  const error = ref<ListenerFailure | null>(null);
  const synced = ref(false);
  const { user, session } = useSession();
  let stops: (() => void)[] = [];
  let generation = 0;
  // Sources are often computed objects rebuilt on every change upstream: re-listen only when the value differs.
  let listeningTo: string | null = null;
  let failures = 0;
  let relisten: { value: S; timer: ReturnType<typeof setTimeout> } | null = null;

  function stopAll() {
    for (const stop of stops) stop();
    stops = [];
  }

  function cancelRelisten() {
    if (relisten) clearTimeout(relisten.timer);
    relisten = null;
  }

  function failed(mine: number, value: S, e: unknown) {
    if (mine !== generation) return;
    // Listening to the same again must not be skipped as already done: on the source's next change, or below.
    listeningTo = null;
    const { failure, retry } = listenerFailure(e);
    error.value = failure;
    loading.value = false;
    if (!retry || relisten) return;
    const delay = RELISTEN_DELAYS_MS[Math.min(failures, RELISTEN_DELAYS_MS.length - 1)];
    failures += 1;
    relisten = { value, timer: setTimeout(relistenNow, delay) };
  }

  function relistenNow() {
    const pending = relisten;
    cancelRelisten();
    if (pending) void listen(pending.value, true);
  }

  /** `again`: after a failure, which stays shown (with the items last read) until an answer comes. */
  async function listen(value: S, again = false) {
    const key = JSON.stringify([user.value?.uid ?? null, value]);
    if (key === listeningTo) return;
    listeningTo = key;
    stopAll();
    cancelRelisten();
    const mine = ++generation;
    const who = user.value;
    if (!who) return;
    if (!again) {
      failures = 0;
      loading.value = true;
      error.value = null;
      synced.value = false;
    }
    try {
      const db = await firestoreFor(who, session.value?.firebaseToken);
      if (mine !== generation) return;
      const built = build(db, value);
      const targets = built === null ? [] : Array.isArray(built) ? built : [built];
      if (targets.length === 0) {
        items.value = [];
        loading.value = false;
        error.value = null;
        synced.value = true;
        return;
      }
      const parts: (T[] | undefined)[] = targets.map(() => undefined);
      const fromServer = targets.map(() => false);
      // Once one target of this attempt failed, the others' answers do not clear its failure.
      let broken = false;
      stops = targets.map((target, i) =>
        subscribe<T>(
          target,
          (docs, fromCache) => {
            parts[i] = docs;
            fromServer[i] ||= !fromCache;
            items.value = parts.flatMap((p) => p ?? []);
            loading.value = parts.some((p) => p === undefined);
            synced.value = fromServer.every(Boolean);
            if (broken) return;
            failures = 0;
            error.value = null;
          },
          (e) => {
            broken = true;
            // What this target read before it failed stays shown, and it no longer holds the others' loading.
            parts[i] ??= [];
            failed(mine, value, e);
          },
        ),
      );
    } catch (e) {
      failed(mine, value, e);
    }
  }

  window.addEventListener('online', relistenNow);
  watch([source, user], ([value]) => void listen(value as S), { immediate: true });
  onScopeDispose(() => {
    generation += 1;
    stopAll();
    cancelRelisten();
    window.removeEventListener('online', relistenNow);
  });
  const stale = computed(() => !loading.value && !synced.value && !error.value);
  return { items, loading, error, synced, stale };
}
