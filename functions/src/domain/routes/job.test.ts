import { cancelJob, claimJob, isStale, jobView, newJob, rerunJob, STALE_AFTER_MS, untilStale, type OptimizationJob } from './job';

const t0 = new Date('2026-12-01T00:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const queued = newJob('job', { date: '2026-12-02', depotId: 'd', orderIds: ['o1'], timeLimitSeconds: 30 }, { uid: 'u', role: 'office' }, t0);
const running = (): OptimizationJob => {
  const d = claimJob(queued, 'run-1', t0);
  if (!d.claim) throw new Error('not claimed');
  return d.next;
};

describe('optimisation job', () => {
  it('is claimed once: a redelivery during a live run leaves at once', () => {
    expect(running()).toMatchObject({ status: 'running', runId: 'run-1', attempt: 1 });
    expect(claimJob(running(), 'run-2', later(1000))).toEqual({ claim: false, why: 'running_elsewhere' });
  });

  it('is taken over when the heartbeat went quiet, and shown as failed meanwhile', () => {
    const quiet = later(STALE_AFTER_MS + 1);
    expect(isStale(running(), quiet)).toBe(true);
    expect(jobView(running(), quiet)).toMatchObject({ status: 'failed', error: 'STALE' });
    const d = claimJob(running(), 'run-2', quiet);
    expect(d.claim && d.next).toMatchObject({ runId: 'run-2', attempt: 2 });
  });

  it('tells a redelivery finding a live-looking run how long until a heartbeat that does not move is stale', () => {
    const wait = untilStale(running(), later(10_000));
    expect(wait).toBeGreaterThan(STALE_AFTER_MS - 10_000);
    expect(isStale(running(), later(10_000 + wait))).toBe(true);
    expect(claimJob(running(), 'run-2', later(10_000 + wait))).toMatchObject({ claim: true });
    expect(untilStale(running(), later(STALE_AFTER_MS + 5000))).toBe(0);
  });

  it('reruns only when failed, stale or cancelled', () => {
    expect(() => rerunJob(running(), later(1000))).toThrow(expect.objectContaining({ code: 'OPTIMIZE.NOT_RERUNNABLE' }));
    const rerun = rerunJob(running(), later(STALE_AFTER_MS + 1));
    expect(rerun).toMatchObject({ status: 'queued', attempt: 1 });
    expect(rerun.runId).toBeUndefined();
  });

  it('cancels a queued job at once and asks a running one to stop', () => {
    expect(cancelJob(queued, t0).status).toBe('cancelled');
    expect(cancelJob(running(), later(1000))).toMatchObject({ status: 'running', cancelRequested: true });
    expect(claimJob(cancelJob(queued, t0), 'run', t0)).toEqual({ claim: false, why: 'cancelled' });
    expect(() => cancelJob({ ...running(), status: 'succeeded' }, t0)).toThrow(expect.objectContaining({ code: 'OPTIMIZE.NOT_CANCELLABLE' }));
  });
});
