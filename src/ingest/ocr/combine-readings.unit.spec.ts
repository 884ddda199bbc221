import { describe, expect, it } from 'vitest';
import type { PlateReading } from '../types.js';
import { combineReadings } from './combine-readings.js';
import { plateReading } from './plate-text.js';

const read = (raw: string, confidence: number): PlateReading => plateReading(raw, confidence, 'ppocr')!;

describe('combining a track’s plate readings', () => {
  it('normalises a reading and names its format', () => {
    expect(read('abc 123', 0.9)).toMatchObject({ text: 'ABC-123', format: 'PERU' });
    expect(read('BRA2E19', 0.9)).toMatchObject({ text: 'BRA2E19', format: 'MERCOSUR' });
    expect(read('AB12', 0.9)).toMatchObject({ text: 'AB12', format: null });
  });

  it('prefers a text that matches a plate format over a more confident one that does not', () => {
    const best = combineReadings([read('ABC1231', 0.99), read('ABC-123', 0.8), read('ABC-123', 0.85)]);
    expect(best).toMatchObject({ text: 'ABC-123', format: 'PERU' });
  });

  it('lowers the confidence by the share of evidence that disagrees', () => {
    const unanimous = combineReadings([read('ABC-123', 0.9), read('ABC-123', 0.9)])!;
    const split = combineReadings([read('ABC-123', 0.9), read('ABD-123', 0.9)])!;
    expect(unanimous.confidence).toBeCloseTo(0.9, 6);
    expect(split.confidence).toBeCloseTo(0.45, 6);
  });

  it('votes per character when no single reading is a valid plate', () => {
    const best = combineReadings([read('ABC12B', 0.6), read('ABC12', 0.5), read('ABCI23', 0.6), read('ABC1Z3', 0.6)]);
    expect(best).toMatchObject({ text: 'ABC-123', format: 'PERU' });
    expect(best!.confidence).toBeLessThan(0.6);
  });

  it('gives nothing for no readings', () => {
    expect(combineReadings([])).toBeNull();
  });
});
