// The frame an infraction's snapshot is drawn on: the analysed frame whose box the rules
// chose, so the box sits on the vehicle it was measured on. From a file, that frame at the
// source's resolution (better evidence than the analysis frame): the frame source decodes
// it beside the analysis frame, and it is kept here while a passage track seen on it is
// alive (within a memory bound); one not kept is decoded again from the file when the
// evidence is made. From a live source, the nearest of the recent analysis frames.
import type { Box, Frame, FrameSourceInfo } from '../types.js';

export interface EvidenceFrame {
  frame: Frame;
  /** Multiply a source-video coordinate by this to place it on `frame`. */
  scale: number;
}

/** The frame settled for an infraction when its track ended; `kept` null: decode `pts` again. */
export interface ReservedFrame {
  pts: number;
  kept: EvidenceFrame | null;
}

export interface EvidenceFramesOptions {
  /** Live sources: how many recent analysis frames stay. */
  keepRecent: number;
  /** Bytes of source-size frames kept at most; the oldest goes first (then it is decoded again). */
  maxSourceBytes: number;
}

interface KeptSourceFrame {
  frame: Frame;
  tracks: Set<number>;
}

export class EvidenceFrames {
  private readonly recent: Frame[] = [];
  /** Source-size frames by pts, oldest first (a Map keeps insertion order). */
  private readonly kept = new Map<number, KeptSourceFrame>();
  private readonly ptsOfTrack = new Map<number, number[]>();
  private keptBytes = 0;
  private peakBytes = 0;

  constructor(
    private readonly info: FrameSourceInfo,
    private readonly live: boolean,
    private readonly options: EvidenceFramesOptions,
  ) {}

  /**
   * Each analysed frame, with its source-size picture when the source gives one and the
   * keys of the passage tracks seen on it: only those frames can become evidence.
   */
  remember(frame: Frame, source: Frame | undefined, passageTracks: readonly number[]): void {
    if (this.live) {
      this.recent.push(frame);
      if (this.recent.length > this.options.keepRecent) this.recent.shift();
      return;
    }
    if (!source || passageTracks.length === 0) return;
    this.kept.set(source.pts, { frame: source, tracks: new Set(passageTracks) });
    this.keptBytes += source.rgb.length;
    this.peakBytes = Math.max(this.peakBytes, this.keptBytes);
    for (const key of passageTracks) {
      const seen = this.ptsOfTrack.get(key);
      if (seen) seen.push(source.pts);
      else this.ptsOfTrack.set(key, [source.pts]);
    }
    for (const [pts, oldest] of this.kept) {
      if (this.keptBytes <= this.options.maxSourceBytes) break;
      this.drop(pts, oldest);
    }
  }

  /** A track that ended or was discarded: frames only it was seen on go. */
  release(trackKey: number): void {
    for (const pts of this.ptsOfTrack.get(trackKey) ?? []) {
      const kept = this.kept.get(pts);
      kept?.tracks.delete(trackKey);
      if (kept && kept.tracks.size === 0) this.drop(pts, kept);
    }
    this.ptsOfTrack.delete(trackKey);
  }

  /** Settles now which frame shows `pts`: evidence is made in the background, when the frames have moved on. */
  reserve(pts: number): ReservedFrame {
    if (this.live) {
      const nearest = [...this.recent].sort((a, b) => Math.abs(a.pts - pts) - Math.abs(b.pts - pts))[0];
      return { pts, kept: nearest ? { frame: nearest, scale: 1 / this.info.scaleToSource } : null };
    }
    const kept = this.kept.get(pts);
    return { pts, kept: kept ? { frame: kept.frame, scale: 1 } : null };
  }

  /** Source-size frames held now, and their bytes; the most bytes held at once (before the bound dropped any). */
  get held(): { frames: number; bytes: number; peakBytes: number } {
    return { frames: this.kept.size, bytes: this.keptBytes, peakBytes: this.peakBytes };
  }

  private drop(pts: number, kept: KeptSourceFrame): void {
    this.kept.delete(pts);
    this.keptBytes -= kept.frame.rgb.length;
  }
}

export function scaleBox(box: Box, scale: number): Box {
  return { x: box.x * scale, y: box.y * scale, w: box.w * scale, h: box.h * scale };
}
