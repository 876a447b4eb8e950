import { isStale, travelTimesOf } from './optimization-job';

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

describe('travel times of an optimisation job', () => {
  it('tells road times from straight lines once the job succeeded', () => {
    expect(travelTimesOf({ id: 'j', status: 'succeeded', stats: { travelTimes: 'roads' } })).toBe('roads');
    expect(travelTimesOf({ id: 'j', status: 'succeeded', stats: { travelTimes: 'straight-line', travelTimesFallback: 'MAPS.UNAVAILABLE' } })).toBe('straight-line');
  });

  it('says nothing while the job runs or when an older job recorded none', () => {
    expect(travelTimesOf({ id: 'j', status: 'running', stats: { travelTimes: 'roads' } })).toBeNull();
    expect(travelTimesOf({ id: 'j', status: 'succeeded', stats: { iterations: 10 } })).toBeNull();
    expect(travelTimesOf({ id: 'j', status: 'succeeded' })).toBeNull();
  });
});
