// Vehicle boxes from any YOLO-format ONNX model given by path (YOLOv8-style output, see
// yolo-output.ts): the frame is letterboxed to the model's input size (read from the
// model; a model with a dynamic input uses `inputSize`), scores above the confidence
// for the vehicle classes survive class-aware NMS, and boxes return in frame pixels.
// A model that does not fit (not an image input, not a YOLO output with the configured
// classes) is refused when it is loaded, by one probe inference, before any frame.
import sharp from 'sharp';
import { IngestError, type Detection, type Detector, type Frame } from '../types.js';
import { letterbox, LETTERBOX_GREY, toFrameBox, type Letterbox } from './letterbox.js';
import { nonMaxSuppression } from './non-max-suppression.js';
import { loadOnnxModel, ort, type SessionOptions } from './onnx-session.js';
import { decodeYoloOutput, yoloLayout, type YoloLayout } from './yolo-output.js';
import { toChw } from './image-tensor.js';

/** COCO ids of the vehicles an enforcement camera cares about, and their names. */
export const COCO_VEHICLES: Readonly<Record<number, string>> = { 2: 'car', 3: 'motorcycle', 5: 'bus', 7: 'truck' };

export interface YoloVehicleOptions extends SessionOptions {
  modelPath: string;
  /** Class id -> name of the classes kept; default COCO car, motorcycle, bus, truck. */
  classes?: Readonly<Record<number, string>>;
  /** Classes the model scores; default 80 (COCO). */
  numClasses?: number;
  /** Default 0.4. */
  confidence?: number;
  /** IoU above which two boxes of one class are one object; default 0.45. */
  iouThreshold?: number;
  /** Input size for a model whose input has no fixed size; default 640 x 640. */
  inputSize?: { width: number; height: number };
}

const UNIT: { mean: [number, number, number]; std: [number, number, number]; order: 'rgb' } = { mean: [0, 0, 0], std: [1, 1, 1], order: 'rgb' };

export class YoloVehicleDetector implements Detector {
  /** The output layout the model turned out to have (known once it is loaded). */
  layout: YoloLayout | null = null;
  private readonly kept: ReadonlySet<number>;
  private inputBuffer = new Float32Array(0);

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly inputSize: { width: number; height: number },
    private readonly options: Required<Omit<YoloVehicleOptions, keyof SessionOptions | 'inputSize'>>,
  ) {
    this.kept = new Set(Object.keys(options.classes).map(Number));
  }

  static async create(options: YoloVehicleOptions): Promise<YoloVehicleDetector> {
    const session = await loadOnnxModel(options.modelPath, options);
    const inputSize = modelInputSize(session, options.modelPath) ?? options.inputSize ?? { width: 640, height: 640 };
    const numClasses = options.numClasses ?? 80;
    const classes = options.classes ?? COCO_VEHICLES;
    const beyond = Object.keys(classes).map(Number).filter((id) => id >= numClasses);
    if (beyond.length > 0) {
      throw new IngestError('MODEL_FAILED', `vehicle class id(s) ${beyond.join(', ')} are not among the ${numClasses} classes the YOLO model ${options.modelPath} is read with`, { path: options.modelPath });
    }
    const detector = new YoloVehicleDetector(session, inputSize, {
      modelPath: options.modelPath,
      classes,
      numClasses,
      confidence: options.confidence ?? 0.4,
      iouThreshold: options.iouThreshold ?? 0.45,
    });
    await detector.probe();
    return detector;
  }

  /** One inference on a grey input: its output must be a YOLO table of the configured classes. */
  private async probe(): Promise<void> {
    const { width, height } = this.inputSize;
    const grey = new ort.Tensor('float32', new Float32Array(3 * width * height).fill(LETTERBOX_GREY / 255), [1, 3, height, width]);
    const path = this.options.modelPath;
    let dims: readonly number[];
    try {
      dims = (await this.session.run({ [this.session.inputNames[0]!]: grey }))[this.session.outputNames[0]!]!.dims;
    } catch (error) {
      throw new IngestError('MODEL_FAILED', `YOLO model ${path} fails on a ${width} x ${height} image: ${(error as Error).message}`, { path });
    }
    try {
      this.layout = yoloLayout(dims, this.options.numClasses);
    } catch (error) {
      throw new IngestError('MODEL_FAILED', `${path} is not a YOLO-format detector of ${this.options.numClasses} classes: ${(error as Error).message}`, { path });
    }
  }

  async detect(frame: Frame): Promise<Detection[]> {
    const geometry = letterbox(frame.width, frame.height, this.inputSize.width, this.inputSize.height);
    const pixels = await letterboxedRgb(frame, geometry);
    const size = 3 * geometry.inputWidth * geometry.inputHeight;
    if (this.inputBuffer.length !== size) this.inputBuffer = new Float32Array(size);
    const input = new ort.Tensor('float32', toChw(pixels, geometry.inputWidth, geometry.inputHeight, UNIT, this.inputBuffer), [1, 3, geometry.inputHeight, geometry.inputWidth]);
    const output = (await this.session.run({ [this.session.inputNames[0]!]: input }))[this.session.outputNames[0]!]!;
    const candidates = decodeYoloOutput(output.data as Float32Array, output.dims, { numClasses: this.options.numClasses, classes: this.kept, confidence: this.options.confidence });
    return nonMaxSuppression(candidates, this.options.iouThreshold).map((c) => ({
      box: toFrameBox(c.box, geometry, frame),
      score: c.score,
      kind: 'vehicle' as const,
      label: this.options.classes[c.classId]!,
    }));
  }
}

/** The frame scaled into the input and padded with grey, packed RGB. */
async function letterboxedRgb(frame: Frame, geometry: Letterbox): Promise<Buffer> {
  const right = geometry.inputWidth - geometry.resizedWidth - geometry.padLeft;
  const bottom = geometry.inputHeight - geometry.resizedHeight - geometry.padTop;
  return sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .resize(geometry.resizedWidth, geometry.resizedHeight, { fit: 'fill', kernel: 'linear' })
    .extend({ left: geometry.padLeft, top: geometry.padTop, right, bottom, background: { r: LETTERBOX_GREY, g: LETTERBOX_GREY, b: LETTERBOX_GREY } })
    .raw()
    .toBuffer();
}

/** [1, 3, H, W] with fixed H and W, or null when the model takes any size. */
function modelInputSize(session: ort.InferenceSession, path: string): { width: number; height: number } | null {
  const meta = session.inputMetadata[0];
  if (!meta?.isTensor) throw new IngestError('MODEL_FAILED', `YOLO model ${path} has no tensor input`, { path });
  const shape = meta.shape;
  if (shape.length !== 4 || (typeof shape[1] === 'number' && shape[1] !== 3)) {
    throw new IngestError('MODEL_FAILED', `YOLO model ${path} input must be [1, 3, H, W], got [${shape.join(', ')}]`, { path });
  }
  const [height, width] = [shape[2], shape[3]];
  return typeof height === 'number' && typeof width === 'number' && height > 0 && width > 0 ? { width, height } : null;
}
