// The known truth of a generated video: calibration, scene layout, and per vehicle its plate,
// speed, lanes, stop-line crossings, expected infractions and per-frame image boxes.
import type { Box } from '../types.js';
import { applyHomography, type Camera, type Matrix3 } from './camera.js';
import { crossingTime } from './motion.js';
import { placeVehicles, signalRegion } from './scene-svg.js';
import { laneCentre, signalStateAt, type Scene, type SignalState } from './scene.js';

export type ExpectedInfraction = 'SPEED_VIOLATION' | 'RED_LIGHT' | 'LANE_INVASION';
type XY = { x: number; y: number };

export interface VehicleFrameTruth {
  index: number;
  pts: number;
  /** Ground position (metres) of the centre of the vehicle's rear at road level. */
  ground: XY;
  plateBox: Box;
  /** The whole plate lies inside the image. */
  plateInFrame: boolean;
  vehicleBox: Box;
}

export interface VehicleTruth {
  id: string;
  plate: string;
  format: 'PERU' | 'MERCOSUR';
  lane: 1 | 2;
  laneAtEnd: 1 | 2;
  /** Cruise speed (for the vehicle that stops: its speed before braking). */
  speedKmh: number;
  stopsBeforeLine: boolean;
  stopLine: { frontCrossesAt: number | null; rearCrossesAt: number | null; signalAtFrontCrossing: SignalState | null };
  expectedInfractions: ExpectedInfraction[];
  frames: VehicleFrameTruth[];
}

export interface VideoTruth {
  schemaVersion: 1;
  video: { file: string; width: number; height: number; fps: number; durationS: number; frameCount: number };
  calibration: { imageToGround: Matrix3; groundToImage: Matrix3; referencePoints: { image: XY; ground: XY }[] };
  scene: {
    speedLimitKmh: number;
    toleranceKmh: number;
    stopLine: { ground: [XY, XY]; image: [XY, XY] };
    lanes: { id: 1 | 2; ground: XY[]; image: XY[] }[];
    /** The solid centre line between the lanes, which may not be crossed. */
    centreLine: { ground: [XY, XY]; image: [XY, XY] };
    signal: { region: Box; timetable: { from: number; to: number; state: SignalState }[] };
  };
  vehicles: VehicleTruth[];
}

export function buildTruth(scene: Scene, camera: Camera, file: string, fps: number, frameCount: number): VideoTruth {
  const { width, height } = camera.spec;
  const toImage = (p: XY): XY => {
    const [x, y] = applyHomography(camera.groundToImage, p.x, p.y);
    return { x, y };
  };
  // Ground rows seen at the image's bottom and top edges bound the exported lane polygons.
  const nearY = applyHomography(camera.imageToGround, width / 2, height)[1];
  const farY = applyHomography(camera.imageToGround, width / 2, 0)[1];
  const half = scene.laneWidth;
  const lane = (id: 1 | 2, x0: number, x1: number) => {
    const ground = [{ x: x0, y: nearY }, { x: x1, y: nearY }, { x: x1, y: farY }, { x: x0, y: farY }];
    return { id, ground, image: ground.map(toImage) };
  };
  const segment = (a: XY, b: XY) => ({ ground: [a, b] as [XY, XY], image: [toImage(a), toImage(b)] as [XY, XY] });
  const referencePoints = [-half, 0, half].flatMap((x) => [10, scene.stopLineY, 26].map((y) => ({ image: toImage({ x, y }), ground: { x, y } })));
  const durationS = frameCount / fps;
  const { amberAt, redAt } = scene.signal;
  return {
    schemaVersion: 1,
    video: { file, width, height, fps, durationS, frameCount },
    calibration: { imageToGround: camera.imageToGround, groundToImage: camera.groundToImage, referencePoints },
    scene: {
      speedLimitKmh: scene.speedLimitKmh,
      toleranceKmh: scene.toleranceKmh,
      stopLine: segment({ x: -half, y: scene.stopLineY }, { x: half, y: scene.stopLineY }),
      lanes: [lane(1, -half, 0), lane(2, 0, half)],
      centreLine: segment({ x: 0, y: nearY }, { x: 0, y: farY }),
      signal: {
        region: signalRegion(scene, camera),
        timetable: [
          { from: 0, to: amberAt, state: 'green' },
          { from: amberAt, to: redAt, state: 'amber' },
          { from: redAt, to: Math.max(redAt, durationS), state: 'red' },
        ],
      },
    },
    vehicles: scene.vehicles.map((vehicle) => {
      const start = { rearY: scene.entryRearY, x: laneCentre(scene, vehicle.lane), length: scene.vehicle.length };
      const front = crossingTime(vehicle.motion, start, scene.stopLineY, 'front');
      const rear = crossingTime(vehicle.motion, start, scene.stopLineY, 'rear');
      const signalAtFront = front === null ? null : signalStateAt(scene, front);
      const speedKmh = vehicle.motion.speed * 3.6;
      const shift = vehicle.motion.kind === 'lane-change' ? vehicle.motion.shift : 0;
      const laneAtEnd: 1 | 2 = start.x + shift < 0 ? 1 : 2;
      const expected: ExpectedInfraction[] = [];
      if (vehicle.motion.kind !== 'stop' && speedKmh > scene.speedLimitKmh + scene.toleranceKmh) expected.push('SPEED_VIOLATION');
      if (front !== null && front < durationS && signalAtFront === 'red') expected.push('RED_LIGHT');
      if (laneAtEnd !== vehicle.lane) expected.push('LANE_INVASION');
      const frames: VehicleFrameTruth[] = [];
      for (let index = 0; index < frameCount; index += 1) {
        const placed = placeVehicles({ ...scene, vehicles: [vehicle] }, camera, index / fps)[0];
        if (!placed || !intersects(placed.vehicleBox, width, height)) continue;
        const p = placed.plateBox;
        frames.push({
          index,
          pts: index / fps,
          ground: { x: placed.pose.x, y: placed.pose.rearY },
          plateBox: p,
          plateInFrame: p.x >= 0 && p.y >= 0 && p.x + p.w <= width && p.y + p.h <= height,
          vehicleBox: placed.vehicleBox,
        });
      }
      return {
        id: vehicle.id,
        plate: vehicle.plate,
        format: vehicle.plateStyle,
        lane: vehicle.lane,
        laneAtEnd,
        speedKmh,
        stopsBeforeLine: vehicle.motion.kind === 'stop',
        stopLine: { frontCrossesAt: front, rearCrossesAt: rear, signalAtFrontCrossing: signalAtFront },
        expectedInfractions: expected,
        frames,
      };
    }),
  };
}

function intersects(box: Box, width: number, height: number): boolean {
  return box.x < width && box.y < height && box.x + box.w > 0 && box.y + box.h > 0;
}
