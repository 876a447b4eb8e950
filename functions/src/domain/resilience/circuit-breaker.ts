import type { Clock } from '../clock';
import { DomainError } from '../errors';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  readonly coolDownMs: number;
  readonly clock: Clock;
}

export const DEFAULT_BREAKER: Omit<CircuitBreakerOptions, 'clock'> = { failureThreshold: 5, coolDownMs: 30_000 };

/** Thrown instead of calling the protected service while the circuit is open. */
export class CircuitOpenError extends DomainError {
  constructor(readonly retryAt: Date) {
    super('RESILIENCE.CIRCUIT_OPEN', 'unavailable', `circuit open until ${retryAt.toISOString()}`, {
      retryAt: retryAt.toISOString(),
    });
  }
}

/**
 * Stops calling a failing service for a cool-down, then lets one trial call decide whether it is
 * back. Time comes from the injected clock, so the state machine is tested without waiting.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (options.failureThreshold < 1) throw new RangeError('failureThreshold must be at least 1');
  }

  state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.options.clock.now().getTime() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const state = this.state();
    // While half-open only one trial goes through; concurrent callers are refused as if still open.
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      throw new CircuitOpenError(new Date((this.openedAt ?? 0) + this.options.coolDownMs));
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await work();
      this.failures = 0;
      this.openedAt = null;
      return result;
    } catch (error) {
      this.failures += 1;
      if (trial || this.failures >= this.options.failureThreshold) {
        this.openedAt = this.options.clock.now().getTime();
      }
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }
}
