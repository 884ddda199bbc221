import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Box, Frame } from '../types.js';
import { renderSnapshot } from './annotated-snapshot.js';

const WIDTH = 640;
const HEIGHT = 360;
/** A frame with detail everywhere (a gradient), so any pixel drawn differently shows. */
const frame: Frame = {
  index: 0, pts: 1, width: WIDTH, height: HEIGHT,
  rgb: Buffer.from(Array.from({ length: WIDTH * HEIGHT * 3 }, (_, i) => (i * 7 + Math.floor(i / (WIDTH * 3)) * 3) % 256)),
};
const caption = { infractionType: 'RED_LIGHT', plateText: 'ABC1D23', speedKmh: 42.5, limitKmh: 50, deviceTime: '2026-03-01T10:00:03.800Z', deviceId: 'cam-9' };

/** The drawing as it was made before session 3: one SVG of the frame's size, box first, then the band. */
async function oneFrameSizedOverlay(box: Box): Promise<Buffer> {
  const lineHeight = Math.max(14, Math.round(HEIGHT / 30));
  const lines = ['RED_LIGHT  plate ABC1D23', 'speed 42.5 km/h (limit 50)', '2026-03-01T10:00:03.800Z  device cam-9'];
  const stroke = Math.max(2, Math.round(WIDTH / 400));
  const text = lines.map((line, i) => `<text x="8" y="${(i + 1) * lineHeight}" font-family="DejaVu Sans, sans-serif" font-size="${lineHeight - 3}" fill="#ffffff">${line}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">` +
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" fill="none" stroke="#ff2d2d" stroke-width="${stroke}"/>` +
    `<rect x="0" y="0" width="${WIDTH}" height="${lineHeight * lines.length + 6}" fill="#000000" fill-opacity="0.6"/>${text}</svg>`;
  return sharp(frame.rgb, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).composite([{ input: Buffer.from(svg), top: 0, left: 0 }]).jpeg({ quality: 88, mozjpeg: false }).toBuffer();
}

describe('annotated snapshot', () => {
  it.each([
    ['in the middle, at fractional pixels', { x: 300.37, y: 200.81, w: 80.5, h: 30.25 }],
    ['reaching under the caption band', { x: 40.2, y: 20.6, w: 90, h: 40 }],
    ['at the top-left corner', { x: 0, y: 0, w: 50, h: 20 }],
    ['cut by the bottom-right edge', { x: 610.5, y: 345.2, w: 80, h: 40 }],
    ['wholly off the frame', { x: 700, y: 400, w: 30, h: 10 }],
  ])('draws a box %s exactly as one frame-sized overlay did (the same JPEG bytes)', async (_where, box) => {
    expect((await renderSnapshot(frame, box, caption)).equals(await oneFrameSizedOverlay(box))).toBe(true);
  });
});
