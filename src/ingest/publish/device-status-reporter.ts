// A live source's changes of state, published as device-status messages on the same
// transport the passages go through, so the platform sees a camera drop and come back:
// streaming -> online; reconnecting or failed -> offline (the schema's three statuses
// carry no reason; the attempt and delay stay in the worker's own status callback).
import { deriveMessageId, DeviceStatusMessageV1, TOPICS } from '../../transport/messages/index.js';
import type { TransportProducer } from '../../transport/port.js';
import type { FrameSourceStatus } from '../types.js';

export function deviceStatusMessage(deviceId: string, status: FrameSourceStatus, at: Date, fps: number): DeviceStatusMessageV1 | null {
  const verdict = status.state === 'streaming' ? 'online' : status.state === 'reconnecting' || status.state === 'failed' ? 'offline' : null;
  if (verdict === null) return null;
  const deviceTime = at.toISOString();
  return DeviceStatusMessageV1.parse({
    // The state is part of the id: a drop and a recovery in the same millisecond are two facts.
    messageId: deriveMessageId({ kind: 'device-status', deviceId, deviceTime, discriminator: status.state }),
    schemaVersion: 1,
    deviceId,
    deviceTime,
    ingestTime: deviceTime,
    status: verdict,
    fps: verdict === 'online' ? fps : 0,
    latencyMs: 0,
  });
}

/** Publishes in order, without blocking the source's synchronous status callback. */
export class DeviceStatusReporter {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly publisher: TransportProducer,
    private readonly deviceId: string,
    private readonly fps: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  report(status: FrameSourceStatus): void {
    const message = deviceStatusMessage(this.deviceId, status, this.now(), this.fps);
    if (!message) return;
    this.chain = this.chain.then(() => this.publisher.publish(TOPICS.deviceStatus, this.deviceId, message)).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  /** Waits for every report so far; throws the first publish failure, if any. */
  async flush(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }
}
