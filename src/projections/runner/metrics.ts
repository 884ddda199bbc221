// Prometheus view of the runner, per projection: events applied, lag and state.
import { Counter, Gauge, register } from 'prom-client';
import { PROJECTION_STATES, type ProjectionState } from './projection.js';

// Looked up first: several runners in one process (tests, CLI) share the default registry.
const applied = (register.getSingleMetric('roadledger_projection_events_total') ??
  new Counter({ name: 'roadledger_projection_events_total', help: 'Events applied by a projection (all types, checkpointed)', labelNames: ['projection'] })) as Counter<'projection'>;
const lag = (register.getSingleMetric('roadledger_projection_lag_events') ??
  new Gauge({ name: 'roadledger_projection_lag_events', help: 'Events between the checkpoint and the head (estimate)', labelNames: ['projection'] })) as Gauge<'projection'>;
const state = (register.getSingleMetric('roadledger_projection_state_info') ??
  new Gauge({ name: 'roadledger_projection_state_info', help: '1 for the current state of a projection', labelNames: ['projection', 'state'] })) as Gauge<'projection' | 'state'>;

export function recordBatch(projection: string, events: number, lagEvents: number, current: ProjectionState): void {
  applied.inc({ projection }, events);
  lag.set({ projection }, lagEvents);
  recordState(projection, current);
}

export function recordState(projection: string, current: ProjectionState): void {
  for (const candidate of PROJECTION_STATES) state.set({ projection, state: candidate }, candidate === current ? 1 : 0);
}
