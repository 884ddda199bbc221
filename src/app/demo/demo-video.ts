// The demo's road video: generated once by the project's own generator (a calibrated
// scene with known truth) into DATA_DIR/demo and reused by every later start, so the
// file's time, and with it every message id the ingest derives, stays the same.
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { generateVideo, truthPathFor } from '../../ingest/synth/generate.js';
import type { VideoTruth } from '../../ingest/synth/truth.js';
import type { Logger } from '../logger.js';

export interface DemoVideo {
  file: string;
  truth: VideoTruth;
}

export async function ensureDemoVideo(dataDir: string, logger: Logger): Promise<DemoVideo> {
  const file = path.resolve(dataDir, 'demo', 'road.mp4');
  const truthFile = truthPathFor(file);
  const present = await stat(truthFile).then(() => stat(file)).then(
    () => true,
    () => false,
  );
  if (!present) {
    logger.info({ file }, 'generating the demo road video (first start only)');
    await mkdir(path.dirname(file), { recursive: true });
    await generateVideo({ output: file, width: 960, height: 540, fps: 25, durationS: 7 });
  }
  return { file, truth: JSON.parse(await readFile(truthFile, 'utf8')) as VideoTruth };
}
