// Whole raw frames out of a byte stream (one of ffmpeg's output pipes). Chunks are joined
// once per frame, not once per chunk (a 1080p RGB frame arrives in ~100 pipe chunks), and
// reading pauses while `highWater` frames wait, so a slow consumer holds ffmpeg back.
import type { Readable } from 'node:stream';

export class RawFrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly frames: Buffer[] = [];
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly stream: Readable,
    private readonly frameBytes: number,
    private readonly highWater = 3,
  ) {
    stream.on('data', (chunk: Buffer) => this.take(chunk));
    stream.on('end', () => this.finish());
    stream.on('error', (error: Error) => this.finish(error));
  }

  /** The next whole frame; null once the stream has ended. */
  async next(): Promise<Buffer | null> {
    while (this.frames.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    const frame = this.frames.shift();
    if (this.frames.length < this.highWater && this.stream.isPaused()) this.stream.resume();
    if (frame) return frame;
    if (this.failure) throw this.failure;
    return null;
  }

  /** Bytes left over at the end that did not make a whole frame. */
  get partialBytes(): number {
    return this.buffered;
  }

  private take(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered < this.frameBytes) return;
    let joined = Buffer.concat(this.chunks, this.buffered);
    while (joined.length >= this.frameBytes) {
      this.frames.push(joined.subarray(0, this.frameBytes));
      joined = joined.subarray(this.frameBytes);
    }
    // The remainder is copied so the frames just made do not pin it (and it them).
    this.chunks = joined.length > 0 ? [Buffer.from(joined)] : [];
    this.buffered = joined.length;
    if (this.frames.length >= this.highWater) this.stream.pause();
    this.notify();
  }

  private finish(error?: Error): void {
    this.ended = true;
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }
}
