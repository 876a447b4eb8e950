import { claimJob, newJob, STALE_AFTER_MS, type OptimizationJob } from './job';
import { claimPlan, isPlanInFlight, PLAN_TIMEOUT_MS, SUPERSEDED, takePlanLock, type PlanLock } from './plan-lock';

const t0 = new Date('2026-12-01T01:05:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const office = { uid: 'u-office', role: 'office' as const, name: '王小美' };
const request = { date: '2026-12-02', depotId: 'depot-zhonghe', timeLimitSeconds: 30 };
const jobOf = (id: string, over: Partial<OptimizationJob['request']> = {}) => newJob(id, { ...request, orderIds: ['o1'], ...over }, office, t0);
const running = (job: OptimizationJob, at: Date): OptimizationJob => {
  const d = claimJob(job, 'run-1', at);
  if (!d.claim) throw new Error('not claimed');
  return d.next;
};

describe('one plan of a depot and day at a time', () => {
  const first = jobOf('opt-1');
  const lock: PlanLock = takePlanLock(null, null, first, office, t0);

  it('refuses a second start while the first is queued or running, naming who started it and when (Taipei)', () => {
    expect(lock).toEqual({ id: 'depot-zhonghe_2026-12-02', depotId: 'depot-zhonghe', date: '2026-12-02', jobId: 'opt-1', startedBy: office, startedAt: t0.toISOString() });
    for (const holder of [first, running(first, t0)]) {
      expect(() => takePlanLock(lock, holder, jobOf('opt-2'), { uid: 'u-admin', role: 'admin' }, later(5000))).toThrow(
        expect.objectContaining({ code: 'OPTIMIZE.PLAN_RUNNING', kind: 'conflict', details: { jobId: 'opt-1', startedBy: '王小美', startedAt: t0.toISOString(), time: '09:05' } }),
      );
    }
  });

  it('lets the next plan start once the first finished, its runner went quiet, or the function timeout passed', () => {
    const second = jobOf('opt-2');
    for (const status of ['succeeded', 'failed', 'cancelled'] as const) {
      expect(takePlanLock(lock, { ...first, status }, second, office, later(5000)).jobId).toBe('opt-2');
    }
    const quiet = later(STALE_AFTER_MS + 1);
    expect(isPlanInFlight(lock, running(first, t0), quiet)).toBe(false);
    // Queued all along (its request never delivered), or beating past the platform's limit: stopped either way.
    expect(isPlanInFlight(lock, first, later(PLAN_TIMEOUT_MS - 1))).toBe(true);
    expect(isPlanInFlight(lock, first, later(PLAN_TIMEOUT_MS))).toBe(false);
    expect(isPlanInFlight(lock, null, t0)).toBe(false);
  });

  it('keys the lock by depot and day, so other depots and days plan alongside', () => {
    const zhonghe = takePlanLock(null, null, first, office, t0).id;
    expect(takePlanLock(null, null, jobOf('opt-b', { depotId: 'depot-sanchong' }), office, t0).id).not.toBe(zhonghe);
    expect(takePlanLock(null, null, jobOf('opt-c', { date: '2026-12-03' }), office, t0).id).not.toBe(zhonghe);
  });

  it('runs only the job the lock names: one it moved away from fails instead of running or finishing late', () => {
    expect(claimPlan(first, lock, 'run-1', t0)).toMatchObject({ claim: true });
    // A day planned before there were locks runs as it did.
    expect(claimPlan(first, null, 'run-1', t0)).toMatchObject({ claim: true });
    const moved = { ...lock, jobId: 'opt-2' };
    expect(claimPlan(first, moved, 'run-1', t0)).toMatchObject({ claim: false, why: 'superseded', next: { status: 'failed', error: SUPERSEDED } });
    expect(claimPlan(running(first, t0), moved, 'run-2', later(STALE_AFTER_MS + 1))).toMatchObject({ why: 'superseded' });
    expect(claimPlan({ ...first, status: 'succeeded' }, moved, 'run-1', t0)).toEqual({ claim: false, why: 'finished' });
  });
});
