// Plates and, when a vehicle model is configured, vehicles in one frame: the detectors run
// one after the other (each already uses both cores) and their boxes are pooled.
import type { Detection, Detector, Frame } from '../types.js';

export class CombinedDetector implements Detector {
  constructor(private readonly detectors: readonly Detector[]) {}

  async detect(frame: Frame): Promise<Detection[]> {
    const found: Detection[] = [];
    for (const detector of this.detectors) found.push(...(await detector.detect(frame)));
    return found;
  }
}
