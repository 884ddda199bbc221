// Frames of a video file. The file is checked whole before the first frame is given, so a
// truncated or corrupt file fails with CORRUPT_VIDEO and yields nothing.
import { IngestError, type Frame, type FrameSource, type FrameSourceInfo } from '../types.js';
import { DecodeFailure, decodeFrames } from './decode-frames.js';
import { frameGeometry } from './frame-geometry.js';
import { probeVideoFile, type VideoProbe } from './probe.js';

export interface FileFrameSourceOptions {
  /** Frames per second to analyse; undefined keeps every frame. */
  rate?: number;
  /** Width of the delivered frames (never upscaled). */
  analysisWidth?: number;
}

export class FileFrameSource implements FrameSource {
  private readonly controller = new AbortController();

  private constructor(
    readonly path: string,
    readonly probe: VideoProbe,
    readonly info: FrameSourceInfo,
    private readonly rate: number | undefined,
  ) {}

  static async open(path: string, options: FileFrameSourceOptions = {}): Promise<FileFrameSource> {
    if (options.rate !== undefined && !(options.rate > 0)) throw new RangeError('rate must be > 0');
    const probe = await probeVideoFile(path);
    const geometry = frameGeometry(probe.width, probe.height, options.analysisWidth);
    const info = { ...geometry, sourceWidth: probe.width, sourceHeight: probe.height };
    return new FileFrameSource(path, probe, info, options.rate);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Frame> {
    const { width, height } = this.info;
    let index = 0;
    try {
      for await (const decoded of decodeFrames(this.path, { width, height, rate: this.rate }, this.controller.signal)) {
        yield { index: index++, pts: decoded.pts, width, height, rgb: decoded.rgb };
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
