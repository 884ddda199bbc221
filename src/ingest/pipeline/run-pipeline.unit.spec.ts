// The pipeline's own logic with its stages stood in for: plates that cross a small frame
// at a known pace (a detector that returns them), a reader that reads them, and an
// evidence store that is as slow as the test says. Snapshots are drawn for real (sharp).
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import type { EvidenceStore, StoredEvidence } from '../../evidence/port.js';
import { TOPICS, type InfractionMessageV1, type ObservationMessageV1 } from '../../transport/messages/index.js';
import type { TransportProducer } from '../../transport/port.js';
import { parseZoneRules } from '../rules/zone-rules.js';
import type { Detection, Frame, FrameSource } from '../types.js';
import { runPipeline, type PipelineOptions } from './run-pipeline.js';

const WIDTH = 160;
const HEIGHT = 90;
/** A plate is seen on 10 frames, then the next one comes 5 frames later. */
const EVERY = 15;
const SEEN = 10;

/** While vehicle 0 is in view the picture is brighter, frame by frame (100..190); then a flat 30. */
const greyOf = (index: number) => (index < SEEN ? 100 + 10 * index : 30);

function frames(count: number): FrameSource {
  return {
    info: { width: WIDTH, height: HEIGHT, sourceWidth: WIDTH, sourceHeight: HEIGHT, scaleToSource: 1 },
    close: async () => undefined,
    async *[Symbol.asyncIterator]() {
      for (let index = 0; index < count; index++) yield { index, pts: index / 10, width: WIDTH, height: HEIGHT, rgb: Buffer.alloc(WIDTH * HEIGHT * 3, greyOf(index)) };
    },
  };
}

/** Counts analysed frames; plate k is in view on frames [15k, 15k + 10), 8 px further each frame (8 m/s here). */
class CrossingPlates {
  analysed = 0;
  private readonly listeners: Array<{ frames: number; done: () => void }> = [];
  constructor(private readonly plates: number) {}
  async detect(frame: Frame): Promise<Detection[]> {
    this.analysed += 1;
    for (const listener of this.listeners.filter((l) => l.frames <= this.analysed)) listener.done();
    const k = Math.floor(frame.index / EVERY);
    const step = frame.index % EVERY;
    if (k >= this.plates || step >= SEEN) return [];
    return [{ kind: 'plate', score: 0.9, box: { x: 20 + 8 * step, y: 40, w: 20, h: 8 } }];
  }
  /** Resolves once `frames` frames were analysed, or after `ms` if that never happens. */
  reached(frames: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.analysed >= frames) return resolve();
      this.listeners.push({ frames, done: resolve });
      setTimeout(resolve, ms);
    });
  }
}

const plateReader = { read: async () => ({ text: 'ABC-123', raw: 'ABC123', confidence: 0.95, reader: 'ppocr' as const, format: 'PE' }) };

