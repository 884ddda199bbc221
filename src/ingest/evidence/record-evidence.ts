// Makes the evidence of one infraction (annotated snapshot, clip around the event) and
// stores it through the evidence port, returning what the message carries: each item's
// URI and SHA-256. Keys are derived from the message id, so a re-run lands on the same keys.
// When a key already holds other bytes (evidence made by an older encoder or recipe), the
// stored evidence is adopted, never overwritten: the message then carries the stored bytes'
// hash, so the evidence in the store always hashes to the SHA-256 in the message.
import { createLogger, type Logger } from '../../app/logger.js';
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
  /** A clip made already (a live camera's, from its segment ring), stored like a file's. */
  clipBytes?: Buffer;
}

let defaultLogger: Logger | undefined;

/** `logger` hears of adopted evidence; by default a warn-level logger of its own. */
export async function recordEvidence(store: EvidenceStore, request: EvidenceRequest, logger?: Logger): Promise<EvidenceItem[]> {
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
  const log = logger ?? (defaultLogger ??= createLogger('warn', 'roadledger-ingest'));
  const put = (kind: EvidenceItem['kind'], name: string, bytes: Buffer, contentType: string) =>
    storeItem(store, log, request.messageId, { kind, key: `${folder}/${name}`, bytes, contentType });
  const snapshot = await renderSnapshot(frame, request.box, request.caption);
  const items = [await put('SNAPSHOT', 'snapshot.jpg', snapshot, 'image/jpeg')];
  if (request.clip) {
    clip ??= await cutClip(request.clip.sourcePath, request.clip.window);
    items.push(await put('CLIP', 'clip.mp4', clip, 'video/mp4'));
  } else if (request.clipBytes) {
    items.push(await put('CLIP', 'clip.mp4', request.clipBytes, 'video/mp4'));
  }
  return items;
}

async function storeItem(
  store: EvidenceStore,
  logger: Logger,
  messageId: string,
  item: { kind: EvidenceItem['kind']; key: string; bytes: Buffer; contentType: string },
): Promise<EvidenceItem> {
  const stored = await store.put(item.key, item.bytes, item.contentType, { ifOtherBytesStored: 'adopt' });
  if (stored.offeredSha256) {
    logger.warn(
      { messageId, kind: item.kind, key: item.key, uri: stored.uri, storedSha256: stored.sha256, madeSha256: stored.offeredSha256 },
      'evidence already stored under this key differs from the evidence made now: the stored evidence is kept and referenced',
    );
  }
  return { kind: item.kind, contentType: item.contentType, uri: stored.uri, sha256: stored.sha256, size: stored.size };
}

function safeSegment(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned.length > 0 ? cleaned : 'device';
}
