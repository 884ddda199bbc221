// DB (differentiable binarisation) post-processing of a text probability map: threshold,
// connected regions, a score per region, the smallest rotated rectangle, and the unclip
// that restores the text's full extent (the model predicts shrunk kernels).
import { growRect, minAreaRect, type Pt, type RotatedRect } from './min-area-rect.js';

export interface DbOptions {
  /** Pixel probability above which a pixel is text. */
  threshold: number;
  /** Mean probability a region needs to be kept. */
  boxThreshold: number;
  /** Unclip ratio: grow by area * ratio / perimeter. */
  unclipRatio: number;
  /** Regions with a shorter side (before unclip) are dropped, in map pixels. */
  minSize: number;
}

export const DEFAULT_DB_OPTIONS: DbOptions = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.6, minSize: 3 };

export interface TextRegion {
  rect: RotatedRect;
  score: number;
}

export function dbPostprocess(prob: Float32Array, width: number, height: number, options: DbOptions = DEFAULT_DB_OPTIONS): TextRegion[] {
  const label = new Int32Array(width * height);
  const regions: TextRegion[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < prob.length; start += 1) {
    if (label[start] !== 0 || prob[start]! <= options.threshold) continue;
    next += 1;
    label[start] = next;
    stack.push(start);
    const points: Pt[] = [];
    let sum = 0;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      points.push([x, y], [x + 1, y], [x, y + 1], [x + 1, y + 1]);
      sum += prob[at]!;
      // 4-connectivity keeps neighbouring words of one line from merging diagonally.
      for (const n of [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, y > 0 ? at - width : -1, y < height - 1 ? at + width : -1]) {
        if (n >= 0 && label[n] === 0 && prob[n]! > options.threshold) {
          label[n] = next;
          stack.push(n);
        }
      }
    }
    const score = sum / (points.length / 4);
    if (score < options.boxThreshold) continue;
    const rect = minAreaRect(points);
    if (Math.min(rect.width, rect.height) < options.minSize) continue;
    const distance = (rect.width * rect.height * options.unclipRatio) / (2 * (rect.width + rect.height));
    regions.push({ rect: growRect(rect, distance), score });
  }
  return regions;
}
