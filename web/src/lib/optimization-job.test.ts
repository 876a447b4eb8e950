import { isStale } from './optimization-job';

const at = Date.parse('2026-11-28T02:00:00Z');

describe('optimisation job staleness', () => {
  it('calls a running job stale once its heartbeat is older than 30 s', () => {
    const job = { id: 'j', status: 'running' as const, heartbeatAt: '2026-11-28T02:00:00Z' };
    expect(isStale(job, at + 29_000)).toBe(false);
    expect(isStale(job, at + 31_000)).toBe(true);
  });

  it('never calls a finished or queued job stale', () => {
    for (const status of ['succeeded', 'failed', 'cancelled', 'queued'] as const) {
      expect(isStale({ id: 'j', status, heartbeatAt: '2026-11-28T01:00:00Z' }, at)).toBe(false);
    }
  });
});
