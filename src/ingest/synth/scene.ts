// The synthetic road scene in ground metres: two lanes, a solid centre line, a stop line,
// a signal with a timetable, and the vehicles with their plates and motions.
import type { Motion } from './motion.js';

export type SignalState = 'green' | 'amber' | 'red';
export type PlateStyle = 'PERU' | 'MERCOSUR';

export interface SceneVehicle {
  id: string;
  plate: string;
  plateStyle: PlateStyle;
  /** 1 = left lane, 2 = right lane (as seen by the camera). */
  lane: 1 | 2;
  motion: Motion;
  color: string;
}

export interface Scene {
  /** Lateral edges of the road and the width of each lane, metres. */
  laneWidth: number;
  /** Along-road distance of the stop line from the camera's foot. */
  stopLineY: number;
  /** Where vehicles enter (rear, along-road), partly below the image's bottom edge. */
  entryRearY: number;
  /** Ground position and mounting height of the signal head. */
  signal: { x: number; y: number; z: number; amberAt: number; redAt: number };
  speedLimitKmh: number;
  toleranceKmh: number;
  vehicle: { width: number; length: number; height: number };
  /** Plates are drawn larger than life so they stay readable at a 640-960 px analysis width. */
  plateScale: number;
  vehicles: SceneVehicle[];
}

export const PLATE_SIZE_M: Record<PlateStyle, { w: number; h: number }> = {
  PERU: { w: 0.3, h: 0.15 },
  MERCOSUR: { w: 0.4, h: 0.13 },
};

export function laneCentre(scene: Scene, lane: 1 | 2): number {
  return lane === 1 ? -scene.laneWidth / 2 : scene.laneWidth / 2;
}

export function signalStateAt(scene: Scene, time: number): SignalState {
  if (time >= scene.signal.redAt) return 'red';
  if (time >= scene.signal.amberAt) return 'amber';
  return 'green';
}

/**
 * The default test scene: a compliant car, a speeder, a lane invader crossing the solid
 * centre line, a car that stops at the line on red, and a red-light runner; both plate formats.
 */
export function defaultScene(): Scene {
  return {
    laneWidth: 3.5,
    stopLineY: 18,
    entryRearY: 8,
    signal: { x: 4.6, y: 21, z: 3.4, amberAt: 3, redAt: 4 },
    speedLimitKmh: 50,
    toleranceKmh: 5,
    vehicle: { width: 2, length: 4.2, height: 1.5 },
    plateScale: 2.8,
    vehicles: [
      { id: 'v1', plate: 'ABC-123', plateStyle: 'PERU', lane: 1, color: '#2f5d9e', motion: { kind: 'cruise', enterAt: 0, speed: 10 } },
      { id: 'v2', plate: 'BRA2E19', plateStyle: 'MERCOSUR', lane: 2, color: '#b33a3a', motion: { kind: 'cruise', enterAt: 0.4, speed: 20 } },
      {
        id: 'v3',
        plate: 'LMN-456',
        plateStyle: 'PERU',
        lane: 2,
        color: '#3c8d4f',
        motion: { kind: 'lane-change', enterAt: 1.6, speed: 12, fromY: 12, toY: 20, shift: -3.5 },
      },
      {
        id: 'v4',
        plate: 'PTS3K71',
        plateStyle: 'MERCOSUR',
        lane: 1,
        color: '#d9d9d9',
        motion: { kind: 'stop', enterAt: 2.5, speed: 8, stopFrontAtY: 17.5 },
      },
      { id: 'v5', plate: 'RTX-482', plateStyle: 'PERU', lane: 2, color: '#7a4fa0', motion: { kind: 'cruise', enterAt: 3.6, speed: 12.5 } },
    ],
  };
}
