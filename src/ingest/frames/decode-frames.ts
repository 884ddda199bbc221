// One ffmpeg run: decodes a file or stream to packed RGB at the analysis size, keeping the
// first frame of each 1/rate slot (select by time, never an fps filter that retimes), and
// pairs each frame with the pts_time that showinfo prints for it.
import ffmpeg from 'fluent-ffmpeg';
import type { Readable } from 'node:stream';

export interface DecodeOptions {
  width: number;
  height: number;
  /** Frames per second to keep; undefined keeps every frame. */
  rate?: number;
  inputOptions?: string[];
}

export interface DecodedFrame {
  pts: number;
  rgb: Buffer;
}

export class DecodeFailure extends Error {
  constructor(
    message: string,
    readonly stderrTail: string[],
  ) {
    super(message);
    this.name = 'DecodeFailure';
  }
}

/** Filter chain; exported for the tests that check which frames it keeps. */
export function selectFilter(rate: number | undefined): string {
  if (rate === undefined) return 'showinfo';
  // Slot index floor(t * rate); a tiny epsilon keeps exact slot starts (0.2 s at 5 fps) in their slot.
  const slot = (t: string) => `floor((${t}+0.0001)*${rate})`;
  return `select='isnan(prev_selected_t)+gt(${slot('t')},${slot('prev_selected_t')})',showinfo`;
}

export async function* decodeFrames(input: string, options: DecodeOptions, signal?: AbortSignal): AsyncGenerator<DecodedFrame> {
  const frameBytes = options.width * options.height * 3;
  const ptsQueue: number[] = [];
  const stderrTail: string[] = [];
  let wake: (() => void) | undefined;
  let finished: { error?: Error } | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const command = ffmpeg(input)
    .inputOptions(['-xerror', ...(options.inputOptions ?? [])])
    .videoFilters(`${selectFilter(options.rate)},scale=${options.width}:${options.height}:flags=area`)
    .outputOptions(['-an', '-sn', '-fps_mode', 'passthrough', '-pix_fmt', 'rgb24'])
    .format('rawvideo')
    .on('stderr', (line: string) => {
      const pts = /Parsed_showinfo.*\spts_time:\s*(-?[\d.]+)/.exec(line);
      if (pts) {
        ptsQueue.push(Number(pts[1]));
        notify();
      } else if (!line.includes('Parsed_showinfo')) {
        stderrTail.push(line);
        if (stderrTail.length > 20) stderrTail.shift();
      }
    })
    .on('error', (error: Error) => {
      finished = { error };
      notify();
    })
    .on('end', () => {
      finished = {};
      notify();
    });
  const stdout = command.pipe() as Readable;
  const abort = () => command.kill('SIGKILL');
  signal?.addEventListener('abort', abort, { once: true });

  let pending: Buffer = Buffer.alloc(0);
  let delivered = 0;
  try {
    for await (const chunk of stdout) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      while (pending.length >= frameBytes) {
        const rgb = Buffer.from(pending.subarray(0, frameBytes));
        pending = pending.subarray(frameBytes);
        // stderr and stdout are separate pipes: the pts line may land after the pixels.
        while (ptsQueue.length <= delivered && !finished) await new Promise<void>((resolve) => (wake = resolve));
        const pts = ptsQueue[delivered];
        if (pts === undefined) throw new DecodeFailure('ffmpeg gave a frame without a timestamp', stderrTail);
        delivered += 1;
        yield { pts, rgb };
      }
    }
    while (!finished) await new Promise<void>((resolve) => (wake = resolve));
    if (finished.error && !signal?.aborted) throw new DecodeFailure(finished.error.message, stderrTail);
    if (pending.length > 0) throw new DecodeFailure('ffmpeg output ended inside a frame', stderrTail);
  } finally {
    signal?.removeEventListener('abort', abort);
    if (!finished) command.kill('SIGKILL');
  }
}
