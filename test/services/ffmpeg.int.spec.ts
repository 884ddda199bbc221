// ffmpeg and ffprobe from Debian's packages work through the project's own wrapper
// (fluent-ffmpeg): a clip rendered from ffmpeg's test source probes as what was asked for.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function renderTestClip(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    ffmpeg()
      .input('testsrc=size=160x120:rate=10:duration=1')
      .inputFormat('lavfi')
      .videoCodec('libx264')
      .outputOptions(['-pix_fmt yuv420p'])
      .on('end', () => resolve())
      .on('error', reject)
      .save(path);
  });
}

function probe(path: string): Promise<ffmpeg.FfprobeData> {
  return new Promise((resolve, reject) => ffmpeg.ffprobe(path, (error, data) => (error ? reject(error) : resolve(data))));
}

describe('ffmpeg', () => {
  let dir: string;
  let clip: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roadledger-ffmpeg-'));
    clip = join(dir, 'testsrc.mp4');
    await renderTestClip(clip);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders a clip from the lavfi test source', async () => {
    expect((await stat(clip)).size).toBeGreaterThan(0);
  });

  it('probes the clip as 160x120 H.264 at 10 frames per second lasting one second', async () => {
    const data = await probe(clip);
    const video = data.streams.find((stream) => stream.codec_type === 'video');
    expect(video).toMatchObject({ codec_name: 'h264', width: 160, height: 120, r_frame_rate: '10/1' });
    expect(Number(data.format.duration)).toBeCloseTo(1, 1);
  });
});
