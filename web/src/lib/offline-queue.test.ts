import { ApiError, IDEMPOTENCY_IN_PROGRESS, NETWORK_UNREACHABLE } from './api-client';
import { createOfflineQueue, keepFlushing, type QueuedAction, type QueueState, webStorageQueue } from './offline-queue';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

const action = (actionId: string) => ({
  actionId,
  path: `/api/driver/stops/${actionId}/deliver`,
  body: { actionId },
  subjectId: actionId,
  label: actionId,
  enqueuedAt: '2026-11-28T06:00:00Z',
});

const offline = () => new ApiError(0, NETWORK_UNREACHABLE, '');

describe('driver offline queue', () => {
  it('keeps one entry per actionId however often the driver taps', () => {
    const queue = createOfflineQueue(webStorageQueue(memoryStorage(), 'q'), async () => undefined);
    queue.enqueue(action('a'));
    queue.enqueue(action('a'));
    queue.enqueue(action('b'));
    expect(queue.state().pending.map((a) => a.actionId)).toEqual(['a', 'b']);
  });

  it('sends in order and empties the queue when the network is back', async () => {
    const sent: string[] = [];
    const queue = createOfflineQueue(webStorageQueue(memoryStorage(), 'q'), async (a) => void sent.push(a.actionId));
    queue.enqueue(action('a'));
    queue.enqueue(action('b'));
    await queue.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(queue.state().pending).toEqual([]);
  });

  it('stops at a transient failure, keeps the order, counts attempts, and retries later', async () => {
    let online = false;
    const sent: string[] = [];
    const queue = createOfflineQueue(webStorageQueue(memoryStorage(), 'q'), async (a: QueuedAction) => {
      if (!online) throw offline();
      sent.push(a.actionId);
    });
    queue.enqueue(action('a'));
    queue.enqueue(action('b'));
    await queue.flush();
    await queue.flush();
    expect(queue.state().pending.map((a) => [a.actionId, a.attempts])).toEqual([['a', 2], ['b', 0]]);
    online = true;
    await queue.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(queue.state().pending).toEqual([]);
  });

  it('treats 503 and 429 as transient but moves a permanent refusal aside without blocking the rest', async () => {
    const failures: Record<string, ApiError> = {
      a: new ApiError(409, 'ORDER.INVALID_TRANSITION', 'Already cancelled'),
      b: new ApiError(503, 'SYSTEM.UNAVAILABLE', 'down'),
    };
    const queue = createOfflineQueue(webStorageQueue(memoryStorage(), 'q'), async (a) => {
      const failure = failures[a.actionId];
      if (failure) throw failure;
    });
    queue.enqueue(action('a'));
    queue.enqueue(action('b'));
    await queue.flush();
    expect(queue.state().rejected.map((r) => [r.actionId, r.code, r.message])).toEqual([['a', 'ORDER.INVALID_TRANSITION', 'Already cancelled']]);
    expect(queue.state().pending.map((a) => a.actionId)).toEqual(['b']);
    queue.dismissRejected('a');
    expect(queue.state().rejected).toEqual([]);
  });

  it('keeps an action whose first attempt is still running (409 IDEMPOTENCY.IN_PROGRESS) and sends it again later', async () => {
    let running = true;
    const sent: string[] = [];
    const queue = createOfflineQueue(webStorageQueue(memoryStorage(), 'q'), async (a) => {
      if (running) throw new ApiError(409, IDEMPOTENCY_IN_PROGRESS, 'The same request is still being processed; retry shortly.');
      sent.push(a.actionId);
    });
    queue.enqueue(action('a'));
    queue.enqueue(action('b'));
    await queue.flush();
    expect(queue.state().rejected).toEqual([]);
    expect(queue.state().pending.map((a) => [a.actionId, a.attempts])).toEqual([['a', 1], ['b', 0]]);
    running = false;
    await queue.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(queue.state().pending).toEqual([]);
  });

  it('never sends the same action twice when flushes overlap', async () => {
    let calls = 0;
    const queue = createOfflineQueue(webStorageQueue(memoryStorage(), 'q'), async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
    });
    queue.enqueue(action('a'));
    await Promise.all([queue.flush(), queue.flush(), queue.flush()]);
    expect(calls).toBe(1);
  });

  it('survives a reload: the state lives in storage and notifies subscribers', async () => {
    const storage = memoryStorage();
    const first = createOfflineQueue(webStorageQueue(storage, 'q'), async () => {
      throw offline();
    });
    const seen: QueueState[] = [];
    first.subscribe((s) => seen.push(s));
    first.enqueue(action('a'));
    await first.flush();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const second = createOfflineQueue(webStorageQueue(storage, 'q'), async () => undefined);
    expect(second.state().pending.map((a) => [a.actionId, a.attempts])).toEqual([['a', 1]]);
  });

  it('carries a delivery with the deposits taken at the door through a dead battery, sent exactly as queued', async () => {
    const storage = memoryStorage();
    const body = { actionId: 'd', delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: 1700, depositCollected: [{ size: 20, count: 2, amount: 2000 }] };
    const first = createOfflineQueue(webStorageQueue(storage, 'q'), async () => {
      throw offline();
    });
    first.enqueue({ ...action('d'), body });
    await first.flush();
    const sent: unknown[] = [];
    const second = createOfflineQueue(webStorageQueue(storage, 'q'), async (a) => void sent.push(a.body));
    await second.flush();
    expect(sent).toEqual([body]);
  });

  it('starts empty when the stored JSON is corrupt', () => {
    const storage = memoryStorage();
    storage.setItem('q', '{not json');
    expect(webStorageQueue(storage, 'q').load()).toEqual({ pending: [], rejected: [] });
  });
});

describe('keepFlushing', () => {
  afterEach(() => jest.useRealTimers());

  it('flushes at once, when the signal comes back and on every tick, and not at all once stopped', () => {
    jest.useFakeTimers();
    const flush = jest.fn(async () => undefined);
    const events = new EventTarget();
    const stop = keepFlushing({ flush }, events, 15_000);
    expect(flush).toHaveBeenCalledTimes(1);
    events.dispatchEvent(new Event('online'));
    expect(flush).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(30_000);
    expect(flush).toHaveBeenCalledTimes(4);
    stop();
    events.dispatchEvent(new Event('online'));
    jest.advanceTimersByTime(30_000);
    expect(flush).toHaveBeenCalledTimes(4);
  });
});
