// Realistic traffic history for projection tests and the rebuild benchmark, produced by
// the domain's deciders (so every event is one the rules allow) and deterministic for a
// seed: zones, devices and a fine schedule, then infractions with their lifecycle,
// vehicle observations and heartbeats, in the order a live system would append them.
import type { Actor } from '../../domain/shared/actor.js';
import type { Command, DomainEvent, EventEnvelope } from '../../domain/shared/message.js';
import { toEnvelopes } from '../../domain/shared/envelope.js';
import type { ExpectedRevision } from '../../event-store/port.js';
import { fineScheduleDecider } from '../../domain/fine-schedule/decide.js';
import { FINE_SCHEDULE_STREAM } from '../../domain/fine-schedule/events.js';
import { infractionStream } from '../../domain/infraction/events.js';
import { createDecide as createZoneDecide } from '../../domain/zone/decide.js';
import { zoneStream } from '../../domain/zone/events.js';
import { createDecide as createDeviceDecide } from '../../domain/device/decide.js';
import { deviceStream } from '../../domain/device/events.js';
import { observationDecider } from '../../domain/observation/decide.js';
import { observationsStream } from '../../domain/observation/events.js';
import { SCHEDULE_V1 } from '../../domain/testing/infraction-builders.js';
import { infractionLifecycle } from './infraction-lifecycle.js';
import { Random } from './random.js';

export interface Append {
  stream: string;
  events: EventEnvelope[];
  expected: ExpectedRevision;
}

export interface HistoryOptions {
  /** Stop after about this many events. */
  events: number;
  seed?: number;
  zones?: number;
  devicesPerZone?: number;
  start?: string;
  /** Observations and heartbeats of a device-day gathered per append (as a writer batching a Kafka poll would). */
  observationBatch?: number;
  /** Publish the fine schedule and register zones and devices first (default true); false to extend a history. */
  setup?: boolean;
}

const admin: Actor = { kind: 'user', userId: 'ada', role: 'admin' };

/** Decides one command against nothing (a new stream) and wraps the events. */
function fresh<C extends Command, E extends DomainEvent>(decide: (command: C, state: null) => E[], command: C): EventEnvelope[] {
  return toEnvelopes(command, decide(command, null));
}

export function* trafficHistory(options: HistoryOptions): Generator<Append> {
  const random = new Random(options.seed ?? 42);
  const zones = options.zones ?? 8;
  const devicesPerZone = options.devicesPerZone ?? 4;
  let clock = Date.parse(options.start ?? '2026-01-01T00:00:00.000Z');
  let produced = 0;
  let commandNo = 0;
  const meta = (actor: Actor, at: number): Command['metadata'] => {
    const commandId = `cmd-${options.seed ?? 42}-${commandNo++}`;
    return { commandId, correlationId: commandId, actor, now: new Date(at).toISOString() };
  };
  const emit = (append: Append): Append => {
    produced += append.events.length;
    return append;
  };

  const devices: { deviceId: string; zoneId: string }[] = [];
  for (let z = 1; z <= zones; z++) for (let d = 1; d <= devicesPerZone; d++) devices.push({ deviceId: `cam-${z}-${d}`, zoneId: `zone-${z}` });
  if (options.setup ?? true) {
    yield* setUp(random, devices, (actor) => meta(actor, clock));
    produced += 1 + zones + devices.length;
  }
  // Decisions come minutes to hours after detection: they are appended later, interleaved.
  const later: { dueAt: number; append: Append }[] = [];
  const observationRevisions: DayStreams = new Map();
  let infractionNo = 0;
  while (produced < options.events) {
    clock += random.int(10_000, 50_000);
    const { deviceId, zoneId } = random.pick(devices);
    const lifecycle = infractionLifecycle(random, {
      infractionId: `inf-${options.seed ?? 42}-${++infractionNo}`,
      deviceId,
      zoneId,
      occurredAt: clock,
      meta,
    });
    const detected = toEnvelopes(lifecycle.commands[0]!, lifecycle.eventsPerCommand[0]!);
    yield emit({ stream: infractionStream(lifecycle.infractionId), events: detected, expected: 'no_stream' });
    if (lifecycle.commands.length > 1) {
      const rest = lifecycle.commands.slice(1).flatMap((command, i) => toEnvelopes(command, lifecycle.eventsPerCommand[i + 1]!));
      later.push({ dueAt: lifecycle.decidedAt, append: { stream: infractionStream(lifecycle.infractionId), events: rest, expected: detected.length - 1 } });
    }
    // Vehicles that broke no rule, and the camera's heartbeat.
    for (let o = random.int(2, 6); o > 0; o--) observe(random, observationRevisions, { deviceId, at: clock - o * 1000, meta });
    if (random.chance(0.5)) heartbeat(observationRevisions, { deviceId, at: clock, meta });
    for (const append of flushDays(observationRevisions, options.observationBatch ?? 20)) yield emit(append);
    later.sort((a, b) => a.dueAt - b.dueAt);
    while (later.length > 0 && later[0]!.dueAt <= clock) yield emit(later.shift()!.append);
  }
  for (const { append } of later) yield emit(append);
  for (const append of flushDays(observationRevisions, 1)) yield emit(append);
}

