// Composition of one ingest run for the CLI: opens a file (or an RTSP camera), loads the
// detection and reading models, and runs the pipeline with the device's settings. A file
// publishes after it ended cleanly; a camera publishes each passage once it is evidenced.
import type { Logger } from '../../app/logger.js';
import { stat } from 'node:fs/promises';
import type { ToleranceRule } from '../../domain/shared/tolerance.js';
import type { EvidenceStore } from '../../evidence/port.js';
import type { TransportProducer } from '../../transport/port.js';
import { CombinedDetector } from '../detect/combined-detector.js';
import { PpocrTextDetector } from '../detect/text-detector.js';
import { YoloVehicleDetector, type YoloVehicleOptions } from '../detect/yolo-vehicle-detector.js';
import { FileFrameSource } from '../frames/file-frame-source.js';
import { LiveFrameSource } from '../frames/live-frame-source.js';
import { PpocrPlateReader } from '../ocr/ppocr-reader.js';
import { DeviceStatusReporter } from '../publish/device-status-reporter.js';
import type { FrameSourceStatus } from '../types.js';
import type { DeviceSettings } from './device-settings.js';
import type { FinishingQueueOptions } from './finishing-queue.js';
import { runPipeline } from './run-pipeline.js';
import type { PipelineProgress, PipelineSummary } from './summary.js';

export interface IngestVideoOptions {
  input: string;
  device: DeviceSettings;
  evidence: EvidenceStore;
  publisher: TransportProducer;
  tolerances: readonly ToleranceRule[];
  /** Analysed frames per second (default 10) and width of the analysed frames (default 960). */
  rate?: number;
  analysisWidth?: number;
  /**
   * Device clock of the video's first frame. Defaults: for a file, its modification time
   * (so a re-run of the same file derives the same message ids); for a camera, now.
   */
  clockStart?: Date;
  /** A live camera's picture size (needed before the first frame arrives). */
  cameraSize?: { width: number; height: number };
  /** A YOLO-format vehicle model (optional): its boxes are tracked and plates attach to them. */
  vehicleModel?: YoloVehicleOptions;
  /** A live camera's reconnection: attempts after a drop (default: forever) and backoff. */
  reconnect?: { maxAttempts?: number; initialMs?: number; maxMs?: number };
  /**
   * A file's snapshot frames taken at source size from the frame loop's own decoding and
   * kept while their tracks live (more memory, ~120 MB at 1080p; no second decode), instead
   * of decoded again from the file per infraction (default: under load it paid no better,
   * see docs/benchmarks.md).
   */
  keepSourceFrames?: boolean;
  /** Bounds of the evidence queue beside the frame loop (defaults: 1 at once, 4 waiting, 2 once the loop ends). */
  finishing?: FinishingQueueOptions;
  /** Warnings of the evidence step; a warn-level logger of the ingest's own when absent. */
  logger?: Logger;
  onProgress?: (progress: PipelineProgress) => void;
  /** A live camera's changes of state; they are also published as device-status messages. */
  onStatus?: (status: FrameSourceStatus) => void;
}

export async function ingestVideo(options: IngestVideoOptions): Promise<PipelineSummary> {
  const live = /^rtsps?:\/\//i.test(options.input);
  const rate = options.rate ?? 10;
  const analysisWidth = options.analysisWidth ?? 960;
  const reporter = live ? new DeviceStatusReporter(options.publisher, options.device.deviceId, rate) : null;
  const source = live
    ? new LiveFrameSource(options.input, {
        sourceWidth: options.cameraSize?.width ?? 1920,
        sourceHeight: options.cameraSize?.height ?? 1080,
        rate,
        analysisWidth,
        maxAttempts: options.reconnect?.maxAttempts,
        backoffMs: { initial: options.reconnect?.initialMs ?? 500, max: options.reconnect?.maxMs ?? 30_000 },
        onStatus: (status) => {
          reporter?.report(status);
          options.onStatus?.(status);
        },
      })
    : await FileFrameSource.open(options.input, { rate, analysisWidth, sourceFrames: options.keepSourceFrames ?? false });
  const [plates, vehicles, reader] = await Promise.all([
    PpocrTextDetector.create(),
    options.vehicleModel ? YoloVehicleDetector.create(options.vehicleModel) : null,
    PpocrPlateReader.create(),
  ]);
  const detector = vehicles ? new CombinedDetector([plates, vehicles]) : plates;
  const clockStart = options.clockStart ?? (live ? new Date() : (await stat(options.input)).mtime);
  try {
    return await runPipeline({
      source,
      sourcePath: live ? undefined : options.input,
      ring: source instanceof LiveFrameSource ? source.ring : undefined,
      logger: options.logger,
      detector,
      reader,
      evidence: options.evidence,
      publisher: options.publisher,
      deviceId: options.device.deviceId,
      zone: options.device.zone,
      homography: options.device.homography,
      tolerances: options.tolerances,
      measuredPoint: options.device.measuredPoint,
      measuredPointHeight: options.device.measuredPointHeight,
      clockStart,
      publishMode: live ? 'per-track' : 'after-source-ends',
      finishing: options.finishing,
      onProgress: options.onProgress,
    });
  } finally {
    // A camera's last status (e.g. offline after the final attempt) is out before we return.
    await reporter?.flush();
  }
}
