// Crops and resizes of packed RGB frames (with sharp) into the normalised float32 CHW
// tensors the ONNX models take.
import sharp from 'sharp';
import type { Box, Frame } from '../types.js';

export interface Normalisation {
  mean: [number, number, number];
  std: [number, number, number];
  /** Channel order fed to the model; PaddleOCR models were trained on BGR. */
  order: 'rgb' | 'bgr';
}

/** Resizes (and optionally crops) a frame to exactly width x height packed RGB. */
export async function resizeRgb(frame: Frame, width: number, height: number, crop?: Box): Promise<Buffer> {
  let image = sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } });
  if (crop) {
    const left = Math.max(0, Math.floor(crop.x));
    const top = Math.max(0, Math.floor(crop.y));
    const right = Math.min(frame.width, Math.ceil(crop.x + crop.w));
    const bottom = Math.min(frame.height, Math.ceil(crop.y + crop.h));
    image = image.extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) });
  }
  return image.resize(width, height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
}

/** Packed RGB -> float32 CHW, (value / 255 - mean) / std, written into `out` at `offset`. */
export function toChw(rgb: Buffer, width: number, height: number, norm: Normalisation, out?: Float32Array, offset = 0): Float32Array {
  const plane = width * height;
  const tensor = out ?? new Float32Array(3 * plane);
  const source = norm.order === 'rgb' ? [0, 1, 2] : [2, 1, 0];
  for (let c = 0; c < 3; c += 1) {
    const from = source[c]!;
    const scale = 1 / (255 * norm.std[c]!);
    const shift = norm.mean[c]! / norm.std[c]!;
    const base = offset + c * plane;
    for (let i = 0; i < plane; i += 1) tensor[base + i] = rgb[i * 3 + from]! * scale - shift;
  }
  return tensor;
}
