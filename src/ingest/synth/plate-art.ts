// Licence plates drawn as SVG: the characters are glyph outlines from a TrueType font that
// ships in an npm package (DejaVu Sans Condensed Bold), so plates look the same on every
// machine whatever fonts it has, and stay sharp at any scale or perspective.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype, { type Font } from 'opentype.js';
import type { PlateStyle } from './scene.js';

const require = createRequire(import.meta.url);
let font: Font | undefined;

function plateFont(): Font {
  if (!font) {
    const file = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf');
    const bytes = readFileSync(file);
    font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  return font;
}

/** Plate-local drawing size (units are millimetres of the real plate). */
export const PLATE_ART_SIZE: Record<PlateStyle, { w: number; h: number }> = {
  PERU: { w: 300, h: 150 },
  MERCOSUR: { w: 400, h: 130 },
};

/** SVG markup of the plate in its local box (0,0)-(w,h). */
export function plateSvg(text: string, style: PlateStyle): string {
  const { w, h } = PLATE_ART_SIZE[style];
  const band = style === 'MERCOSUR' ? Math.round(h * 0.2) : Math.round(h * 0.14);
  const bandColor = style === 'MERCOSUR' ? '#1f4aa8' : '#ffffff';
  const textTop = band + h * 0.08;
  const textHeight = h - textTop - h * 0.1;
  const glyphs = textPath(text, w * 0.88, textHeight);
  const x = (w - glyphs.width) / 2;
  const y = textTop + (textHeight + glyphs.capHeight) / 2;
  return (
    `<rect x="0" y="0" width="${w}" height="${h}" rx="${h * 0.06}" fill="#fbfbf7" stroke="#111" stroke-width="${h * 0.03}"/>` +
    `<rect x="${h * 0.03}" y="${h * 0.03}" width="${w - h * 0.06}" height="${band}" fill="${bandColor}"/>` +
    `<path transform="translate(${x.toFixed(2)} ${y.toFixed(2)})" d="${glyphs.d}" fill="#111"/>`
  );
}

/** Outline of `text` with its baseline at y=0, scaled so it fits maxWidth x maxCapHeight. */
function textPath(text: string, maxWidth: number, maxCapHeight: number): { d: string; width: number; capHeight: number } {
  const f = plateFont();
  // Cap height of DejaVu is about 0.73 em.
  const capPerEm = 0.73;
  let size = maxCapHeight / capPerEm;
  const advance = (s: number) => [...text].reduce((sum, ch) => sum + (f.charToGlyph(ch).advanceWidth * s) / f.unitsPerEm, 0);
  if (advance(size) > maxWidth) size *= maxWidth / advance(size);
  let x = 0;
  let d = '';
  for (const ch of text) {
    const glyph = f.charToGlyph(ch);
    d += glyph.getPath(x, 0, size).toPathData(2);
    x += (glyph.advanceWidth * size) / f.unitsPerEm;
  }
  return { d, width: x, capHeight: size * capPerEm };
}
