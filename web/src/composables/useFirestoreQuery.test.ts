import type { SessionUser } from '../lib/types';

/** Each onSnapshot the composable opens, with the callbacks to answer or fail it. */
interface Listener {
  next: (snap: { docs: { id: string; data: () => unknown }[]; metadata: { fromCache: boolean } }) => void;
  fail: (e: unknown) => void;
  stopped: boolean;
}
const listeners: Listener[] = [];
jest.mock('firebase/firestore', () => ({
  Timestamp: class {},
  onSnapshot: (_target: unknown, _options: unknown, next: Listener['next'], fail: Listener['fail']) => {
    const listener: Listener = { next, fail, stopped: false };
    listeners.push(listener);
    return () => (listener.stopped = true);
  },
}));
const firestoreFor = jest.fn<Promise<unknown>, []>();
jest.mock('../modules/firebase', () => ({
  firestoreFor: () => firestoreFor(),
  signInRefused: jest.requireActual<typeof import('../modules/firebase')>('../modules/firebase').signInRefused,
}));
const driver: SessionUser = { uid: 'u-driver1', username: 'driver1', displayName: '林司機', role: 'driver', driverId: 'drv-01' };
jest.mock('./useSession', () => {
  const { ref } = jest.requireActual<typeof import('vue')>('vue');
  return { useSession: () => ({ user: ref(driver), session: ref({ user: driver }) }) };
});

import { effectScope, nextTick, ref } from 'vue';
import { listenerFailure, RELISTEN_DELAYS_MS, useLiveQuery } from './useFirestoreQuery';

const browser = new EventTarget();
Object.assign(globalThis, { window: browser });

const firestoreError = (code: string, message: string) => Object.assign(new Error(message), { code });
const snapshot = (...ids: string[]) => ({ docs: ids.map((id) => ({ id, data: () => ({ customerName: id }) })), metadata: { fromCache: false } });
const flush = () => jest.advanceTimersByTimeAsync(0);

/** The day's orders, live, as a screen would hold them (stopped after each test). */
function liveOrders(day = ref({ date: '2026-03-02' })) {
  const scope = effectScope();
  const live = scope.run(() => useLiveQuery<{ id: string }, { date: string }>(day, () => ({ type: 'query' }) as never));
  if (!live) throw new Error('no live query');
  return { ...live, day, stop: () => scope.stop() };
}

let stop: (() => void) | null = null;
beforeEach(() => {
  jest.useFakeTimers();
  listeners.length = 0;
  firestoreFor.mockReset().mockResolvedValue({});
});
afterEach(() => {
  stop?.();
  jest.useRealTimers();
});

