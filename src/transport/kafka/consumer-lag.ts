// Consumer lag per partition, refreshed on a timer: the broker's high watermark minus the
// group's committed offset (or minus the low watermark when the group has no commit yet).
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { gaugeIn } from '../registered-metric.js';

export class ConsumerLagMonitor {
  private readonly gauge;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly groupId: string,
    private readonly topics: readonly string[],
    registry: Registry,
    private readonly logger: Logger,
  ) {
    this.gauge = gaugeIn(registry, 'roadledger_consumer_lag_messages', 'Records not yet committed by a consumer group, per partition', [
      'group',
      'topic',
      'partition',
    ]);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn({ err: error, groupId: this.groupId }, 'consumer lag refresh failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const committed = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [...this.topics] });
    for (const topic of this.topics) {
      const watermarks = await this.admin.fetchTopicOffsets(topic);
      const groupOffsets = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      for (const { partition, high, low } of watermarks) {
        const offset = groupOffsets.find((entry) => entry.partition === partition)?.offset ?? '-1';
        const position = BigInt(offset) >= 0n ? BigInt(offset) : BigInt(low);
        const lag = BigInt(high) - position;
        this.gauge.set({ group: this.groupId, topic, partition: String(partition) }, Number(lag > 0n ? lag : 0n));
      }
    }
  }
}
