// `roadledger ingest <file|rtsp-url> --device <id> --settings <file>`: runs the ingest
// pipeline on a video or a camera, publishing observations and infractions to Kafka (or
// printing them as JSON lines with --print), with a progress bar and a summary table.
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createEvidenceStore } from '../evidence-store.js';
import { domainPolicies } from '../domain-policies.js';
import { ingestVideo } from '../../ingest/pipeline/ingest-video.js';
import { readDeviceSettings } from '../../ingest/pipeline/device-settings.js';
import { formatSummary } from '../../ingest/pipeline/format-summary.js';
import { parseVehicleClasses } from '../../ingest/detect/vehicle-classes.js';
import { createTransport } from '../../transport/create-transport.js';
import type { OutgoingMessage, OutgoingValue, TransportProducer } from '../../transport/port.js';

const positive = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
};

const fraction = (value: string): number => {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return parsed;
};

const classList = (value: string): Record<number, string> => {
  try {
    return parseVehicleClasses(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

const frameSize = (value: string): { width: number; height: number } => {
  const match = /^(\d+)x(\d+)$/.exec(value);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) throw new InvalidArgumentError('expected WIDTHxHEIGHT, e.g. 1920x1080');
  return { width: Number(match[1]), height: Number(match[2]) };
};

interface VehicleAndCameraOptions {
  cameraSize?: { width: number; height: number };
  vehicleModel?: string;
  vehicleClasses?: Record<number, string>;
  vehicleConfidence?: number;
  vehicleIou?: number;
  reconnectAttempts?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  evidenceConcurrency?: number;
  evidenceWaiting?: number;
}

/** Messages as JSON lines on stdout: a look at what a video yields without a broker. */
const printer: TransportProducer = {
  publish: async (topic: string, key: string, value: OutgoingValue) => {
    process.stdout.write(`${JSON.stringify({ topic, key, value: Buffer.isBuffer(value) ? value.toString('utf8') : value })}\n`);
  },
  publishBatch: async (topic: string, messages: readonly OutgoingMessage[]) => {
    for (const message of messages) await printer.publish(topic, message.key, message.value);
  },
};

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('analyse a video file or an RTSP camera and publish its observations and infractions')
    .argument('<source>', 'a video file or an rtsp:// URL')
    .requiredOption('--settings <file>', "the device's settings (JSON: deviceId, calibration, zone rules)")
    .option('--device <id>', 'device id (must match the settings file)')
    .option('--rate <fps>', 'analysed frames per second', positive, 10)
    .option('--width <px>', 'width of the analysed frames', positive, 960)
    .option('--print', 'print the messages as JSON lines instead of publishing them')
    .option('--vehicle-model <file>', 'a YOLO-format ONNX vehicle model (YOLOv8 output); its boxes are tracked and plates attach to them')
    .option('--vehicle-classes <list>', 'class id:name pairs kept from the vehicle model (default 2:car,3:motorcycle,5:bus,7:truck)', classList)
    .option('--vehicle-confidence <p>', 'score a vehicle box needs (default 0.4)', fraction)
    .option('--vehicle-iou <p>', 'IoU above which two boxes of one class are one vehicle (default 0.45)', fraction)
    .option('--camera-size <WxH>', "RTSP: the camera's picture size (default 1920x1080)", frameSize)
    .option('--reconnect-attempts <n>', 'RTSP: attempts after a drop before giving up (default: forever)', positive)
    .option('--reconnect-initial-ms <ms>', 'RTSP: first wait before reconnecting, doubled each attempt (default 500)', positive)
    .option('--reconnect-max-ms <ms>', 'RTSP: longest wait between attempts (default 30000)', positive)
    .option('--evidence-concurrency <n>', 'tracks finished (plate read, evidence made) at once beside the frame loop (default 1)', positive)
    .option('--evidence-waiting <n>', 'finished tracks waiting for evidence before the frame loop waits too (default 4)', positive)
    .action(async (source: string, options: { settings: string; device?: string; rate: number; width: number; print?: boolean } & VehicleAndCameraOptions) => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
      const device = await readDeviceSettings(options.settings);
      if (options.device && options.device !== device.deviceId) {
        throw new Error(`--device ${options.device} does not match the settings file's deviceId ${device.deviceId}`);
      }
      if (!options.print && config.TRANSPORT !== 'kafka') {
        throw new Error('roadledger ingest publishes to Kafka: set TRANSPORT=kafka (and KAFKA_BROKERS), or use --print');
      }
      const transport = options.print ? null : await createTransport(config, logger);
      const evidence = await createEvidenceStore(config, `http://${config.HTTP_HOST}:${config.HTTP_PORT}`);
      const bar = new SingleBar(
        { format: 'ingest |{bar}| {value} frames  {fps} frames/s  {passages} passages  {infractions} infractions', stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(0, 0, { fps: '0.0', passages: 0, infractions: 0 });
      try {
        const summary = await ingestVideo({
          input: source,
          device,
          evidence,
          publisher: transport ?? printer,
          tolerances: domainPolicies(config).zone.tolerances,
          rate: options.rate,
          analysisWidth: options.width,
          ...(options.vehicleModel
            ? {
                vehicleModel: {
                  modelPath: options.vehicleModel,
                  classes: options.vehicleClasses,
                  confidence: options.vehicleConfidence,
                  iouThreshold: options.vehicleIou,
                },
              }
            : {}),
          ...(options.cameraSize ? { cameraSize: options.cameraSize } : {}),
          reconnect: { maxAttempts: options.reconnectAttempts, initialMs: options.reconnectInitialMs, maxMs: options.reconnectMaxMs },
          finishing: { concurrency: options.evidenceConcurrency, maxWaiting: options.evidenceWaiting },
          logger: logger.child({ component: 'evidence' }),
          onStatus: (status) => {
            if (status.state !== 'streaming' && status.state !== 'connecting') logger.warn({ status }, 'camera status');
          },
          onProgress: (progress) => {
            bar.setTotal(Math.max(progress.frames, bar.getTotal()));
            bar.update(progress.frames, { fps: progress.fps.toFixed(1), passages: progress.passages, infractions: progress.infractions });
          },
        });
        bar.stop();
        process.stderr.write(`${formatSummary(summary)}\n`);
      } finally {
        bar.stop();
        await transport?.close();
      }
    });
}
