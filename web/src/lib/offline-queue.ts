import { ApiError } from './api-client';

/** A driver action waiting to reach the API. `actionId` doubles as the Idempotency-Key. */
export interface QueuedAction {
  actionId: string;
  path: string;
  body: unknown;
  /** What the action is about (the order id for a stop), so screens can mark it as waiting. */
  subjectId: string;
  /** What the driver sees in the list (e.g. the customer name). */
  label: string;
  enqueuedAt: string;
  attempts: number;
}

/** An action the API refused for good (4xx other than 429 and a 409 for its first attempt still running): kept visible, never retried. */
export interface RejectedAction extends QueuedAction {
  code: string;
  message: string;
}

export interface QueueState {
  pending: QueuedAction[];
  rejected: RejectedAction[];
}

export interface QueueStorage {
  load(): QueueState;
  save(state: QueueState): void;
}

export type Sender = (action: QueuedAction) => Promise<unknown>;

export interface OfflineQueue {
  /** Adds the action unless one with the same actionId is pending already. */
  enqueue(action: Omit<QueuedAction, 'attempts'>): void;
  /** Sends pending actions in order; stops at the first transient failure to keep their order. */
  flush(): Promise<void>;
  dismissRejected(actionId: string): void;
  state(): QueueState;
  subscribe(listener: (state: QueueState) => void): () => void;
}

export function createOfflineQueue(storage: QueueStorage, send: Sender): OfflineQueue {
  let current = storage.load();
  let flushing: Promise<void> | null = null;
  const listeners = new Set<(state: QueueState) => void>();

  function commit(next: QueueState) {
    current = next;
    storage.save(current);
    for (const listener of listeners) listener(current);
  }

  async function drain() {
    for (;;) {
      const head = current.pending[0];
      if (!head) return;
      try {
        await send(head);
        commit({ ...current, pending: current.pending.filter((a) => a.actionId !== head.actionId) });
      } catch (error) {
        const tried = { ...head, attempts: head.attempts + 1 };
        const rest = current.pending.filter((a) => a.actionId !== head.actionId);
        if (!(error instanceof ApiError) || error.transient) {
          commit({ ...current, pending: [tried, ...rest] });
          return;
        }
        commit({ pending: rest, rejected: [...current.rejected, { ...tried, code: error.code, message: error.message }] });
      }
    }
  }

  return {
    enqueue(action) {
      if (current.pending.some((a) => a.actionId === action.actionId)) return;
      commit({ ...current, pending: [...current.pending, { ...action, attempts: 0 }] });
    },
    flush() {
      // One drain at a time: a second caller waits for the running one instead of double-sending.
      flushing ??= drain().finally(() => {
        flushing = null;
      });
      return flushing;
    },
    dismissRejected(actionId) {
      commit({ ...current, rejected: current.rejected.filter((a) => a.actionId !== actionId) });
    },
    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const EMPTY: QueueState = { pending: [], rejected: [] };

/** Persists the queue under one key of a Web Storage (localStorage in the app). */
export function webStorageQueue(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string): QueueStorage {
  return {
    load() {
      const raw = storage.getItem(key);
      if (!raw) return EMPTY;
      try {
        const parsed = JSON.parse(raw) as Partial<QueueState>;
        return { pending: parsed.pending ?? [], rejected: parsed.rejected ?? [] };
      } catch {
        return EMPTY;
      }
    },
    save: (state) => storage.setItem(key, JSON.stringify(state)),
  };
}

/**
 * Keeps a queue moving: flushes now, whenever `online` fires on `events` (the window: signal is back) and every
 * `everyMs`. Returns the function that stops it (a screen going away).
 */
export function keepFlushing(queue: Pick<OfflineQueue, 'flush'>, events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, everyMs: number): () => void {
  const flush = () => void queue.flush();
  events.addEventListener('online', flush);
  const timer = setInterval(flush, everyMs);
  flush();
  return () => {
    events.removeEventListener('online', flush);
    clearInterval(timer);
  };
}
