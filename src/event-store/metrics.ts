// What the event store exports to /metrics: appends and events written, by outcome, and
// how long an append takes, whichever adapter does the work.
import { Counter, Histogram, register } from 'prom-client';

export const appendsTotal = (register.getSingleMetric('roadledger_event_store_appends_total') ??
  new Counter({ name: 'roadledger_event_store_appends_total', help: 'Appends to the event store, by outcome', labelNames: ['outcome'] })) as Counter<'outcome'>;

export const eventsAppendedTotal = (register.getSingleMetric('roadledger_event_store_events_appended_total') ??
  new Counter({ name: 'roadledger_event_store_events_appended_total', help: 'Events handed to successful appends (idempotent replays included)' })) as Counter;

export const appendSeconds = (register.getSingleMetric('roadledger_event_store_append_duration_seconds') ??
  new Histogram({
    name: 'roadledger_event_store_append_duration_seconds',
    help: 'Latency of one append call',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  })) as Histogram;
