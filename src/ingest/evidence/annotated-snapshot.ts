// The snapshot a reviewer sees: the frame of the event as JPEG, with the vehicle's box
// and a caption (type, plate, speed, time, device) drawn over it as an SVG overlay.
import sharp from 'sharp';
import type { Box, Frame } from '../types.js';

export interface SnapshotCaption {
  infractionType: string;
  plateText: string | null;
  speedKmh: number | null;
  limitKmh: number | null;
  /** ISO-8601 device time of the frame. */
  deviceTime: string;
  deviceId: string;
}

const BOX_COLOUR = '#ff2d2d';

export async function renderSnapshot(frame: Frame, box: Box, caption: SnapshotCaption): Promise<Buffer> {
  const svg = overlay(frame.width, frame.height, box, caption);
  return sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .jpeg({ quality: 88, mozjpeg: false })
    .toBuffer();
}

function overlay(width: number, height: number, box: Box, caption: SnapshotCaption): string {
  const lineHeight = Math.max(14, Math.round(height / 30));
  const lines = [
    `${caption.infractionType}  plate ${caption.plateText ?? 'unread'}`,
    caption.speedKmh === null ? null : `speed ${caption.speedKmh.toFixed(1)} km/h${caption.limitKmh === null ? '' : ` (limit ${caption.limitKmh})`}`,
    `${caption.deviceTime}  device ${caption.deviceId}`,
  ].filter((line): line is string => line !== null);
  const stroke = Math.max(2, Math.round(width / 400));
  const text = lines
    .map((line, i) => `<text x="8" y="${(i + 1) * lineHeight}" font-family="DejaVu Sans, sans-serif" font-size="${lineHeight - 3}" fill="#ffffff">${escapeXml(line)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" fill="none" stroke="${BOX_COLOUR}" stroke-width="${stroke}"/>` +
    `<rect x="0" y="0" width="${width}" height="${lineHeight * lines.length + 6}" fill="#000000" fill-opacity="0.6"/>` +
    `${text}</svg>`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
