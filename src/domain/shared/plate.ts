// Licence plates: OCR output and people's typing normalised to one canonical text, and
// checked against the configured formats. A format is data, so a jurisdiction is a setting.
import { domainError } from './errors.js';

export interface PlateFormat {
  name: string;
  /** Regular expression over the compact plate (upper case, no separators). */
  pattern: string;
  /** Replacement producing the canonical display form from the pattern's groups. */
  canonical: string;
}

export const DEFAULT_PLATE_FORMATS: readonly PlateFormat[] = [
  { name: 'PERU', pattern: '^([A-Z][A-Z0-9]{2})([0-9]{3})$', canonical: '$1-$2' },
  { name: 'MERCOSUR', pattern: '^([A-Z]{3}[0-9][A-Z][0-9]{2})$', canonical: '$1' },
];

export type PlateMatch = { ok: true; plate: string; format: string } | { ok: false; compact: string };

/** Upper case, separators (space, dash, dot, underscore) removed. */
export function compactPlate(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-._·]/g, '');
}

export function normalizePlate(raw: string, formats: readonly PlateFormat[] = DEFAULT_PLATE_FORMATS): PlateMatch {
  const compact = compactPlate(raw);
  for (const format of formats) {
    const regex = new RegExp(format.pattern);
    if (regex.test(compact)) return { ok: true, plate: compact.replace(regex, format.canonical), format: format.name };
  }
  return { ok: false, compact };
}

/** Canonical plate text, or PLATE_INVALID naming the formats tried. */
export function parsePlate(raw: string, formats: readonly PlateFormat[] = DEFAULT_PLATE_FORMATS): string {
  const match = normalizePlate(raw, formats);
  if (!match.ok) {
    throw domainError('PLATE_INVALID', `Plate "${raw}" matches none of: ${formats.map((f) => f.name).join(', ')}`, {
      plate: raw,
      formats: formats.map((f) => f.name),
    });
  }
  return match.plate;
}
