// Letterboxing as YOLO models are trained: scale the frame to fit the model's input
// without distortion, centre it, fill the rest with grey; and the way back from input
// pixels to frame pixels.
import type { Box } from '../types.js';

export interface Letterbox {
  /** Model input size. */
  inputWidth: number;
  inputHeight: number;
  /** Frame pixels -> input pixels. */
  scale: number;
  /** Size of the scaled frame inside the input. */
  resizedWidth: number;
  resizedHeight: number;
  /** Grey border left of and above the scaled frame, input pixels. */
  padLeft: number;
  padTop: number;
}

/** The grey YOLO's training pads with (114 of 255). */
export const LETTERBOX_GREY = 114;

export function letterbox(frameWidth: number, frameHeight: number, inputWidth: number, inputHeight: number): Letterbox {
  const scale = Math.min(inputWidth / frameWidth, inputHeight / frameHeight);
  const resizedWidth = Math.min(inputWidth, Math.round(frameWidth * scale));
  const resizedHeight = Math.min(inputHeight, Math.round(frameHeight * scale));
  return {
    inputWidth,
    inputHeight,
    scale,
    resizedWidth,
    resizedHeight,
    padLeft: Math.floor((inputWidth - resizedWidth) / 2),
    padTop: Math.floor((inputHeight - resizedHeight) / 2),
  };
}

/** A box in input pixels back in frame pixels, clipped to the frame. */
export function toFrameBox(box: Box, geometry: Letterbox, frame: { width: number; height: number }): Box {
  const x0 = clamp((box.x - geometry.padLeft) / geometry.scale, frame.width);
  const y0 = clamp((box.y - geometry.padTop) / geometry.scale, frame.height);
  const x1 = clamp((box.x + box.w - geometry.padLeft) / geometry.scale, frame.width);
  const y1 = clamp((box.y + box.h - geometry.padTop) / geometry.scale, frame.height);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}
