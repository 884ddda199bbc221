// What an ingest run published to a topic of the in-process transport, read back by the
// pipeline's specs: every message from the beginning, parsed as JSON.
import type { InProcessTransport } from '../../../transport/in-process/in-process-transport.js';

export async function drainTopic<T>(transport: InProcessTransport, topic: string, groupId = `test-${topic}`): Promise<T[]> {
  const seen: T[] = [];
  const subscription = await transport.subscribe({ groupId, topics: [topic], fromBeginning: true }, async (batch) => {
    for (const record of batch.records) seen.push(JSON.parse(record.value.toString('utf8')) as T);
  });
  // The in-process transport delivers on its own loop: give it a moment to hand everything over.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await subscription.stop();
  return seen;
}
