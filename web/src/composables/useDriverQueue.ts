import { computed, onScopeDispose, shallowRef, type ShallowRef } from 'vue';
import { createOfflineQueue, keepFlushing, type OfflineQueue, type QueueState, webStorageQueue } from '../lib/offline-queue';
import type { DoorDeposit } from '../components/driver/door-deposit';
import { type UploadNotice, uploadNotice, withNotice } from '../components/driver/upload-notices';
import type { ServiceCallClosing } from '../lib/service-calls';
import type { SizeQuantity } from '../lib/types';
import { api } from './useApi';

export interface DeliverInput {
  delivered: SizeQuantity[];
  emptiesCollected: SizeQuantity[];
  cashCollected: number;
  /** Deposits (押金) taken in cash at the door, one line per size; left out when none. */
  depositCollected?: DoorDeposit[];
  /** 鋼瓶號碼 of the full cylinders left and the empties taken back; left out when none were entered. */
  cylinderSerials?: { delivered: string[]; collected: string[] };
}

const RETRY_MS = 15_000;
const STOP_PATH = '/api/driver/stops/';
const CALL_PATH = '/api/service-calls/';
const stopPath = (orderId: string, kind: 'deliver' | 'fail') => `${STOP_PATH}${encodeURIComponent(orderId)}/${kind}`;
const queues = new Map<string, { queue: OfflineQueue; notices: ShallowRef<UploadNotice[]> }>();

/**
 * One queue per driver account, persisted in localStorage so a reload or dead battery loses nothing; beside it what the
 * uploads that went through have to tell the driver (kept while the app runs).
 */
function queueFor(uid: string): { queue: OfflineQueue; notices: ShallowRef<UploadNotice[]> } {
  let entry = queues.get(uid);
  if (!entry) {
    const notices = shallowRef<UploadNotice[]>([]);
    const queue = createOfflineQueue(webStorageQueue(localStorage, `lg.driverQueue.${uid}`), async (action) => {
      const answer = await api.post<unknown>(action.path, action.body, { idempotencyKey: action.actionId });
      notices.value = withNotice(notices.value, uploadNotice(action, answer));
      return answer;
    });
    entry = { queue, notices };
    queues.set(uid, entry);
  }
  return entry;
}

/**
 * Deliver / fail actions, and the closing of a service call (報修結案) after the visit, go through the offline queue:
 * recorded at once, sent when possible, retried when the browser comes back online and every 15 s. Each action's actionId
 * is also its Idempotency-Key, so a retry after a lost response never counts twice (a close's replay answers the first).
 */
export function useDriverQueue(uid: string) {
  const { queue, notices } = queueFor(uid);
  const state = shallowRef<QueueState>(queue.state());
  const unsubscribe = queue.subscribe((s) => (state.value = s));
  const flush = () => void queue.flush();
  const stop = keepFlushing(queue, window, RETRY_MS);
  onScopeDispose(() => {
    unsubscribe();
    stop();
  });

  function enqueue(actionId: string, path: string, body: object, subjectId: string, label: string) {
    queue.enqueue({ actionId, path, body, subjectId, label, enqueuedAt: new Date().toISOString() });
    flush();
  }

  function submit(orderId: string, kind: 'deliver' | 'fail', body: object, label: string) {
    const actionId = crypto.randomUUID();
    // `at` is when the driver acted, not when the upload finally got through.
    enqueue(actionId, stopPath(orderId, kind), { actionId, at: new Date().toISOString(), ...body }, orderId, label);
  }

  const waiting = (prefix: string) => computed(() => new Set(state.value.pending.filter((a) => a.path.startsWith(prefix)).map((a) => a.subjectId)));
  /** Orders with an action still waiting to upload: shown as done-pending on the stop list. */
  const queuedOrderIds = waiting(STOP_PATH);
  /** Service calls whose close is still waiting to upload: their card says 待上傳 instead of offering 結案. */
  const queuedCallIds = waiting(CALL_PATH);

  return {
    pending: computed(() => state.value.pending),
    rejected: computed(() => state.value.rejected),
    /** Uploads that went through with something to tell (collected cylinders the register does not know). */
    notices: computed(() => notices.value),
    queuedOrderIds,
    queuedCallIds,
    deliver: (orderId: string, input: DeliverInput, label: string) => submit(orderId, 'deliver', input, label),
    fail: (orderId: string, reason: string, label: string, note?: string) => submit(orderId, 'fail', { reason, ...(note ? { note } : {}) }, label),
    /**
     * The call's close as the server takes it (no `actionId` in the body: the action id is the Idempotency-Key alone), `at`
     * when the driver closed it, which dates the close and a supply stop however late the upload.
     */
    closeCall: (callId: string, closing: ServiceCallClosing, label: string) =>
      enqueue(crypto.randomUUID(), `${CALL_PATH}${encodeURIComponent(callId)}/close`, { ...closing, at: new Date().toISOString() }, callId, label),
    dismissRejected: (actionId: string) => queue.dismissRejected(actionId),
    dismissNotice: (actionId: string) => (notices.value = notices.value.filter((n) => n.actionId !== actionId)),
    retryNow: flush,
  };
}
