import { describe, expect, it } from 'vitest';
import { letterbox, toFrameBox } from './letterbox.js';

describe('letterbox', () => {
  it('fits a 16:9 frame into a 320x256 input by its width and centres it vertically', () => {
    expect(letterbox(960, 540, 320, 256)).toEqual({ inputWidth: 320, inputHeight: 256, scale: 1 / 3, resizedWidth: 320, resizedHeight: 180, padLeft: 0, padTop: 38 });
  });

  it('fits a portrait frame by its height and centres it horizontally', () => {
    const geometry = letterbox(480, 960, 640, 640);
    expect(geometry).toMatchObject({ scale: 2 / 3, resizedWidth: 320, resizedHeight: 640, padLeft: 160, padTop: 0 });
  });

  it('maps a box in input pixels back to frame pixels through the scale and the padding', () => {
    const geometry = letterbox(960, 540, 320, 256);
    const box = toFrameBox({ x: 60, y: 108, w: 80, h: 40 }, geometry, { width: 960, height: 540 });
    expect(box.x).toBeCloseTo(180, 9);
    expect(box.y).toBeCloseTo(210, 9);
    expect(box.w).toBeCloseTo(240, 9);
    expect(box.h).toBeCloseTo(120, 9);
  });

  it('clips a box that reaches into the padding to the frame', () => {
    const geometry = letterbox(960, 540, 320, 256);
    const box = toFrameBox({ x: -10, y: 200, w: 40, h: 60 }, geometry, { width: 960, height: 540 });
    expect(box).toEqual({ x: 0, y: 486, w: 90, h: 54 });
  });
});
