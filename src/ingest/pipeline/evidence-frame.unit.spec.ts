import { describe, expect, it } from 'vitest';
import type { Frame } from '../types.js';
import { EvidenceFrames } from './evidence-frame.js';

const info = { width: 4, height: 2, sourceWidth: 8, sourceHeight: 4, scaleToSource: 2 };
const analysed = (pts: number): Frame => ({ index: Math.round(pts * 10), pts, width: 4, height: 2, rgb: Buffer.alloc(4 * 2 * 3, pts * 10) });
/** A source-size frame: 8x4 RGB, 96 bytes. */
const sourceSize = (pts: number): Frame => ({ index: Math.round(pts * 10), pts, width: 8, height: 4, rgb: Buffer.alloc(8 * 4 * 3, pts * 10) });
const fromFile = (maxSourceBytes = 10_000) => new EvidenceFrames(info, false, { keepRecent: 3, maxSourceBytes });

describe('evidence frames from a file', () => {
  it('gives the source-size frame of the very pts a passage track was seen on, drawn at source scale', () => {
    const frames = fromFile();
    frames.remember(analysed(0.1), sourceSize(0.1), [7]);
    frames.remember(analysed(0.2), sourceSize(0.2), [7]);
    const reserved = frames.reserve(0.2);
    expect(reserved.kept?.frame.rgb.equals(sourceSize(0.2).rgb)).toBe(true);
    expect([reserved.pts, reserved.kept?.scale, reserved.kept?.frame.width]).toEqual([0.2, 1, 8]);
  });

  it('keeps no frame that no passage track was seen on', () => {
    const frames = fromFile();
    frames.remember(analysed(0.1), sourceSize(0.1), []);
    expect(frames.reserve(0.1)).toEqual({ pts: 0.1, kept: null });
    expect(frames.held).toEqual({ frames: 0, bytes: 0, peakBytes: 0 });
  });

  it('lets a frame go once every track seen on it has ended or been discarded', () => {
    const frames = fromFile();
    frames.remember(analysed(0.1), sourceSize(0.1), [1, 2]);
    frames.remember(analysed(0.2), sourceSize(0.2), [2]);
    frames.release(1);
    expect(frames.held.frames).toBe(2);
    frames.release(2);
    expect(frames.held).toEqual({ frames: 0, bytes: 0, peakBytes: 192 });
    expect(frames.reserve(0.1).kept).toBeNull();
  });

  it('over its memory bound drops the oldest frame first, which then has to be decoded again', () => {
    const frames = fromFile(2 * 96);
    for (const pts of [0.1, 0.2, 0.3]) frames.remember(analysed(pts), sourceSize(pts), [5]);
    expect(frames.held).toEqual({ frames: 2, bytes: 192, peakBytes: 288 });
    expect(frames.reserve(0.1).kept).toBeNull();
    expect(frames.reserve(0.3).kept?.frame.pts).toBe(0.3);
    frames.release(5);
    expect(frames.held.frames).toBe(0);
  });

  it('a frame reserved before its track lets it go stays whole for the evidence', () => {
    const frames = fromFile();
    frames.remember(analysed(0.1), sourceSize(0.1), [3]);
    const reserved = frames.reserve(0.1);
    frames.release(3);
    expect(reserved.kept?.frame.rgb.equals(sourceSize(0.1).rgb)).toBe(true);
  });

  it('without source-size frames (not asked of the source) keeps nothing: each is decoded again', () => {
    const frames = fromFile();
    frames.remember(analysed(0.1), undefined, [3]);
    expect(frames.reserve(0.1)).toEqual({ pts: 0.1, kept: null });
  });
});

describe('evidence frames from a live source', () => {
  it('gives the nearest of the recent analysis frames, drawn at analysis scale', () => {
    const frames = new EvidenceFrames(info, true, { keepRecent: 3, maxSourceBytes: 0 });
    for (const pts of [0.1, 0.2, 0.3, 0.4]) frames.remember(analysed(pts), undefined, []);
    expect(frames.reserve(0.33).kept).toEqual({ frame: analysed(0.3), scale: 0.5 });
    expect(frames.reserve(0.0).kept?.frame.pts).toBe(0.2); // 0.1 has left the ring of 3
  });
});
