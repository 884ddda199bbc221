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
  // Small overlays instead of one of the frame's size: librsvg rasterises only what is drawn
  // (the caption band, the box's surroundings), the same pixels at about 60% of the cost.
  // A box that reaches into the band is drawn in the band's own overlay, under it, as it
  // always was (two overlays blended one after the other round differently).
  const band = captionBand(frame.width, frame.height, caption);
  const outline = boxOutline(frame.width, frame.height, box);
  const overlays = outline.top < band.height
    ? [overlay(frame.width, Math.max(band.height, outline.bottom), outline.svgAt(0, 0) + band.svg, 0, 0)]
    : [overlay(outline.right - outline.left, outline.bottom - outline.top, outline.svgAt(outline.left, outline.top), outline.left, outline.top), overlay(frame.width, band.height, band.svg, 0, 0)];
  return sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .composite(overlays)
    .jpeg({ quality: 88, mozjpeg: false })
    .toBuffer();
}

function overlay(width: number, height: number, body: string, left: number, top: number) {
  return { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`), left, top };
}

function captionBand(width: number, height: number, caption: SnapshotCaption): { svg: string; height: number } {
  const lineHeight = Math.max(14, Math.round(height / 30));
  const lines = [
    `${caption.infractionType}  plate ${caption.plateText ?? 'unread'}`,
    caption.speedKmh === null ? null : `speed ${caption.speedKmh.toFixed(1)} km/h${caption.limitKmh === null ? '' : ` (limit ${caption.limitKmh})`}`,
    `${caption.deviceTime}  device ${caption.deviceId}`,
  ].filter((line): line is string => line !== null);
  const band = lineHeight * lines.length + 6;
  const text = lines
    .map((line, i) => `<text x="8" y="${(i + 1) * lineHeight}" font-family="DejaVu Sans, sans-serif" font-size="${lineHeight - 3}" fill="#ffffff">${escapeXml(line)}</text>`)
    .join('');
  return { svg: `<rect x="0" y="0" width="${width}" height="${band}" fill="#000000" fill-opacity="0.6"/>${text}`, height: Math.min(height, band) };
}

/** Where the box's outline (its stroke included) lands in whole pixels within the frame, and its SVG drawn from a corner. */
function boxOutline(width: number, height: number, box: Box) {
  const stroke = Math.max(2, Math.round(width / 400));
  const left = Math.max(0, Math.floor(box.x - stroke));
  const top = Math.max(0, Math.floor(box.y - stroke));
  // An outline wholly off the frame still gets a 1-pixel canvas (nothing of it shows).
  const right = Math.min(width, Math.max(left + 1, Math.ceil(box.x + box.w + stroke)));
  const bottom = Math.min(height, Math.max(top + 1, Math.ceil(box.y + box.h + stroke)));
  return {
    left: Math.min(left, width - 1),
    top: Math.min(top, height - 1),
    right,
    bottom,
    svgAt: (x: number, y: number) => `<rect x="${box.x - x}" y="${box.y - y}" width="${box.w}" height="${box.h}" fill="none" stroke="${BOX_COLOUR}" stroke-width="${stroke}"/>`,
  };
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
