// Frames of a video file. The file is checked whole before the first frame is given, so a
// truncated or corrupt file fails with CORRUPT_VIDEO and yields nothing. Asked for, each
// frame comes with the same picture at the source's size (`takeSourceFrame`), for evidence.
import { IngestError, type Frame, type FrameSource, type FrameSourceInfo } from '../types.js';
import { DecodeFailure, decodeFrames } from './decode-frames.js';
import { frameGeometry } from './frame-geometry.js';
import { probeVideoFile, type VideoProbe } from './probe.js';

export interface FileFrameSourceOptions {
  /** Frames per second to analyse; undefined keeps every frame. */
  rate?: number;
  /** Width of the delivered frames (never upscaled). */
  analysisWidth?: number;
  /** Decode each kept frame at the source's size as well (see `takeSourceFrame`). */
  sourceFrames?: boolean;
}

const sourceFrames = new WeakMap<Frame, Frame>();

/**
 * The frame's picture at the source's size, handed over once: the caller decides how long
 * the (large) picture lives, whoever else keeps the analysis frame.
 */
export function takeSourceFrame(frame: Frame): Frame | undefined {
  const source = sourceFrames.get(frame);
  sourceFrames.delete(frame);
  return source;
}

export class FileFrameSource implements FrameSource {
  private readonly controller = new AbortController();

  private constructor(
    readonly path: string,
    readonly probe: VideoProbe,
    readonly info: FrameSourceInfo,
    private readonly rate: number | undefined,
    private readonly withSourceFrames: boolean,
  ) {}

  static async open(path: string, options: FileFrameSourceOptions = {}): Promise<FileFrameSource> {
    if (options.rate !== undefined && !(options.rate > 0)) throw new RangeError('rate must be > 0');
    const probe = await probeVideoFile(path);
    const geometry = frameGeometry(probe.width, probe.height, options.analysisWidth);
    const info = { ...geometry, sourceWidth: probe.width, sourceHeight: probe.height };
    return new FileFrameSource(path, probe, info, options.rate, options.sourceFrames ?? false);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Frame> {
    const { width, height, sourceWidth, sourceHeight } = this.info;
    const sourceSize = this.withSourceFrames ? { width: sourceWidth, height: sourceHeight } : undefined;
    let index = 0;
    try {
      for await (const decoded of decodeFrames(this.path, { width, height, rate: this.rate, sourceSize }, this.controller.signal)) {
        const frame = { index: index++, pts: decoded.pts, width, height, rgb: decoded.rgb };
        if (decoded.sourceRgb) sourceFrames.set(frame, { ...frame, width: sourceWidth, height: sourceHeight, rgb: decoded.sourceRgb });
        yield frame;
      }
    } catch (error) {
      if (error instanceof DecodeFailure) {
        throw new IngestError('CORRUPT_VIDEO', `decoding ${this.path} failed: ${error.message}`, {
          path: this.path,
          stderr: error.stderrTail,
        });
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.controller.abort();
  }
}
