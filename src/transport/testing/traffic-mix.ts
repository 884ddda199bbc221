// The traffic of the fault tests and bench:pipeline: one message in five an infraction
// detection, the rest vehicle passages, spread over a set of devices, every one with its
// own stable id (sequence number -> track and device time).
import type { InfractionMessageV1 } from '../messages/infraction.js';
import type { ObservationMessageV1 } from '../messages/observation.js';
import { anInfraction, anObservation } from './message-builders.js';

export type TrafficMessage =
  | { kind: 'infraction'; key: string; message: InfractionMessageV1 }
  | { kind: 'observation'; key: string; message: ObservationMessageV1 };

export interface TrafficMixOptions {
  devices: number;
  /** The zone every device stands in (infractions are refused for an unknown zone). */
  zoneId?: string;
  /** Device-clock start of the traffic; message `seq` is `seq` ms later. */
  startsAt?: number;
}

export function trafficMessage(seq: number, options: TrafficMixOptions): TrafficMessage {
  const deviceId = `cam-${seq % options.devices}`;
  const deviceTime = new Date((options.startsAt ?? Date.UTC(2026, 2, 1, 8)) + seq).toISOString();
  const common = { deviceId, deviceTime, trackId: `track-${seq}`, zoneId: options.zoneId ?? 'zone-1' };
  if (seq % 5 === 0) {
    return { kind: 'infraction', key: deviceId, message: anInfraction({ ...common, occurredAt: deviceTime }) };
  }
  return { kind: 'observation', key: deviceId, message: anObservation({ ...common, observedAt: deviceTime }) };
}
