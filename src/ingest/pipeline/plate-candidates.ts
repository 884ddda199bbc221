// Keeps, per track, the few sightings best suited to reading its plate (largest whole
// boxes), as small crops: the frames themselves are not kept, so memory stays flat.
import type { Box, Frame } from '../types.js';

export interface PlateCrop {
  frame: Frame;
  box: Box;
  area: number;
}

export class PlateCandidates {
  private readonly byTrack = new Map<number, PlateCrop[]>();

  constructor(private readonly perTrack: number) {}

  offer(trackKey: number, frame: Frame, box: Box): void {
    const area = box.w * box.h;
    const list = this.byTrack.get(trackKey) ?? [];
    if (list.length >= this.perTrack && list[list.length - 1]!.area >= area) return;
    list.push({ ...cropAround(frame, box), area });
    list.sort((a, b) => b.area - a.area);
    if (list.length > this.perTrack) list.pop();
    this.byTrack.set(trackKey, list);
  }

  take(trackKey: number): PlateCrop[] {
    const list = this.byTrack.get(trackKey) ?? [];
    this.byTrack.delete(trackKey);
    return list;
  }

  drop(trackKey: number): void {
    this.byTrack.delete(trackKey);
  }
}

/** The box with a margin of half its height, copied out of the frame; the box moves into the crop's coordinates. */
function cropAround(frame: Frame, box: Box): { frame: Frame; box: Box } {
  const pad = box.h * 0.5;
  const x0 = Math.max(0, Math.floor(box.x - pad));
  const y0 = Math.max(0, Math.floor(box.y - pad));
  const x1 = Math.min(frame.width, Math.ceil(box.x + box.w + pad));
  const y1 = Math.min(frame.height, Math.ceil(box.y + box.h + pad));
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * frame.width + x0) * 3;
    frame.rgb.copy(rgb, y * width * 3, from, from + width * 3);
  }
  return { frame: { index: frame.index, pts: frame.pts, width, height, rgb }, box: { x: box.x - x0, y: box.y - y0, w: box.w, h: box.h } };
}