describe('a live query that fails', () => {
  it('says what a refusal means instead of the SDK’s English, does not retry it, and listens again when the same is asked again', async () => {
    const live = liveOrders();
    stop = live.stop;
    await flush();
    listeners[0]?.fail(firestoreError('permission-denied', 'Missing or insufficient permissions.'));
    expect(live.error.value).toBe('permissionDenied');
    expect(live.loading.value).toBe(false);
    await jest.advanceTimersByTimeAsync(120_000);
    browser.dispatchEvent(new Event('online'));
    await flush();
    expect(listeners).toHaveLength(1);

    // A source rebuilt with the same value (a computed object upstream): no longer skipped as already listened to.
    live.day.value = { date: '2026-03-02' };
    await nextTick();
    await flush();
    expect(listeners).toHaveLength(2);
  });

  it('listens again after a dropped connection, waiting longer each time, keeping the items and the failure shown until an answer comes', async () => {
    const live = liveOrders();
    stop = live.stop;
    await flush();
    listeners[0]?.next(snapshot('o1', 'o2'));
    listeners[0]?.fail(firestoreError('unavailable', 'The service is currently unavailable.'));
    expect(live.error.value).toBe('unavailable');

    await jest.advanceTimersByTimeAsync(RELISTEN_DELAYS_MS[0]);
    expect(listeners).toHaveLength(2);
    expect(listeners[0]?.stopped).toBe(true);
    expect(live.error.value).toBe('unavailable');
    expect(live.items.value.map((o) => o.id)).toEqual(['o1', 'o2']);

    listeners[1]?.fail(firestoreError('unavailable', 'The service is currently unavailable.'));
    await jest.advanceTimersByTimeAsync(RELISTEN_DELAYS_MS[0]);
    expect(listeners).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(RELISTEN_DELAYS_MS[1] - RELISTEN_DELAYS_MS[0]);
    expect(listeners).toHaveLength(3);

    listeners[2]?.next(snapshot('o1', 'o2', 'o3'));
    expect(live.error.value).toBeNull();
    expect(live.items.value.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
  });

  it('listens again at once when the browser is back online', async () => {
    const live = liveOrders();
    stop = live.stop;
    await flush();
    listeners[0]?.fail(firestoreError('unavailable', 'The service is currently unavailable.'));
    browser.dispatchEvent(new Event('online'));
    await flush();
    expect(listeners).toHaveLength(2);
  });

  it('takes Firestore not opening without signal (init.json not fetched after a reload) as the network’s, and tries again', async () => {
    firestoreFor.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const live = liveOrders();
    stop = live.stop;
    await flush();
    expect(live.error.value).toBe('unavailable');
    expect(listeners).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(RELISTEN_DELAYS_MS[0]);
    expect(listeners).toHaveLength(1);
    listeners[0]?.next(snapshot('o1'));
    expect(live.error.value).toBeNull();
  });

  it('stops listening again once the screen is gone', async () => {
    const live = liveOrders();
    await flush();
    listeners[0]?.fail(firestoreError('unavailable', 'The service is currently unavailable.'));
    live.stop();
    browser.dispatchEvent(new Event('online'));
    await jest.advanceTimersByTimeAsync(120_000);
    expect(listeners).toHaveLength(1);
  });
});

describe('what a listener failure means', () => {
  it('words each Firestore code for the user and retries only what may pass', () => {
    expect(listenerFailure(firestoreError('permission-denied', ''))).toEqual({ failure: 'permissionDenied', retry: false });
    expect(listenerFailure(firestoreError('failed-precondition', ''))).toEqual({ failure: 'failedPrecondition', retry: false });
    expect(listenerFailure(firestoreError('unauthenticated', ''))).toEqual({ failure: 'unauthenticated', retry: false });
    expect(listenerFailure(firestoreError('invalid-argument', ''))).toEqual({ failure: 'other', retry: false });
    for (const code of ['unavailable', 'deadline-exceeded', 'resource-exhausted', 'internal']) {
      expect(listenerFailure(firestoreError(code, ''))).toEqual({ failure: 'unavailable', retry: true });
    }
  });

  it('takes a Firebase Auth refusal as a sign-in to do again, and Firebase Auth out of reach as the network', () => {
    expect(listenerFailure(firestoreError('auth/invalid-custom-token', ''))).toEqual({ failure: 'unauthenticated', retry: false });
    expect(listenerFailure(firestoreError('auth/network-request-failed', ''))).toEqual({ failure: 'unavailable', retry: true });
  });
});

describe('a live query answered from the device’s cache', () => {
  it('says it is synced only once the server answered, stays so through cached answers after it, and not for another source until that one’s server answer', async () => {
    const live = liveOrders();
    stop = live.stop;
    await flush();
    listeners[0]?.next({ ...snapshot(), metadata: { fromCache: true } });
    expect([live.loading.value, live.synced.value]).toEqual([false, false]);
    listeners[0]?.next(snapshot('ord-1'));
    expect(live.synced.value).toBe(true);
    listeners[0]?.next({ ...snapshot('ord-1', 'ord-2'), metadata: { fromCache: true } });
    expect(live.synced.value).toBe(true);

    live.day.value = { date: '2026-03-03' };
    await nextTick();
    await flush();
    expect(live.synced.value).toBe(false);
  });
});