function* setUp(random: Random, devices: readonly { deviceId: string; zoneId: string }[], meta: (actor: Actor) => Command['metadata']): Generator<Append> {
  const schedule = { type: 'PublishFineSchedule' as const, data: SCHEDULE_V1, metadata: meta(admin) };
  yield { stream: FINE_SCHEDULE_STREAM, events: toEnvelopes(schedule, fineScheduleDecider.decide(schedule, fineScheduleDecider.initialState)), expected: 'no_stream' };
  const zoneDecide = createZoneDecide();
  const deviceDecide = createDeviceDecide();
  for (const zoneId of new Set(devices.map((device) => device.zoneId))) {
    const data = { zoneId, name: `Avenue ${zoneId}`, speedLimitKmh: random.pick([40, 50, 60, 80]), jurisdiction: 'PE' };
    yield { stream: zoneStream(zoneId), events: fresh(zoneDecide, { type: 'RegisterZone', data, metadata: meta(admin) }), expected: 'no_stream' };
  }
  for (const { deviceId, zoneId } of devices) {
    const register = { deviceId, zoneId, name: `Camera ${deviceId}`, streamUrl: `rtsp://cameras.local/${deviceId}`, credentialsRef: null };
    yield { stream: deviceStream(deviceId), events: fresh(deviceDecide, { type: 'RegisterDevice', data: register, metadata: meta(admin) }), expected: 'no_stream' };
  }
}

interface DayStream {
  /** Revision stored (or about to be) by the appends already yielded. */
  revision: number;
  state: typeof observationDecider.initialState;
  pending: EventEnvelope[];
}
type DayStreams = Map<string, DayStream>;

function* flushDays(days: DayStreams, atLeast: number): Generator<Append> {
  for (const [stream, day] of days) {
    if (day.pending.length < atLeast || day.pending.length === 0) continue;
    yield { stream, events: day.pending, expected: day.revision < 0 ? 'no_stream' : day.revision };
    day.revision += day.pending.length;
    day.pending = [];
  }
}
interface At {
  deviceId: string;
  at: number;
  meta: (actor: Actor, at: number) => Command['metadata'];
}

function appendToDay(days: DayStreams, deviceId: string, at: number, command: Parameters<typeof observationDecider.decide>[0]): void {
  const stream = observationsStream(deviceId, new Date(at).toISOString());
  const day = days.get(stream) ?? { revision: -1, state: observationDecider.initialState, pending: [] };
  const events = observationDecider.decide(command, day.state);
  // The day's set of observation ids only matters for redeliveries, which this history never makes.
  day.state = { ...day.state, lastHeartbeatAt: command.type === 'RecordHeartbeat' ? command.data.at : day.state.lastHeartbeatAt };
  day.pending.push(...toEnvelopes(command, events));
  days.set(stream, day);
}

function observe(random: Random, days: DayStreams, { deviceId, at, meta }: At): void {
  const actor: Actor = { kind: 'device', deviceId };
  const plate = random.chance(0.9) ? { text: random.plate(), confidence: random.float(0.6, 0.99), reader: 'tesseract.js@7/eng', format: 'PERU' } : null;
  const data = {
    observationId: `obs-${deviceId}-${at}`,
    deviceId,
    trackId: `track-${at}`,
    observedAt: new Date(at).toISOString(),
    plate,
    speedKmh: random.float(20, 75),
    lane: random.pick(['lane-1', 'lane-2']),
  };
  appendToDay(days, deviceId, at, { type: 'RecordObservation', data, metadata: meta(actor, at) });
}

function heartbeat(days: DayStreams, { deviceId, at, meta }: At): void {
  const data = { deviceId, at: new Date(at).toISOString(), fps: 25, latencyMs: 40 + (at % 60) };
  appendToDay(days, deviceId, at, { type: 'RecordHeartbeat', data, metadata: meta({ kind: 'device', deviceId }, at) });
}

