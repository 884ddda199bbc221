// What a generated video's camera would be told in its settings file: calibration, zone
// rules (stop line with its signal region, the solid centre line) from the truth.
import { applyHomography, type Homography } from '../../domain/shared/homography.js';
import { parseDeviceSettings, type DeviceSettings } from '../pipeline/device-settings.js';
import type { VideoTruth } from './truth.js';

/** The generator's camera is 5.5 m up; plates are centred 0.51 m above the road. */
export const SYNTH_MEASURED_POINT_HEIGHT = { cameraHeightM: 5.5, pointHeightM: 0.51 };

export function deviceSettingsFromTruth(truth: VideoTruth, ids: { deviceId: string; zoneId: string; jurisdiction: string }): DeviceSettings {
  const groundToImage = truth.calibration.groundToImage.flat() as unknown as Homography;
  return parseDeviceSettings({
    deviceId: ids.deviceId,
    calibration: { imageToGround: truth.calibration.imageToGround },
    measuredPoint: 'centre',
    measuredPointHeight: SYNTH_MEASURED_POINT_HEIGHT,
    zone: {
      zoneId: ids.zoneId,
      speedLimitKmh: truth.scene.speedLimitKmh,
      jurisdiction: ids.jurisdiction,
      stopLine: {
        line: { a: truth.scene.stopLine.image[0], b: truth.scene.stopLine.image[1] },
        // Vehicles approach from the near side of the road: 10 m before the line's origin row.
        approachSide: applyHomography(groundToImage, { x: 0, y: 10 }),
        signal: { kind: 'region', region: truth.scene.signal.region },
      },
      lanes: { solidLines: [{ lineId: 'centre', points: truth.scene.centreLine.image }], minFrames: 3 },
    },
  });
}
