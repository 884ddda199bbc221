// Renders a scene to an H.264 MP4 and writes the JSON of its truth beside it.
import { writeFile } from 'node:fs/promises';
import { createCamera, type CameraSpec } from './camera.js';
import { startEncoder } from './encode.js';
import { NoiseField, rasterize, type Degradation } from './rasterize.js';
import { placeVehicles, sceneSvg } from './scene-svg.js';
import { defaultScene, type Scene } from './scene.js';
import { buildTruth, type VideoTruth } from './truth.js';

export interface SynthOptions {
  /** Path of the .mp4 to write; the truth goes to the same path with .truth.json. */
  output: string;
  width?: number;
  height?: number;
  fps?: number;
  durationS?: number;
  scene?: Scene;
  degradation?: Degradation;
  seed?: number;
  /** Called after each encoded frame. */
  onFrame?: (index: number, frameCount: number) => void;
}

export interface SynthResult {
  video: string;
  truthFile: string;
  truth: VideoTruth;
}

/** The camera used for every synthetic video, scaled to the requested size. */
export function synthCamera(width: number, height: number): CameraSpec {
  return { width, height, focalPerWidth: 1.5, heightM: 5.5, pitchDeg: 14, rollDeg: 1.2 };
}

export function truthPathFor(video: string): string {
  return video.replace(/\.[^./]+$/, '') + '.truth.json';
}

export async function generateVideo(options: SynthOptions): Promise<SynthResult> {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('width and height must be even (H.264 4:2:0)');
  const fps = options.fps ?? 25;
  const durationS = options.durationS ?? 7;
  const scene = options.scene ?? defaultScene();
  const degradation = options.degradation ?? { blurSigma: 0.7, noiseSigma: 4 };
  const camera = createCamera(synthCamera(width, height));
  const frameCount = Math.round(durationS * fps);
  const noise = new NoiseField(options.seed ?? 7);
  const encoder = startEncoder(options.output, width, height, fps);
  try {
    for (let index = 0; index < frameCount; index += 1) {
      const time = index / fps;
      const svg = sceneSvg(scene, camera, time, placeVehicles(scene, camera, time));
      await encoder.write(await rasterize(svg, degradation, noise));
      options.onFrame?.(index, frameCount);
    }
  } finally {
    await encoder.finish();
  }
  const truth = buildTruth(scene, camera, options.output, fps, frameCount);
  const truthFile = truthPathFor(options.output);
  await writeFile(truthFile, JSON.stringify(truth, null, 2));
  return { video: options.output, truthFile, truth };
}
