// The event writer's dispatcher: each valid transport message becomes one command on the
// command bus. The command id comes from the message id, so a redelivered message finds
// its command already applied and appends nothing.
import type { CommandBus } from '@nestjs/cqrs';
import { assertNever, type Actor } from '../../domain/shared/actor.js';
import type { CommandMetadata } from '../../domain/shared/message.js';
import { toleranceFor, type ToleranceRule } from '../../domain/shared/tolerance.js';
import { send as sendOnBus } from '../../commands/command-messages.js';
import { CommandConflict } from '../../commands/runner/errors.js';
import type { BusCommand } from '../../commands/command-messages.js';
import type { DeviceStatusMessageV1, InfractionMessageV1, ObservationMessageV1, PlateRead } from '../../transport/messages/index.js';
import type { ParsedMessage } from '../../transport/messages/parse-message.js';
import { MessageRejectedError, type DispatchContext, type MessageDispatcher } from '../../transport/writer/message-dispatcher.js';
import type { ZoneDirectory } from './zone-directory.js';

export class CommandDispatcher implements MessageDispatcher {
  constructor(
    private readonly bus: CommandBus,
    private readonly zones: ZoneDirectory,
    private readonly tolerances: readonly ToleranceRule[],
  ) {}

  async dispatch(parsed: ParsedMessage, context: DispatchContext): Promise<void> {
    switch (parsed.kind) {
      case 'infraction':
        return this.infraction(parsed.message, context);
      case 'observation':
        return this.observation(parsed.message, context);
      case 'device-status':
        return this.heartbeat(parsed.message, context);
      default:
        return assertNever(parsed);
    }
  }

  private async infraction(message: InfractionMessageV1, context: DispatchContext): Promise<void> {
    const zone = await this.zones.get(message.zoneId);
    if (!zone) throw new MessageRejectedError(`zone ${message.zoneId} is not registered`, [{ path: 'zoneId', message: 'unknown zone' }]);
    let speed = null;
    if (message.speed) {
      const tolerance = toleranceFor(this.tolerances, zone.jurisdiction);
      if (!tolerance) throw new MessageRejectedError(`no tolerance rule for jurisdiction ${zone.jurisdiction}`, [{ path: 'zoneId', message: 'zone jurisdiction has no tolerance' }]);
      // The zone's limit is the law; the device's copy of it travels only in the message.
      speed = { measuredKmh: message.speed.measuredKmh, limitKmh: zone.speedLimitKmh, tolerance };
    }
    await this.send({
      type: 'RecordInfractionDetected',
      data: {
        infractionId: message.messageId,
        infractionType: message.infractionType,
        deviceId: message.deviceId,
        zoneId: message.zoneId,
        occurredAt: message.occurredAt,
        plate: plateOf(message.plate),
        speed,
        evidence: message.evidence,
        trackId: message.trackId,
        lane: message.lane ?? null,
        observationId: message.observationId ?? null,
      },
      metadata: metadataFor(message, context),
    });
  }

  private async observation(message: ObservationMessageV1, context: DispatchContext): Promise<void> {
    await this.send({
      type: 'RecordObservation',
      data: {
        observationId: message.messageId,
        deviceId: message.deviceId,
        trackId: message.trackId,
        observedAt: message.deviceTime,
        plate: plateOf(message.plate ?? null),
        speedKmh: message.speedKmh ?? null,
        lane: message.lane ?? null,
      },
      metadata: metadataFor(message, context),
    });
  }

  /** A command that no longer applies never will: dead-letter it rather than retry forever. */
  private async send(command: BusCommand): Promise<void> {
    try {
      await sendOnBus(this.bus, command);
    } catch (error) {
      if (error instanceof CommandConflict && error.reason === 'NO_LONGER_APPLIES') {
        throw new MessageRejectedError(error.message, [{ path: '(command)', message: error.refusal?.code ?? 'NO_LONGER_APPLIES' }]);
      }
      throw error;
    }
  }

  private async heartbeat(message: DeviceStatusMessageV1, context: DispatchContext): Promise<void> {
    // An ingest worker says 'offline' while its camera's stream is down (RTSP reconnecting
    // or given up): that is no sign of life, and recording it would keep the camera ACTIVE.
    if (message.status === 'offline') return;
    await this.send({
      type: 'RecordHeartbeat',
      data: { deviceId: message.deviceId, at: message.deviceTime, fps: message.fps, latencyMs: message.latencyMs },
      metadata: metadataFor(message, context),
    });
  }
}

function plateOf(plate: PlateRead | null): { text: string; confidence: number; reader: string; format: string | null } | null {
  return plate ? { text: plate.text, confidence: plate.confidence, reader: plate.reader, format: plate.format ?? null } : null;
}

function metadataFor(message: { messageId: string; deviceId: string; ingestTime: string }, context: DispatchContext): CommandMetadata {
  const actor: Actor = { kind: 'device', deviceId: message.deviceId };
  return {
    commandId: `message-${message.messageId}`,
    correlationId: message.messageId,
    causationId: `${context.topic}/${context.partition}/${context.offset}`,
    actor,
    now: context.receivedAt,
  };
}
