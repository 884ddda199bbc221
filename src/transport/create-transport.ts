// Picks the transport the configuration asks for and makes sure the project's topics
// exist (with KAFKA_PARTITIONS partitions) before anything publishes or consumes.
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../app/config.js';
import { InProcessTransport } from './in-process/in-process-transport.js';
import { KafkaTransport } from './kafka/kafka-transport.js';
import { ALL_TOPICS } from './messages/topics.js';
import type { Transport } from './port.js';

export async function createTransport(config: Config, logger: Logger, registry?: Registry): Promise<Transport> {
  const transportLogger = logger.child({ component: 'transport', transport: config.TRANSPORT });
  const transport =
    config.TRANSPORT === 'kafka'
      ? await KafkaTransport.connect({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          logger: transportLogger,
          registry,
          lagIntervalMs: config.KAFKA_LAG_INTERVAL_MS,
        })
      : new InProcessTransport({ logger: transportLogger, defaultPartitions: config.KAFKA_PARTITIONS });
  await transport.ensureTopics(ALL_TOPICS.map((topic) => ({ topic, partitions: config.KAFKA_PARTITIONS })));
  return transport;
}
