// One ffmpeg run: decodes a file or stream to packed RGB at the analysis size, keeping the
// first frame of each 1/rate slot (select by time, never an fps filter that retimes), and
// pairs each frame with the pts_time that showinfo prints for it. Asked for, the same kept
// frames come at the source's own size too, on a second pipe (fd 3), from the same
// decoding: a snapshot's full-resolution picture without decoding the file again.
import { launchDecoder, launchDecoderWithSourcePipe } from './ffmpeg-launch.js';
import { RawFrameReader } from './raw-frame-reader.js';

export interface DecodeOptions {
  width: number;
  height: number;
  /** Frames per second to keep; undefined keeps every frame. */
  rate?: number;
  inputOptions?: string[];
  /** The source's picture size, to have each kept frame at that size as well. */
  sourceSize?: { width: number; height: number };
  /** A second output of the same run, to a file (a live camera's packets, see segment-ring.ts). */
  fileOutput?: { target: string; options: string[] };
}

export interface DecodedFrame {
  pts: number;
  rgb: Buffer;
  /** The same frame at `sourceSize`, when asked for. */
  sourceRgb?: Buffer;
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

function decodeArguments(options: DecodeOptions) {
  return {
    // -xerror (any error ends the run) is global: with a stream-copy output it would also make
    // fatal the muxer's complaints about a camera's missing DTS (RTP carries only PTS, so an
    // H.264 stream with B-frames has none), and such a camera could never be read.
    inputOptions: [...(options.fileOutput ? [] : ['-xerror']), ...(options.inputOptions ?? [])],
    filter: `${selectFilter(options.rate)},scale=${options.width}:${options.height}:flags=area`,
    outputOptions: ['-an', '-sn', '-dn', '-fps_mode', 'passthrough', '-pix_fmt', 'rgb24'],
    ...(options.fileOutput ? { fileOutput: options.fileOutput } : {}),
  };
}

function sourcePipeGraph(options: DecodeOptions): string {
  return `[0:v:0]${selectFilter(options.rate)},split=2[kept][whole];[kept]scale=${options.width}:${options.height}:flags=area[analysis];[whole]format=rgb24[source]`;
}

export async function* decodeFrames(input: string, options: DecodeOptions, signal?: AbortSignal): AsyncGenerator<DecodedFrame> {
  const ptsQueue: number[] = [];
  const stderrTail: string[] = [];
  let wake: (() => void) | undefined;
  let exit: { failure?: string } | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const handlers = {
    onStderrLine: (line: string) => {
      const pts = /Parsed_showinfo.*\spts_time:\s*(-?[\d.]+)/.exec(line);
      if (pts) {
        ptsQueue.push(Number(pts[1]));
        notify();
      } else if (!line.includes('Parsed_showinfo')) {
        stderrTail.push(line);
        if (stderrTail.length > 20) stderrTail.shift();
      }
    },
    onExit: (failure?: string) => {
      exit ??= failure === undefined ? {} : { failure };
      notify();
    },
  };
  const args = decodeArguments(options);
  const decoder = options.sourceSize
    ? launchDecoderWithSourcePipe(input, { ...args, graph: sourcePipeGraph(options) }, handlers)
    : launchDecoder(input, args, handlers);
  const analysis = new RawFrameReader(decoder.frames, options.width * options.height * 3);
  const source = decoder.sourceFrames && options.sourceSize ? new RawFrameReader(decoder.sourceFrames, options.sourceSize.width * options.sourceSize.height * 3) : null;
  const abort = () => decoder.kill();
  signal?.addEventListener('abort', abort, { once: true });

  let delivered = 0;
  try {
    for (;;) {
      const rgb = await analysis.next();
      if (!rgb) break;
      const sourceRgb = source ? await source.next() : undefined;
      if (source && !sourceRgb) throw new DecodeFailure('ffmpeg gave a frame without its source-size picture', stderrTail);
      // stderr and stdout are separate pipes: the pts line may land after the pixels.
      while (ptsQueue.length <= delivered && !exit) await new Promise<void>((resolve) => (wake = resolve));
      const pts = ptsQueue[delivered];
      if (pts === undefined) throw new DecodeFailure('ffmpeg gave a frame without a timestamp', stderrTail);
      delivered += 1;
      yield sourceRgb ? { pts, rgb, sourceRgb } : { pts, rgb };
    }
    while (!exit) await new Promise<void>((resolve) => (wake = resolve));
    if (signal?.aborted) return;
    if (exit.failure !== undefined) throw new DecodeFailure(`${firstLine(exit.failure)}: ${stderrTail.at(-1) ?? ''}`, stderrTail);
    if (analysis.partialBytes > 0 || (source?.partialBytes ?? 0) > 0) throw new DecodeFailure('ffmpeg output ended inside a frame', stderrTail);
  } finally {
    signal?.removeEventListener('abort', abort);
    if (!exit) decoder.kill();
  }
}

// fluent-ffmpeg's error message carries ffmpeg's whole stderr after its first line.
function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
