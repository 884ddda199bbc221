// Makes the evidence of one infraction (annotated snapshot, clip around the event) and
// stores it through the evidence port, returning what the message carries: each item's
// URI and SHA-256. Keys are derived from the message id, so a re-run lands on the same keys.
import type { EvidenceStore } from '../../evidence/port.js';
import type { Box, Frame } from '../types.js';
import { renderSnapshot, type SnapshotCaption } from './annotated-snapshot.js';
import { cutClip, cutClipWithStill, type ClipWindow } from './event-clip.js';

export interface EvidenceItem {
  kind: 'SNAPSHOT' | 'CLIP';
  contentType: string;
  uri: string;
  sha256: string;
  size: number;
}

export interface EvidenceRequest {
  messageId: string;
  /** The frame the snapshot is drawn on; absent when it is the clip's own (`clip.still`). */
  frame?: Frame;
  box: Box;
  caption: SnapshotCaption;
  /**
   * The source file and the event's instant in it; absent for live sources (no clip).
   * `still`: draw the snapshot on the source's frame at the event, of this size, taken
   * from the clip's own decoding.
   */
  clip?: { sourcePath: string; window: ClipWindow; still?: { width: number; height: number } };
}

export async function recordEvidence(store: EvidenceStore, request: EvidenceRequest): Promise<EvidenceItem[]> {
  const folder = `${safeSegment(request.caption.deviceId)}/${request.caption.deviceTime.slice(0, 10)}/${request.messageId}`;
  let frame = request.frame;
  let clip: Buffer | null = null;
  if (!frame && request.clip?.still) {
    const { width, height } = request.clip.still;
    const cut = await cutClipWithStill(request.clip.sourcePath, request.clip.window, { width, height });
    clip = cut.clip;
    frame = { index: 0, pts: request.clip.window.atS, width, height, rgb: cut.still };
  }
  if (!frame) throw new Error(`evidence ${request.messageId} needs a frame or a clip to take it from`);
  const snapshot = await renderSnapshot(frame, request.box, request.caption);
  const items: EvidenceItem[] = [{ kind: 'SNAPSHOT', contentType: 'image/jpeg', ...(await store.put(`${folder}/snapshot.jpg`, snapshot, 'image/jpeg')) }];
  if (request.clip) {
    clip ??= await cutClip(request.clip.sourcePath, request.clip.window);
    items.push({ kind: 'CLIP', contentType: 'video/mp4', ...(await store.put(`${folder}/clip.mp4`, clip, 'video/mp4')) });
  }
  return items;
}

function safeSegment(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned.length > 0 ? cleaned : 'device';
}
