// The ingest pipeline: frames -> detect -> track -> (per finished track) read plate ->
// rules -> evidence -> messages -> publish. Tracks are measured in source-video pixels,
// the coordinates the zone's lanes, stop line and the device's calibration are given in.
//
// A finished track is judged by the rules in the frame loop, then handed to a bounded
// background queue (finishing-queue.ts) that reads its plate and makes its evidence, so
// the loop keeps analysing frames meanwhile; a full queue makes the loop wait.
//
// Partial failure: in `after-source-ends` mode (files) nothing is published until the
// source has ended cleanly and the queue has drained with every track's evidence stored,
// so a corrupt or truncated video publishes nothing. In `per-track` mode (live cameras) a track's messages go out
// only after its own evidence is stored, so no infraction ever points at missing evidence;
// tracks are published in the order they ended. A failure while finishing a track stops
// the run with that error, as the source's own failure does.
// Evidence stored before a failure stays as unreferenced blobs; a re-run derives the same
// keys and bytes, so it reuses them.
import type { Logger } from '../../app/logger.js';
import PQueue from 'p-queue';
import type { EvidenceStore } from '../../evidence/port.js';
import type { Homography } from '../../domain/shared/homography.js';
import type { ToleranceRule } from '../../domain/shared/tolerance.js';
import { TOPICS } from '../../transport/messages/index.js';
import type { TransportProducer } from '../../transport/port.js';
import { stateAt, classifySignalColour, lampColour, stateFromTimetable, type SignalSample } from '../rules/signal-state.js';
import type { ZoneRules } from '../rules/zone-rules.js';
import { measurableObservations, type Track } from '../track/track.js';
import { Tracker, type TrackerOptions } from '../track/tracker.js';
import { VehicleLinks } from '../track/vehicle-links.js';
import { IngestError, type Detector, type DetectionKind, type FrameSource, type PlateReader } from '../types.js';
import { takeSourceFrame } from '../frames/file-frame-source.js';
import type { SegmentRing } from '../frames/segment-ring.js';
import { EvidenceFrames, scaleBox } from './evidence-frame.js';
import { finishTrack, judgeTrack, type TrackOutcome } from './finish-track.js';
import { FinishingQueue, type FinishingQueueOptions } from './finishing-queue.js';
import { PlateCandidates } from './plate-candidates.js';
import { StageTimings } from './stage-timings.js';
import { summarise, type PipelineProgress, type PipelineSummary } from './summary.js';

