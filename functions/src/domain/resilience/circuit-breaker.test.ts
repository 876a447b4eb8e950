import type { Clock } from '../clock';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';

function manualClock(start = Date.parse('2026-11-29T01:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

const fail = () => Promise.reject(new Error('boom'));
const ok = () => Promise.resolve('ok');

async function failTimes(breaker: CircuitBreaker, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await expect(breaker.run(fail)).rejects.toThrow('boom');
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and passes results through', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, clock: manualClock() });
    await failTimes(breaker, 2);
    expect(breaker.state()).toBe('closed');
    await expect(breaker.run(ok)).resolves.toBe('ok');
  });

  it('counts consecutive failures only: a success resets the count', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, clock: manualClock() });
    await failTimes(breaker, 2);
    await breaker.run(ok);
    await failTimes(breaker, 2);
    expect(breaker.state()).toBe('closed');
  });

  it('opens at the threshold and refuses calls without running them', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, clock });
    await failTimes(breaker, 3);
    expect(breaker.state()).toBe('open');
    const work = jest.fn(ok);
    const refused = breaker.run(work);
    await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(refused).rejects.toMatchObject({ code: 'RESILIENCE.CIRCUIT_OPEN', kind: 'unavailable' });
    expect(work).not.toHaveBeenCalled();
  });

  it('goes half-open after the cool-down and closes when the trial succeeds', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 1000, clock });
    await failTimes(breaker, 2);
    clock.advance(999);
    expect(breaker.state()).toBe('open');
    clock.advance(1);
    expect(breaker.state()).toBe('half-open');
    await expect(breaker.run(ok)).resolves.toBe('ok');
    expect(breaker.state()).toBe('closed');
  });

  it('reopens for a full cool-down when the half-open trial fails', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 1000, clock });
    await failTimes(breaker, 2);
    clock.advance(1000);
    await failTimes(breaker, 1);
    expect(breaker.state()).toBe('open');
    clock.advance(999);
    expect(breaker.state()).toBe('open');
  });

  it('lets only one trial through while half-open', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 1000, clock });
    await failTimes(breaker, 1);
    clock.advance(1000);
    let release: (v: string) => void = () => undefined;
    const trial = breaker.run(() => new Promise<string>((r) => (release = r)));
    const second = jest.fn(ok);
    await expect(breaker.run(second)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(second).not.toHaveBeenCalled();
    release('back');
    await expect(trial).resolves.toBe('back');
    expect(breaker.state()).toBe('closed');
  });

  it('rejects a threshold below one', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, coolDownMs: 1, clock: manualClock() })).toThrow(RangeError);
  });
});
