// What `put` answers when its key already holds bytes, for every adapter alike: the same
// bytes are the same evidence; other bytes are a conflict, or, when the caller asked to
// adopt, the stored evidence as it is (hashed from the stored bytes themselves, never from
// a writer's claim), with the hash of what was offered beside it.
import { EvidenceError, type PutOptions, type StoredEvidence } from './port.js';
import { sha256Hex } from './sha256.js';

export function answerForTakenKey(key: string, offered: StoredEvidence, stored: Buffer, options: PutOptions | undefined): StoredEvidence {
  const storedSha256 = sha256Hex(stored);
  if (storedSha256 === offered.sha256) return offered;
  if (options?.ifOtherBytesStored !== 'adopt') throw new EvidenceError('EVIDENCE_CONFLICT', `Other evidence is already stored under ${key}`);
  return { uri: offered.uri, sha256: storedSha256, size: stored.length, offeredSha256: offered.sha256 };
}
