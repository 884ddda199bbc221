// Plate text with the PP-OCRv4 recognition model: the plate crop is resized to 48 px high,
// the model's per-step probabilities are CTC-decoded over the plate alphabet.
import { readFile } from 'node:fs/promises';
import { DEFAULT_PLATE_FORMATS, type PlateFormat } from '../../domain/shared/plate.js';
import { resizeRgb, toChw, type Normalisation } from '../detect/image-tensor.js';
import { loadOnnxModel, ort, type SessionOptions } from '../detect/onnx-session.js';
import { ppocrModelPaths } from '../detect/ppocr-models.js';
import type { Box, Frame, PlateReader, PlateReading } from '../types.js';
import { allowedClasses, ctcGreedyDecode } from './ctc-decode.js';
import { PLATE_CHARACTERS, plateReading } from './plate-text.js';

const HEIGHT = 48;
const MAX_WIDTH = 320;
const HALF: Normalisation = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], order: 'bgr' };

export interface PpocrReaderOptions extends SessionOptions {
  formats?: readonly PlateFormat[];
  /** Fraction of the box's height added on every side before reading. */
  margin?: number;
}

export class PpocrPlateReader implements PlateReader {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly charset: string[],
    private readonly allowed: number[],
    private readonly formats: readonly PlateFormat[],
    private readonly margin: number,
  ) {}

  static async create(options: PpocrReaderOptions = {}): Promise<PpocrPlateReader> {
    const paths = ppocrModelPaths();
    const session = await loadOnnxModel(paths.recognition, options);
    // PaddleOCR appends a space class after the dictionary's characters.
    const charset = [...(await readFile(paths.dictionary, 'utf8')).split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line.length > 0), ' '];
    return new PpocrPlateReader(session, charset, allowedClasses(charset, PLATE_CHARACTERS), options.formats ?? DEFAULT_PLATE_FORMATS, options.margin ?? 0.1);
  }

  async read(frame: Frame, box: Box): Promise<PlateReading | null> {
    const pad = box.h * this.margin;
    const crop = { x: box.x - pad, y: box.y - pad, w: box.w + 2 * pad, h: box.h + 2 * pad };
    const width = Math.min(MAX_WIDTH, Math.max(16, Math.ceil((HEIGHT * crop.w) / Math.max(1, crop.h) / 8) * 8));
    const rgb = await resizeRgb(frame, width, HEIGHT, crop);
    const input = new ort.Tensor('float32', toChw(rgb, width, HEIGHT, HALF), [1, 3, HEIGHT, width]);
    const output = await this.session.run({ [this.session.inputNames[0]!]: input });
    const probs = output[this.session.outputNames[0]!]!;
    const [, steps, classes] = probs.dims as [number, number, number];
    const decoded = ctcGreedyDecode(probs.data as Float32Array, steps, classes, this.charset, this.allowed);
    return plateReading(decoded.text, decoded.confidence, 'ppocr', this.formats);
  }
}
