// A reader's raw text -> a plate reading: kept characters, canonical form and the format
// it matches (the formats are the domain's, so they are configuration).
import { DEFAULT_PLATE_FORMATS, compactPlate, normalizePlate, type PlateFormat } from '../../domain/shared/plate.js';
import type { PlateReaderName, PlateReading } from '../types.js';

export const PLATE_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';

export function plateReading(
  raw: string,
  confidence: number,
  reader: PlateReaderName,
  formats: readonly PlateFormat[] = DEFAULT_PLATE_FORMATS,
): PlateReading | null {
  const kept = raw.toUpperCase().replace(/[^A-Z0-9-]/g, '');
  if (compactPlate(kept).length === 0) return null;
  const match = normalizePlate(kept, formats);
  const clamped = Math.min(1, Math.max(0, confidence));
  return match.ok
    ? { text: match.plate, raw, confidence: clamped, reader, format: match.format }
    : { text: match.compact, raw, confidence: clamped, reader, format: null };
}
