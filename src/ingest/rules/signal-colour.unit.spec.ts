import { describe, expect, it } from 'vitest';
import { classifySignalColour, lampColour, meanColour } from './signal-state.js';

function frameWith(width: number, height: number, paint: (x: number, y: number) => [number, number, number]) {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set(paint(x, y), (y * width + x) * 3);
  return { width, height, rgb };
}

describe('signal state from the colour of the signal head', () => {
  it.each([
    [{ r: 220, g: 30, b: 25 }, 'red'],
    [{ r: 230, g: 160, b: 20 }, 'amber'],
    [{ r: 30, g: 200, b: 90 }, 'green'],
    [{ r: 20, g: 20, b: 22 }, 'unknown'],
    [{ r: 180, g: 180, b: 175 }, 'unknown'],
  ])('classifies mean colour %o as %s', (colour, state) => {
    expect(classifySignalColour(colour)).toBe(state);
  });

  it('averages only the configured region, clipped to the frame', () => {
    const frame = frameWith(20, 10, (x) => (x >= 10 ? [200, 0, 0] : [0, 0, 200]));
    expect(meanColour(frame, { x: 10, y: 0, w: 50, h: 50 })).toEqual({ r: 200, g: 0, b: 0 });
    expect(meanColour(frame, { x: 5, y: 0, w: 10, h: 10 })).toEqual({ r: 100, g: 0, b: 100 });
  });
});

describe('the lit lamp of a signal head', () => {
  it('takes the colour of the brightest pixels, not the dark housing around them', () => {
    // A dark head with a small lit red lamp in its top third.
    const frame = frameWith(12, 30, (x, y) => (y < 8 && x > 2 && x < 9 ? [235, 40, 30] : [25, 28, 25]));
    expect(classifySignalColour(meanColour(frame, { x: 0, y: 0, w: 12, h: 30 }))).not.toBe('red');
    expect(classifySignalColour(lampColour(frame, { x: 0, y: 0, w: 12, h: 30 }))).toBe('red');
  });
});
