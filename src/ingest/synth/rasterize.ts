// SVG -> packed RGB with sharp (librsvg), then a slight blur and sensor noise, so the
// detector and readers see something closer to a camera than to a vector drawing.
import sharp from 'sharp';

export interface Degradation {
  /** Gaussian blur sigma in pixels; 0 for none. */
  blurSigma: number;
  /** Standard deviation of additive noise, in 0..255 levels. */
  noiseSigma: number;
}

export class NoiseField {
  private readonly table: Int8Array;
  private state: number;

  constructor(seed: number, size = 1 << 20) {
    this.state = seed >>> 0 || 1;
    this.table = new Int8Array(size);
    for (let i = 0; i < size; i += 1) {
      // Sum of three uniforms: cheap, close enough to Gaussian, standard deviation 1.
      const u = (this.next() + this.next() + this.next() - 1.5) * 2;
      this.table[i] = Math.max(-127, Math.min(127, Math.round(u * 32)));
    }
  }

  /** Adds noise of the given sigma to every byte, starting at a fresh random offset per call. */
  apply(rgb: Buffer, sigma: number): void {
    if (sigma <= 0) return;
    const table = this.table;
    const mask = table.length - 1;
    let at = Math.floor(this.next() * table.length);
    const step = 1 + 2 * Math.floor(this.next() * 7);
    const gain = sigma / 32;
    for (let i = 0; i < rgb.length; i += 1) {
      const value = rgb[i]! + table[at]! * gain;
      rgb[i] = value < 0 ? 0 : value > 255 ? 255 : value;
      at = (at + step) & mask;
    }
  }

  // mulberry32: a seeded generator, so a scene renders the same video every time.
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

export async function rasterize(svg: string, degradation: Degradation, noise: NoiseField): Promise<Buffer> {
  let image = sharp(Buffer.from(svg)).removeAlpha();
  if (degradation.blurSigma >= 0.3) image = image.blur(degradation.blurSigma);
  const rgb = await image.raw().toBuffer();
  noise.apply(rgb, degradation.noiseSigma);
  return rgb;
}
