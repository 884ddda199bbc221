// The frame an infraction's snapshot is drawn on. From a file, the source's frame at full
// resolution (better evidence than the analysis frame, and no frames kept in memory),
// decoded again from the key frame before it when the evidence is made; from a live
// source, the nearest of the recent analysis frames kept in a ring.
import type { Box, Frame, FrameSourceInfo } from '../types.js';

export interface EvidenceFrame {
  frame: Frame;
  /** Multiply a source-video coordinate by this to place it on `frame`. */
  scale: number;
}

/** Where a snapshot's frame will come from, settled when the track ends. */
export type ReservedFrame =
  | { from: 'clip'; width: number; height: number }
  | { from: 'ring'; kept: EvidenceFrame | null };

export class EvidenceFrames {
  private readonly recent: Frame[] = [];

  constructor(
    private readonly info: FrameSourceInfo,
    private readonly sourcePath: string | undefined,
    private readonly keepRecent: number,
  ) {}

  /** Remembers analysis frames only when there is no file to decode again. */
  remember(frame: Frame): void {
    if (this.sourcePath) return;
    this.recent.push(frame);
    if (this.recent.length > this.keepRecent) this.recent.shift();
  }

  /**
   * Settles now which frame shows `pts`: evidence is made in the background, by which time
   * a live source's ring has moved on. A file's frame is decoded again, later.
   */
  reserve(pts: number): ReservedFrame {
    if (this.sourcePath) return { from: 'clip', width: this.info.sourceWidth, height: this.info.sourceHeight };
    const nearest = [...this.recent].sort((a, b) => Math.abs(a.pts - pts) - Math.abs(b.pts - pts))[0];
    return { from: 'ring', kept: nearest ? { frame: nearest, scale: 1 / this.info.scaleToSource } : null };
  }
}

export function scaleBox(box: Box, scale: number): Box {
  return { x: box.x * scale, y: box.y * scale, w: box.w * scale, h: box.h * scale };
}
