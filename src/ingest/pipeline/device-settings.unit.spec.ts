import { describe, expect, it } from 'vitest';
import { parseDeviceSettings } from './device-settings.js';
import { formatSummary } from './format-summary.js';

const settings = {
  deviceId: 'cam-1',
  zone: { zoneId: 'z-1', speedLimitKmh: 50, jurisdiction: 'PE' },
  calibration: { imageToGround: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] },
};

describe('device settings file', () => {
  it('accepts a calibration as three rows and flattens it', () => {
    expect(parseDeviceSettings(settings)).toMatchObject({ deviceId: 'cam-1', homography: [1, 0, 0, 0, 1, 0, 0, 0, 1], measuredPoint: 'centre' });
  });

  it('names the field that is wrong', () => {
    expect(() => parseDeviceSettings({ ...settings, calibration: { imageToGround: [1, 2, 3] } })).toThrow(/calibration\.imageToGround/);
    expect(() => parseDeviceSettings({ ...settings, zone: { ...settings.zone, jurisdiction: undefined } })).toThrow(/zone\.jurisdiction/);
  });
});

describe('summary table', () => {
  it('shows the counts and one line per stage with p50 and p99', () => {
    const text = formatSummary({
      frames: 70, videoSeconds: 6.9, wallSeconds: 44.7, fps: 1.57, realTimeFactor: 0.15, passages: 5, infractions: 3,
      infractionsByType: { SPEED_VIOLATION: 1, RED_LIGHT: 1, LANE_INVASION: 1 }, publishedPassages: 5, peakRssMb: 360, keptFramesPeakMb: 119,
      stages: { detect: { calls: 70, p50Ms: 331.4, p99Ms: 1181.9, totalMs: 24471 } },
      frameLoop: { wallSeconds: 30.1, fps: 2.33, realTimeFactor: 0.23 },
      finishing: { jobs: 5, peakWaiting: 2, blockedMs: 1250, drainSeconds: 14.6 },
    });
    expect(text).toContain('frame loop 30.10 s  2.33 frames/s  real-time x0.23  (evidence queue: 5 tracks, at most 2 waiting, loop held back 1.25 s, drained 14.60 s after the loop)');
    expect(text).toContain('passages 5  infractions 3  SPEED_VIOLATION 1  RED_LIGHT 1  LANE_INVASION 1');
    expect(text).toMatch(/detect\s+70\s+331\.4\s+1181\.9\s+24471/);
  });
});
