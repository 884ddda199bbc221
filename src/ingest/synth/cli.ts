// `roadledger synth`: writes a synthetic road video and its truth JSON. Exported as a
// commander command for the main CLI; also runs on its own (npm run synth -- --out x.mp4).
import { Command, InvalidArgumentError } from 'commander';
import { fileURLToPath } from 'node:url';
import { generateVideo } from './generate.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('must be a positive number');
  return n;
}

export function synthCommand(): Command {
  return new Command('synth')
    .description('generate a synthetic road video with known truth (plates, speeds, red light, lanes)')
    .requiredOption('-o, --out <file.mp4>', 'video to write; the truth goes to <file>.truth.json')
    .option('--width <px>', 'frame width', positiveInt, 1280)
    .option('--height <px>', 'frame height', positiveInt, 720)
    .option('--fps <n>', 'frames per second', positiveNumber, 25)
    .option('--duration <s>', 'length in seconds', positiveNumber, 7)
    .option('--seed <n>', 'noise seed', positiveInt, 7)
    .action(async (options: { out: string; width: number; height: number; fps: number; duration: number; seed: number }) => {
      const started = performance.now();
      const result = await generateVideo({
        output: options.out,
        width: options.width,
        height: options.height,
        fps: options.fps,
        durationS: options.duration,
        seed: options.seed,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${result.video} (${result.truth.video.frameCount} frames in ${seconds} s)\n${result.truthFile}\n`);
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await synthCommand().parseAsync(process.argv);
}
