// Single publishes that arrive while a send is in flight ride together in the next send:
// with one request in flight (for per-key order) this turns many concurrent small sends
// (the writer's dead letters, one per bad record) into a few batched ones. Call order is
// kept within each topic.
import type { Message, Producer } from 'kafkajs';

interface Pending {
  topic: string;
  message: Message;
  done: (error?: unknown) => void;
}

export class CoalescingSender {
  private queue: Pending[] = [];
  private sending = false;

  constructor(private readonly producer: Producer) {}

  send(topic: string, message: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ topic, message, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const topics = [...new Set(batch.map((entry) => entry.topic))];
      try {
        await this.producer.sendBatch({
          topicMessages: topics.map((topic) => ({ topic, messages: batch.filter((entry) => entry.topic === topic).map((entry) => entry.message) })),
        });
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.done(error ?? new Error('send failed'));
      }
    }
    this.sending = false;
  }
}
