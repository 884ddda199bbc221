// Starting the decoding ffmpeg. fluent-ffmpeg (the project's ffmpeg library) runs the usual
// single-output decode; it opens only stdin, stdout and stderr, so the opt-in second output
// of source-size frames (fd 3) needs a plain spawn with a fourth pipe.
import { spawn } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';

export interface LaunchedDecoder {
  frames: Readable;
  /** Source-size frames, when the launch asked for a second output. */
  sourceFrames: Readable | null;
  kill(): void;
}

export interface LaunchHandlers {
  onStderrLine(line: string): void;
  /** Called once: with nothing on a clean exit, else what went wrong. */
  onExit(failure?: string): void;
}

export interface DecodeArguments {
  inputOptions: string[];
  filter: string;
  outputOptions: string[];
  /** A file output of the same run next to the frames (a live camera's segment ring). */
  fileOutput?: { target: string; options: string[] };
}

export function launchDecoder(input: string, args: DecodeArguments, handlers: LaunchHandlers): LaunchedDecoder {
  const command = ffmpeg(input)
    .inputOptions(['-hide_banner', '-nostdin', ...args.inputOptions])
    .videoFilters(args.filter)
    .outputOptions(args.outputOptions)
    .format('rawvideo')
    .on('stderr', (line: string) => handlers.onStderrLine(line))
    .on('error', (error: Error) => handlers.onExit(error.message))
    .on('end', () => handlers.onExit());
  const frames = new PassThrough();
  command.output(frames);
  // fluent-ffmpeg's later output() calls open a new output: its options follow the frames'.
  if (args.fileOutput) command.output(args.fileOutput.target).outputOptions(args.fileOutput.options);
  command.run();
  return { frames, sourceFrames: null, kill: () => command.kill('SIGKILL') };
}

/** The same decode with a second output: `[analysis]` on stdout, `[source]` on fd 3. */
export function launchDecoderWithSourcePipe(input: string, args: DecodeArguments & { graph: string }, handlers: LaunchHandlers): LaunchedDecoder {
  const raw = [...args.outputOptions, '-f', 'rawvideo'];
  const argv = ['-hide_banner', '-nostdin', ...args.inputOptions, '-i', input, '-filter_complex', args.graph,
    '-map', '[analysis]', ...raw, 'pipe:1', '-map', '[source]', ...raw, 'pipe:3'];
  const child = spawn('ffmpeg', argv, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  let exited = false;
  const exit = (failure?: string) => {
    if (exited) return;
    exited = true;
    handlers.onExit(failure);
  };
  child.on('error', (error) => exit(`ffmpeg could not be started: ${error.message}`));
  child.on('close', (code, signal) => exit(code === 0 ? undefined : `ffmpeg exited with ${code === null ? `signal ${signal}` : `code ${code}`}`));
  let partial = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    const lines = (partial + text).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const line of lines) handlers.onStderrLine(line);
  });
  return { frames: child.stdout!, sourceFrames: child.stdio[3] as Readable, kill: () => child.kill('SIGKILL') };
}
