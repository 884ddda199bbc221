// Frames of a live camera (RTSP, or any URL ffmpeg reads). When the stream drops it
// reconnects with exponential backoff and reports each change of state; pts keep rising
// across reconnections so the tracker never sees time go backwards. The same ffmpeg run
// keeps the camera's own packets in a ring of short segments (see segment-ring.ts), for
// the evidence clips; the ring is removed when the source closes.
import { IngestError, type Frame, type FrameSource, type FrameSourceInfo, type FrameSourceStatus } from '../types.js';
import { decodeFrames } from './decode-frames.js';
import { frameGeometry } from './frame-geometry.js';
import { SegmentRing, type SegmentRingOptions } from './segment-ring.js';

export interface LiveFrameSourceOptions {
  /** Size of the camera's picture (known from the device's configuration). */
  sourceWidth: number;
  sourceHeight: number;
  rate?: number;
  analysisWidth?: number;
  onStatus?: (status: FrameSourceStatus) => void;
  /** Reconnection attempts after a drop before giving up; Infinity keeps trying. */
  maxAttempts?: number;
  backoffMs?: { initial: number; max: number };
  /** Seconds without data before ffmpeg gives up on a connection. */
  timeoutS?: number;
  /** The ring of recent segments for clips (default 2 s segments, 30 per connection). */
  ring?: SegmentRingOptions;
}

export function backoffDelay(attempt: number, backoff: { initial: number; max: number }): number {
  return Math.min(backoff.max, backoff.initial * 2 ** Math.max(0, attempt - 1));
}

export class LiveFrameSource implements FrameSource {
  readonly info: FrameSourceInfo;
  /** The camera's recent packets, in the frames' time base, for evidence clips. */
  readonly ring: SegmentRing;
  private readonly controller = new AbortController();

  constructor(
    readonly url: string,
    private readonly options: LiveFrameSourceOptions,
  ) {
    const geometry = frameGeometry(options.sourceWidth, options.sourceHeight, options.analysisWidth);
    this.info = { ...geometry, sourceWidth: options.sourceWidth, sourceHeight: options.sourceHeight };
    this.ring = new SegmentRing(options.ring);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Frame> {
    const { width, height } = this.info;
    const report = this.options.onStatus ?? (() => {});
    const backoff = this.options.backoffMs ?? { initial: 500, max: 30_000 };
    const maxAttempts = this.options.maxAttempts ?? Infinity;
    const timeoutUs = String(Math.round((this.options.timeoutS ?? 10) * 1e6));
    const inputOptions = this.url.startsWith('rtsp') ? ['-rtsp_transport', 'tcp', '-timeout', timeoutUs] : ['-rw_timeout', timeoutUs];
    const gap = this.options.rate ? 1 / this.options.rate : 0.04;
    let index = 0;
    let attempt = 0;
    let lastPts = -Infinity;
    let reason = '';
    while (!this.controller.signal.aborted) {
      report({ state: 'connecting', attempt: attempt + 1 });
      let offset: number | undefined;
      let streaming = false;
      try {
        const segments = await this.ring.connect();
        const decodeOptions = { width, height, rate: this.options.rate, inputOptions, fileOutput: segments.output };
        for await (const decoded of decodeFrames(this.url, decodeOptions, this.controller.signal)) {
          if (!streaming) {
            streaming = true;
            attempt = 0;
            report({ state: 'streaming' });
          }
          // A new connection restarts the camera's clock: continue after the last frame.
          offset ??= lastPts === -Infinity ? 0 : lastPts + gap - decoded.pts;
          segments.setOffset(offset);
          lastPts = decoded.pts + offset;
          yield { index: index++, pts: lastPts, width, height, rgb: decoded.rgb };
        }
        reason = 'stream ended';
      } catch (error) {
        reason = redact(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
      if (this.controller.signal.aborted) break;
      attempt += 1;
      if (attempt > maxAttempts) {
        report({ state: 'failed', reason });
        throw new IngestError('SOURCE_UNREACHABLE', `live source ${redact(this.url)} failed: ${reason}`, { url: redact(this.url) });
      }
      const delayMs = backoffDelay(attempt, backoff);
      report({ state: 'reconnecting', attempt, delayMs, reason });
      await sleep(delayMs, this.controller.signal);
    }
    report({ state: 'ended' });
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.ring.remove();
  }
}

/** Credentials in a stream URL never reach a log or an error message. */
export function redact(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/g, '//***@');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
