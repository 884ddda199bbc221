// Where bench:ingest's evidence time goes. During the run: the store's put per item
// (SHA-256 and write) through a timing wrapper. After the run, one infraction at a time on
// the same video: each part of its evidence timed alone (the still's decode, the clip's
// cut, the snapshot's drawing, SHA-256, the store's put), as finish-track makes them.
import { createHash } from 'node:crypto';
import type { EvidenceStore, PutOptions, StoredEvidence } from '../src/evidence/port.js';
import { cutClipSpan } from '../src/ingest/evidence/event-clip.js';
import { renderSnapshot } from '../src/ingest/evidence/annotated-snapshot.js';
import { decodeStill } from '../src/ingest/frames/source-still.js';
import { percentile } from '../src/ingest/pipeline/stage-timings.js';
import type { InfractionMessageV1 } from '../src/transport/messages/index.js';
import type { OutgoingMessage, OutgoingValue, TransportProducer } from '../src/transport/port.js';

export class TimedStore implements EvidenceStore {
  readonly putMs: Record<string, number[]> = {};
  constructor(private readonly inner: EvidenceStore) {}
  async put(key: string, bytes: Buffer, contentType: string, options?: PutOptions): Promise<StoredEvidence> {
    const start = performance.now();
    try {
      return await this.inner.put(key, bytes, contentType, options);
    } finally {
      (this.putMs[contentType] ??= []).push(performance.now() - start);
    }
  }
  get(uri: string): Promise<Buffer> {
    return this.inner.get(uri);
  }
  signedUrl(uri: string, ttlSeconds: number): Promise<string> {
    return this.inner.signedUrl(uri, ttlSeconds);
  }
}

/** Forwards what the pipeline publishes and keeps the infraction messages. */
export class KeepingProducer implements TransportProducer {
  readonly infractions: InfractionMessageV1[] = [];
  constructor(private readonly inner: TransportProducer) {}
  publish(topic: string, key: string, value: OutgoingValue): Promise<void> {
    return this.publishBatch(topic, [{ key, value }]);
  }
  publishBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (topic.includes('infractions')) this.infractions.push(...messages.map((m) => m.value as InfractionMessageV1));
    return this.inner.publishBatch(topic, messages);
  }
}

export interface PartsOptions {
  video: string;
  size: { width: number; height: number };
  clockStart: Date;
  store: EvidenceStore;
}

/** Prints each infraction's evidence parts, timed one after another, and their medians. */
export async function timeEvidenceParts(infractions: InfractionMessageV1[], options: PartsOptions): Promise<void> {
  const parts = ['still decode', 'clip cut', 'snapshot draw', 'sha256', 'store put', 'total'] as const;
  const samples: Record<(typeof parts)[number], number[]> = Object.fromEntries(parts.map((p) => [p, []])) as never;
  const timed = async <T>(part: (typeof parts)[number], work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await work();
    samples[part].push(performance.now() - start);
    return result;
  };
  console.log('evidence parts, one infraction at a time after the run (ms; in the run the still is decoded again only for a frame not kept):');
  for (const [i, message] of infractions.entries()) {
    const atS = (Date.parse(message.deviceTime) - options.clockStart.getTime()) / 1000;
    const started = performance.now();
    const rgb = await timed('still decode', () => decodeStill(options.video, atS, options.size));
    const { clip, span } = await timed('clip cut', () => cutClipSpan(options.video, { atS, beforeS: 1, afterS: 1 }));
    const frame = { index: 0, pts: atS, ...options.size, rgb };
    const caption = { infractionType: message.infractionType, plateText: message.plate?.text ?? null, speedKmh: message.speed?.measuredKmh ?? null, limitKmh: message.speed?.limitKmh ?? null, deviceTime: message.deviceTime, deviceId: message.deviceId };
    const snapshot = await timed('snapshot draw', () => renderSnapshot(frame, { x: options.size.width / 2, y: options.size.height / 2, w: 200, h: 60 }, caption));
    await timed('sha256', () => [snapshot, clip].map((bytes) => createHash('sha256').update(bytes).digest('hex')));
    await timed('store put', async () => {
      await options.store.put(`parts/${i}/snapshot.jpg`, snapshot, 'image/jpeg');
      await options.store.put(`parts/${i}/clip.mp4`, clip, 'video/mp4');
    });
    samples.total.push(performance.now() - started);
    const row = parts.map((p) => `${p} ${samples[p].at(-1)!.toFixed(0)}`).join(', ');
    console.log(`  ${message.infractionType.padEnd(16)} at ${atS.toFixed(2)} s: ${row}; clip ${span.fromS.toFixed(2)}-${span.toS.toFixed(2)} s of the source, ${(clip.length / 1e6).toFixed(1)} MB`);
  }
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
  console.log(`  median: ${parts.map((p) => `${p} ${median(samples[p]).toFixed(0)}`).join(', ')}`);
}

export function printPutTimes(store: TimedStore): void {
  for (const [contentType, values] of Object.entries(store.putMs)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`store put (in the run)    n=${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 0.5).toFixed(1).padStart(7)} ms  p99 ${percentile(sorted, 0.99).toFixed(1).padStart(7)} ms  (${contentType}, SHA-256 and write)`);
  }
}
