// Stops calling a registry that keeps failing: after `failures` consecutive unavailable
// answers the circuit opens and look-ups fail at once (no call, no wait) until
// `halfOpenAfterMs` has passed; then one trial call decides whether it closes again.
// cockatiel: typed in TypeScript, no dependencies, composable policies (see the report).
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleType, type CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '../app/logger.js';
import { RegistryUnavailable, type VehicleRegistry } from './port.js';
import type { RegistryRecord } from './registry-record.js';

export interface CircuitBreakerOptions {
  failures: number;
  halfOpenAfterMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreakerRegistry implements VehicleRegistry {
  private readonly breaker: CircuitBreakerPolicy;

  constructor(
    private readonly registry: VehicleRegistry,
    options: CircuitBreakerOptions,
    logger: Logger,
  ) {
    // Only unavailability trips it: an invalid answer about one plate says nothing of the others.
    this.breaker = circuitBreaker(handleType(RegistryUnavailable), {
      halfOpenAfter: options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.failures),
    });
    this.breaker.onBreak(() => logger.warn({ failures: options.failures, openForMs: options.halfOpenAfterMs }, 'registry circuit opened'));
    this.breaker.onReset(() => logger.info('registry circuit closed'));
  }

  get state(): BreakerState {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'open';
    }
  }

  async lookUp(plate: string): Promise<RegistryRecord | null> {
    try {
      return await this.breaker.execute(() => this.registry.lookUp(plate));
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new RegistryUnavailable('registry circuit is open', { cause: error });
      throw error;
    }
  }
}