/** Keeps the bytes it is given, after waiting for what `beforePut` says; logs each put. */
class SlowStore implements EvidenceStore {
  readonly bytes = new Map<string, Buffer>();
  constructor(
    private readonly log: string[],
    private readonly beforePut: (key: string, nth: number) => Promise<void>,
  ) {}
  async put(key: string, bytes: Buffer): Promise<StoredEvidence> {
    await this.beforePut(key, this.bytes.size);
    this.bytes.set(`evidence://test/${key}`, bytes);
    this.log.push(`stored ${key}`);
    return { uri: `evidence://test/${key}`, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  }
  async get(uri: string): Promise<Buffer> {
    return this.bytes.get(uri)!;
  }
  async signedUrl(uri: string): Promise<string> {
    return uri;
  }
}

class RecordingPublisher implements TransportProducer {
  readonly observations: ObservationMessageV1[] = [];
  readonly infractions: InfractionMessageV1[] = [];
  constructor(private readonly log: string[]) {}
  async publish(): Promise<void> {
    throw new Error('the pipeline publishes in batches');
  }
  async publishBatch(topic: string, messages: ReadonlyArray<{ value: unknown }>): Promise<void> {
    for (const { value } of messages) {
      if (topic === TOPICS.observations) this.observations.push(value as ObservationMessageV1);
      if (topic === TOPICS.infractions) {
        this.infractions.push(value as InfractionMessageV1);
        this.log.push(`published ${(value as InfractionMessageV1).messageId}`);
      }
    }
  }
}

function pipeline(plates: number, detector: CrossingPlates, evidence: EvidenceStore, publisher: TransportProducer, overrides: Partial<PipelineOptions> = {}) {
  return runPipeline({
    source: frames(plates * EVERY + SEEN),
    detector,
    reader: plateReader,
    evidence,
    publisher,
    deviceId: 'cam-unit',
    // 0.1 m per pixel: 8 px per 0.1 s is 28.8 km/h, over a 10 km/h limit even after 5 km/h of tolerance.
    zone: parseZoneRules({ zoneId: 'zone-unit', speedLimitKmh: 10, jurisdiction: 'PE' }),
    homography: [0.1, 0, 0, 0, 0.1, 0, 0, 0, 1],
    tolerances: DEFAULT_TOLERANCES,
    clockStart: new Date('2026-03-01T08:00:00Z'),
    now: () => new Date('2026-03-01T09:00:00Z'),
    ...overrides,
  });
}

describe('ingest pipeline with evidence made in the background', () => {
  it('keeps analysing frames while an infraction\'s evidence is pending, and publishes it only once stored', async () => {
    const log: string[] = [];
    const detector = new CrossingPlates(3);
    const total = 3 * EVERY + SEEN;
    let analysedWhenFirstStored = -1;
    // The first snapshot is stored only once every frame has been analysed (or after 3 s,
    // had the loop waited for it: then the count below shows where it stopped).
    const store = new SlowStore(log, async (_key, nth) => {
      if (nth === 0) {
        await detector.reached(total, 3000);
        analysedWhenFirstStored = detector.analysed;
      }
    });
    const publisher = new RecordingPublisher(log);
    const summary = await pipeline(3, detector, store, publisher);

    expect(analysedWhenFirstStored).toBe(total);
    expect([summary.frames, summary.passages, summary.infractions, summary.publishedPassages]).toEqual([total, 3, 3, 3]);
    expect(publisher.infractions.map((i) => i.infractionType)).toEqual(['SPEED_VIOLATION', 'SPEED_VIOLATION', 'SPEED_VIOLATION']);
    for (const infraction of publisher.infractions) {
      const [snapshot] = infraction.evidence;
      expect(createHash('sha256').update(store.bytes.get(snapshot!.uri)!).digest('hex')).toBe(snapshot!.sha256);
      const stored = log.findIndex((line) => line.startsWith('stored') && line.includes(infraction.messageId));
      expect(stored).toBeGreaterThanOrEqual(0);
      expect(stored).toBeLessThan(log.indexOf(`published ${infraction.messageId}`));
    }
  });

  it('draws the snapshot on the frame of the event, though the camera\'s recent frames moved on meanwhile', async () => {
    const detector = new CrossingPlates(1);
    // Vehicle 0's snapshot is made after 100 frames: the ring of recent frames keeps 60.
    const store = new SlowStore([], () => detector.reached(100, 3000));
    const summary = await pipeline(1, detector, store, new RecordingPublisher([]), { source: frames(110) });
    expect(summary.infractions).toBe(1);
    const [jpeg] = [...store.bytes.values()];
    const { data, info } = await sharp(jpeg!).raw().toBuffer({ resolveWithObject: true });
    const corner = data[((info.height - 1) * info.width + info.width - 1) * info.channels]!;
    expect(corner).toBeGreaterThan(greyOf(0) - 8);
    expect(corner).toBeLessThan(greyOf(SEEN - 1) + 8);
  });

  it('makes the frame loop wait when the queue is full, never holding more than its bound, and counts every infraction after the drain', async () => {
    const detector = new CrossingPlates(6);
    const store = new SlowStore([], () => new Promise((resolve) => setTimeout(resolve, 100)));
    const publisher = new RecordingPublisher([]);
    const summary = await pipeline(6, detector, store, publisher, { finishing: { concurrency: 1, maxWaiting: 1 } });
    expect(summary.finishing.jobs).toBe(6);
    expect(summary.finishing.peakWaiting).toBe(1);
    expect(summary.finishing.blockedMs).toBeGreaterThan(0);
    expect([summary.passages, summary.infractions, summary.publishedPassages, publisher.infractions.length]).toEqual([6, 6, 6, 6]);
    // Published in the order the passages ended.
    const starts = publisher.observations.map((o) => Date.parse(o.observedAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('stops with the evidence store\'s error and publishes nothing from a file-like run', async () => {
    const store = new SlowStore([], async (_key, nth) => {
      if (nth === 1) throw new Error('disk full');
    });
    const publisher = new RecordingPublisher([]);
    await expect(pipeline(3, new CrossingPlates(3), store, publisher)).rejects.toThrow(/ingest failed .*nothing was published.*disk full/);
    expect([publisher.observations, publisher.infractions]).toEqual([[], []]);
  });

  it('in per-track mode, publishes the passages evidenced before the failure and none after it', async () => {
    const store = new SlowStore([], async (_key, nth) => {
      if (nth === 1) throw new Error('disk full');
    });
    const publisher = new RecordingPublisher([]);
    // One track at a time throughout, so the store's second call is the second passage's
    // (side by side, which passage calls first is a race; finishing-queue.unit.spec.ts covers that case).
    const finishing = { concurrency: 1, drainConcurrency: 1 };
    await expect(pipeline(3, new CrossingPlates(3), store, publisher, { publishMode: 'per-track', finishing })).rejects.toThrow(/1 passage\(s\) published before it.*disk full/);
    expect([publisher.observations.length, publisher.infractions.length]).toEqual([1, 1]);
  });
});