export interface PipelineOptions {
  source: FrameSource;
  /** The file behind `source`, for clips and full-resolution snapshots; absent for live sources. */
  sourcePath?: string;
  /** A live source's ring of recent segments, for its clips. */
  ring?: SegmentRing;
  detector: Detector;
  reader: PlateReader;
  evidence: EvidenceStore;
  publisher: TransportProducer;
  deviceId: string;
  zone: ZoneRules;
  homography: Homography;
  tolerances: readonly ToleranceRule[];
  measuredPointHeight?: { cameraHeightM: number; pointHeightM: number };
  measuredPoint?: 'bottom-centre' | 'centre';
  /** Device-clock instant of presentation time 0. */
  clockStart: Date;
  now?: () => Date;
  publishMode?: 'after-source-ends' | 'per-track';
  /** Which tracks are passages (plates by default: the detector that is always there). */
  passageKind?: DetectionKind;
  tracker?: Partial<TrackerOptions>;
  readsPerTrack?: number;
  /** The background queue that finishes tracks: concurrency and how many may wait. */
  finishing?: FinishingQueueOptions;
  /**
   * Bytes of source-size frames (from a file source opened with `sourceFrames`) kept for
   * snapshots while their tracks are alive (default 160 MiB, ~26 frames of 1080p); a frame
   * beyond it is decoded again from the file when its evidence is made.
   */
  evidenceFrameBytes?: number;
  /** Warnings of the evidence step (a live clip not made, stored evidence adopted). */
  logger?: Logger;
  onProgress?: (progress: PipelineProgress) => void;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineSummary> {
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const timings = new StageTimings();
  const tracker = new Tracker(options.tracker);
  const candidates = new PlateCandidates(options.readsPerTrack ?? 4);
  const vehicleLinks = new VehicleLinks();
  const evidenceFrames = new EvidenceFrames(options.source.info, !options.sourcePath, { keepRecent: 60, maxSourceBytes: options.evidenceFrameBytes ?? 160 * 2 ** 20 });
  const scaleToSource = options.source.info.scaleToSource;
  const passageKind = options.passageKind ?? 'plate';
  const signalSamples: SignalSample[] = [];
  const signal = options.zone.stopLine?.signal;
  const deps = {
    reader: options.reader,
    evidence: options.evidence,
    evidenceFrames,
    timings,
    sourcePath: options.sourcePath,
    sourceSize: { width: options.source.info.sourceWidth, height: options.source.info.sourceHeight },
    stills: new PQueue({ concurrency: 2 }),
    clipSeconds: { before: 1, after: 1 },
    ring: options.ring,
    logger: options.logger,
    passage: { deviceId: options.deviceId, zoneId: options.zone.zoneId, clockStart: options.clockStart, ingestTime: now() },
    rules: {
      zone: options.zone,
      homography: options.homography,
      tolerances: options.tolerances,
      measuredPointHeight: options.measuredPointHeight,
      measuredPoint: options.measuredPoint,
      signalAt: (pts: number) => (signal?.kind === 'timetable' ? stateFromTimetable(signal, pts) : stateAt(signalSamples, pts)),
    },
  };
  const pending: TrackOutcome[] = [];
  const counts = { frames: 0, videoSeconds: 0, passages: 0, infractions: 0, published: 0, byType: {} as Record<string, number> };

  const perTrack = options.publishMode === 'per-track';
  const publish = async (outcomes: TrackOutcome[]) => {
    const key = options.deviceId;
    await timings.time('publish', async () => {
      const observations = outcomes.map((o) => ({ key, value: o.observation }));
      const infractions = outcomes.flatMap((o) => o.infractions.map((value) => ({ key, value })));
      if (observations.length > 0) await options.publisher.publishBatch(TOPICS.observations, observations);
      if (infractions.length > 0) await options.publisher.publishBatch(TOPICS.infractions, infractions);
    });
    counts.published += outcomes.length;
  };

  const finishing = new FinishingQueue<TrackOutcome>(async (outcome) => {
    counts.passages += 1;
    counts.infractions += outcome.infractions.length;
    for (const infraction of outcome.infractions) counts.byType[infraction.infractionType] = (counts.byType[infraction.infractionType] ?? 0) + 1;
    if (perTrack) await publish([outcome]);
    else pending.push(outcome);
  }, options.finishing);

  const finish = async (finished: Array<Track & { key: number }>) => {
    for (const track of finished) {
      const crops = candidates.take(track.key);
      const vehicle = track.kind === 'plate' ? vehicleLinks.take(track.key) : (vehicleLinks.forgetVehicle(track.key), null);
      if (track.kind !== passageKind || measurableObservations(track).length === 0) {
        evidenceFrames.release(track.key);
        continue;
      }
      const inSource = { ...track, observations: track.observations.map((o) => ({ ...o, box: scaleBox(o.box, scaleToSource) })) };
      const judged = await judgeTrack(inSource, deps);
      // The evidence frames are reserved: the others this track held can go now.
      evidenceFrames.release(track.key);
      await finishing.add(() => finishTrack(judged, crops, deps, vehicle?.label ?? undefined));
    }
  };

  const iterator = options.source[Symbol.asyncIterator]();
  let loopEnded = 0;
  let drained = 0;
  try {
    for (;;) {
      const decodeStart = performance.now();
      const next = await iterator.next();
      if (next.done) break;
      const frame = next.value;
      timings.record('decode', performance.now() - decodeStart);
      const sourceFrame = takeSourceFrame(frame);
      const detections = await timings.time('detect', () => options.detector.detect(frame));
      if (signal?.kind === 'region') {
        const region = scaleBox(signal.region, 1 / scaleToSource);
        await timings.time('signal', () => signalSamples.push({ pts: frame.pts, state: classifySignalColour(lampColour(frame, region)) }));
      }
      const step = await timings.time('track', () => {
        const tracked = tracker.update(frame, detections);
        vehicleLinks.observe(tracked.sightings);
        return tracked;
      });
      for (const sighting of step.sightings) {
        if (sighting.kind === 'plate' && !sighting.observation.cutByEdge) candidates.offer(sighting.key, frame, sighting.observation.box);
      }
      evidenceFrames.remember(frame, sourceFrame, step.sightings.filter((s) => s.kind === passageKind).map((s) => s.key));
      for (const key of step.discarded) {
        evidenceFrames.release(key);
        candidates.drop(key);
        vehicleLinks.dropPlate(key);
        vehicleLinks.forgetVehicle(key);
      }
      await finish(step.finished);
      finishing.check();
      counts.frames += 1;
      counts.videoSeconds = frame.pts;
      options.onProgress?.(progressOf(counts, started));
    }
    await finish(tracker.flush().finished);
    loopEnded = performance.now();
    await finishing.drain();
    drained = performance.now();
  } catch (error) {
    const close = () => options.source.close().catch(() => undefined);
    // A camera's passages that ended before the failure still go out with their evidence
    // (their clips from the ring the source removes when it closes).
    if (perTrack) await finishing.drain().catch(() => undefined).then(close);
    else await close().then(() => finishing.abandon());
    const already = perTrack ? `${counts.published} passage(s) published before it` : 'nothing was published';
    if (error instanceof IngestError) throw new IngestError(error.code, `${error.message} (${already})`, { ...error.details, publishedPassages: counts.published });
    throw new Error(`ingest failed after ${counts.frames} frame(s) (${already}): ${(error as Error).message}`, { cause: error });
  }
  if (pending.length > 0) await publish(pending);
  await options.source.close();
  const ended = performance.now();
  return summarise(counts, timings, { wallMs: ended - started, loopMs: loopEnded - started, drainMs: drained - loopEnded }, finishing.report(), evidenceFrames.held.peakBytes);
}

function progressOf(counts: { frames: number; videoSeconds: number; passages: number; infractions: number }, started: number): PipelineProgress {
  const wallSeconds = (performance.now() - started) / 1000;
  return { frames: counts.frames, fps: wallSeconds > 0 ? counts.frames / wallSeconds : 0, passages: counts.passages, infractions: counts.infractions, videoSeconds: counts.videoSeconds };
}
