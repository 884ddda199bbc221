// The traffic signal's state over time: from a configured timetable, or from the mean
// colour of the signal head's region in each frame (hue of the lit lamp).
import type { SignalSource } from './zone-rules.js';

export type SignalState = 'red' | 'amber' | 'green' | 'unknown';

export interface SignalSample {
  pts: number;
  state: SignalState;
}

export function stateFromTimetable(source: Extract<SignalSource, { kind: 'timetable' }>, pts: number): SignalState {
  const inCycle = (((pts - source.offsetS) % source.cycleS) + source.cycleS) % source.cycleS;
  const redEnd = source.redStartS + source.redDurationS;
  const isRed = (inCycle >= source.redStartS && inCycle < redEnd) || inCycle < redEnd - source.cycleS;
  return isRed ? 'red' : 'green';
}

/** Classifies a mean RGB colour by hue; a dark or grey region (no lamp lit) is unknown. */
export function classifySignalColour(rgb: { r: number; g: number; b: number }): SignalState {
  const max = Math.max(rgb.r, rgb.g, rgb.b);
  const min = Math.min(rgb.r, rgb.g, rgb.b);
  if (max < 60 || max - min < 0.25 * max) return 'unknown';
  let hue: number;
  if (max === rgb.r) hue = (60 * (rgb.g - rgb.b)) / (max - min);
  else if (max === rgb.g) hue = 60 * (2 + (rgb.b - rgb.r) / (max - min));
  else hue = 60 * (4 + (rgb.r - rgb.g) / (max - min));
  hue = (hue + 360) % 360;
  if (hue < 20 || hue >= 330) return 'red';
  if (hue < 70) return 'amber';
  if (hue < 200) return 'green';
  return 'unknown';
}

/** Mean colour of a region of a packed RGB frame (the region is clipped to the frame). */
export function meanColour(
  frame: { width: number; height: number; rgb: Buffer },
  region: { x: number; y: number; w: number; h: number },
): { r: number; g: number; b: number } {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(frame.width, Math.ceil(region.x + region.w));
  const y1 = Math.min(frame.height, Math.ceil(region.y + region.h));
  let r = 0;
  let g = 0;
  let b = 0;
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const offset = (y * frame.width + x) * 3;
      r += frame.rgb[offset]!;
      g += frame.rgb[offset + 1]!;
      b += frame.rgb[offset + 2]!;
      count += 1;
    }
  }
  return count === 0 ? { r: 0, g: 0, b: 0 } : { r: r / count, g: g / count, b: b / count };
}

/** The state at `pts`: the last sample at or before it (signals are sampled once per frame). */
export function stateAt(samples: readonly SignalSample[], pts: number): SignalState {
  let state: SignalState = 'unknown';
  for (const sample of samples) {
    if (sample.pts > pts) break;
    state = sample.state;
  }
  return state;
}

/**
 * Mean colour of the brightest pixels of the region: the lit lamp. The whole signal
 * head's mean is mostly dark housing and unlit lamps, too dull to tell red from amber.
 */
export function lampColour(
  frame: { width: number; height: number; rgb: Buffer },
  region: { x: number; y: number; w: number; h: number },
  brightestFraction = 0.1,
): { r: number; g: number; b: number } {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(frame.width, Math.ceil(region.x + region.w));
  const y1 = Math.min(frame.height, Math.ceil(region.y + region.h));
  const offsets: number[] = [];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) offsets.push((y * frame.width + x) * 3);
  if (offsets.length === 0) return { r: 0, g: 0, b: 0 };
  const brightness = (o: number) => Math.max(frame.rgb[o]!, frame.rgb[o + 1]!, frame.rgb[o + 2]!);
  offsets.sort((a, b) => brightness(b) - brightness(a));
  const lit = offsets.slice(0, Math.max(1, Math.round(offsets.length * brightestFraction)));
  const sum = lit.reduce((acc, o) => ({ r: acc.r + frame.rgb[o]!, g: acc.g + frame.rgb[o + 1]!, b: acc.b + frame.rgb[o + 2]! }), { r: 0, g: 0, b: 0 });
  return { r: sum.r / lit.length, g: sum.g / lit.length, b: sum.b / lit.length };
}
