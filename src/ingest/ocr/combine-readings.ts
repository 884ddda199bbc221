// The plate of a track from its frames' readings: readings that match a plate format win
// over those that do not; among them the text with the most summed confidence; when none
// matches, a per-character vote over the readings of the most common length.
import { DEFAULT_PLATE_FORMATS, normalizePlate, type PlateFormat } from '../../domain/shared/plate.js';
import type { PlateReading } from '../types.js';

export function combineReadings(readings: readonly PlateReading[], formats: readonly PlateFormat[] = DEFAULT_PLATE_FORMATS): PlateReading | null {
  const usable = readings.filter((r) => r.text.length > 0 && r.confidence > 0);
  if (usable.length === 0) return null;
  const total = usable.reduce((sum, r) => sum + r.confidence, 0);
  const valid = usable.filter((r) => r.format !== null);
  if (valid.length === 0) return voteByCharacter(usable, formats);
  const pool = valid;
  const weight = new Map<string, number>();
  for (const r of pool) weight.set(r.text, (weight.get(r.text) ?? 0) + r.confidence);
  const [text] = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const agreeing = usable.filter((r) => r.text === text);
  const best = [...agreeing].sort((a, b) => b.confidence - a.confidence)[0]!;
  const agreeingWeight = agreeing.reduce((sum, r) => sum + r.confidence, 0);
  const agreement = agreeingWeight / total;
  const meanConfidence = agreeingWeight / agreeing.length;
  // Confidence: how sure the agreeing readings were, times how much of the evidence agrees.
  return { ...best, text, confidence: meanConfidence * agreement };
}

function voteByCharacter(readings: readonly PlateReading[], formats: readonly PlateFormat[]): PlateReading {
  const lengths = new Map<number, number>();
  for (const r of readings) lengths.set(r.text.length, (lengths.get(r.text.length) ?? 0) + r.confidence);
  const [length] = [...lengths.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const same = readings.filter((r) => r.text.length === length);
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const votes = new Map<string, number>();
    for (const r of same) votes.set(r.text[i]!, (votes.get(r.text[i]!) ?? 0) + r.confidence);
    text += [...votes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  }
  const match = normalizePlate(text, formats);
  // A text no single frame produced is weaker evidence: scaled by the share of readings voting.
  const confidence = (same.reduce((sum, r) => sum + r.confidence, 0) / same.length) * (same.length / readings.length) * 0.8;
  return { text: match.ok ? match.plate : text, raw: text, confidence, reader: same[0]!.reader, format: match.ok ? match.format : null };
}
