// The size frames are delivered at: the analysis width (never upscaled), even dimensions.
export interface FrameGeometry {
  width: number;
  height: number;
  scaleToSource: number;
}

export function frameGeometry(sourceWidth: number, sourceHeight: number, analysisWidth?: number): FrameGeometry {
  const width = even(Math.min(analysisWidth ?? sourceWidth, sourceWidth));
  const height = even((sourceHeight * width) / sourceWidth);
  return { width, height, scaleToSource: sourceWidth / width };
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}
