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
import { createTransport } from '../../transport/create-transport.js';
import type { OutgoingMessage, OutgoingValue, TransportProducer } from '../../transport/port.js';

const positive = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
};

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
    .action(async (source: string, options: { settings: string; device?: string; rate: number; width: number; print?: boolean }) => {
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
