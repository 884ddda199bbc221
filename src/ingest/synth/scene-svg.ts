// One frame of the scene as SVG: road, markings, signal head and vehicles (far to near),
// every point placed by the camera's projection so the picture matches the calibration.
import type { Box } from '../types.js';
import type { Camera } from './camera.js';
import { poseAt, type VehiclePose } from './motion.js';
import { PLATE_ART_SIZE, plateSvg } from './plate-art.js';
import { PLATE_SIZE_M, laneCentre, signalStateAt, type Scene, type SceneVehicle } from './scene.js';

type P3 = [number, number, number];

export interface PlacedVehicle {
  vehicle: SceneVehicle;
  pose: VehiclePose;
  /** Image box of the plate, and its four corners (TL, TR, BR, BL). */
  plateBox: Box;
  plateCorners: [number, number][];
  vehicleBox: Box;
}

export function placeVehicles(scene: Scene, camera: Camera, time: number): PlacedVehicle[] {
  const placed: PlacedVehicle[] = [];
  for (const vehicle of scene.vehicles) {
    const start = { rearY: scene.entryRearY, x: laneCentre(scene, vehicle.lane), length: scene.vehicle.length };
    const pose = poseAt(vehicle.motion, start, time);
    if (!pose) continue;
    const corners = plateCorners3d(scene, vehicle, pose).map((p) => camera.project(...p));
    const body = bodyCorners(scene, pose).map((p) => camera.project(...p));
    placed.push({ vehicle, pose, plateCorners: corners, plateBox: bounds(corners), vehicleBox: bounds(body) });
  }
  // Far vehicles first, so nearer ones are painted over them.
  return placed.sort((a, b) => b.pose.rearY - a.pose.rearY);
}

export function sceneSvg(scene: Scene, camera: Camera, time: number, placed: PlacedVehicle[]): string {
  const { width, height } = camera.spec;
  const poly = (points: P3[], fill: string) =>
    `<polygon points="${points.map((p) => camera.project(...p).map((v) => v.toFixed(1)).join(',')).join(' ')}" fill="${fill}"/>`;
  const strip = (x0: number, x1: number, y0: number, y1: number, fill: string) =>
    poly([[x0, y0, 0], [x1, y0, 0], [x1, y1, 0], [x0, y1, 0]], fill);
  const half = scene.laneWidth;
  const near = 1;
  const far = 120;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    `<rect width="${width}" height="${height}" fill="#9cb7cf"/>`,
    strip(-60, 60, near, far * 3, '#5d7a45'),
    strip(-half - 1, half + 1, near, far, '#5a5a5c'),
    strip(-half - 0.15, -half, near, far, '#f2f2f2'),
    strip(half, half + 0.15, near, far, '#f2f2f2'),
    strip(-0.2, -0.07, near, far, '#e8c53a'),
    strip(0.07, 0.2, near, far, '#e8c53a'),
    strip(-half, half, scene.stopLineY, scene.stopLineY + 0.4, '#f5f5f5'),
    signalSvg(scene, camera, time),
  ];
  for (const item of placed) parts.push(vehicleSvg(scene, camera, item, poly));
  parts.push('</svg>');
  return parts.join('');
}

function signalSvg(scene: Scene, camera: Camera, time: number): string {
  const { x, y, z } = scene.signal;
  const state = signalStateAt(scene, time);
  const [bx, by] = camera.project(x, y, 0);
  const [tx, ty] = camera.project(x, y, z);
  const pxPerM = Math.abs(camera.project(x + 1, y, z)[0] - tx);
  const lamp = 0.16 * pxPerM;
  const lamps = (['red', 'amber', 'green'] as const).map((name, i) => {
    const lit = { red: '#ff2a1a', amber: '#ffb300', green: '#22e05a' }[name];
    const dim = { red: '#4a1410', amber: '#4a3a10', green: '#103a1c' }[name];
    return `<circle cx="${tx.toFixed(1)}" cy="${(ty + (i - 1) * lamp * 2.4).toFixed(1)}" r="${lamp.toFixed(1)}" fill="${state === name ? lit : dim}"/>`;
  });
  return (
    `<line x1="${bx.toFixed(1)}" y1="${by.toFixed(1)}" x2="${tx.toFixed(1)}" y2="${(ty + lamp * 3.6).toFixed(1)}" stroke="#333" stroke-width="${(0.12 * pxPerM).toFixed(1)}"/>` +
    `<rect x="${(tx - lamp * 1.5).toFixed(1)}" y="${(ty - lamp * 3.9).toFixed(1)}" width="${(lamp * 3).toFixed(1)}" height="${(lamp * 7.8).toFixed(1)}" rx="${(lamp * 0.4).toFixed(1)}" fill="#1b1b1b"/>` +
    lamps.join('')
  );
}

/** The image region where the signal head is drawn (for reading its state from the frame). */
export function signalRegion(scene: Scene, camera: Camera): Box {
  const { x, y, z } = scene.signal;
  const [tx, ty] = camera.project(x, y, z);
  const lamp = 0.16 * Math.abs(camera.project(x + 1, y, z)[0] - tx);
  return { x: tx - lamp * 1.5, y: ty - lamp * 3.9, w: lamp * 3, h: lamp * 7.8 };
}

function vehicleSvg(scene: Scene, camera: Camera, item: PlacedVehicle, poly: (points: P3[], fill: string) => string): string {
  const { width, length, height } = scene.vehicle;
  const { x, rearY } = item.pose;
  const [l, r, f] = [x - width / 2, x + width / 2, rearY + length];
  const side = x > 0 ? l : r;
  const parts = [
    poly([[l - 0.1, rearY - 0.3, 0], [r + 0.1, rearY - 0.3, 0], [r + 0.1, f, 0], [l - 0.1, f, 0]], '#2a2a2a'),
    poly([[side, rearY, 0.25], [side, f, 0.25], [side, f, height], [side, rearY, height]], shade(item.vehicle.color, 0.7)),
    poly([[l, rearY, height], [r, rearY, height], [r, f, height], [l, f, height]], shade(item.vehicle.color, 1.15)),
    poly([[l, rearY, 0.25], [r, rearY, 0.25], [r, rearY, height], [l, rearY, height]], item.vehicle.color),
    poly([[l + 0.15, rearY, 0.95], [r - 0.15, rearY, 0.95], [r - 0.25, rearY, height - 0.08], [l + 0.25, rearY, height - 0.08]], '#26323d'),
    poly([[l + 0.05, rearY, 0], [l + 0.35, rearY, 0], [l + 0.35, rearY, 0.3], [l + 0.05, rearY, 0.3]], '#111'),
    poly([[r - 0.35, rearY, 0], [r - 0.05, rearY, 0], [r - 0.05, rearY, 0.3], [r - 0.35, rearY, 0.3]], '#111'),
  ];
  const art = PLATE_ART_SIZE[item.vehicle.plateStyle];
  const [tl, tr, , bl] = item.plateCorners as [[number, number], [number, number], [number, number], [number, number]];
  const m = [(tr[0] - tl[0]) / art.w, (tr[1] - tl[1]) / art.w, (bl[0] - tl[0]) / art.h, (bl[1] - tl[1]) / art.h, tl[0], tl[1]];
  parts.push(`<g transform="matrix(${m.map((v) => v.toFixed(4)).join(' ')})">${plateSvg(item.vehicle.plate, item.vehicle.plateStyle)}</g>`);
  return parts.join('');
}

function plateCorners3d(scene: Scene, vehicle: SceneVehicle, pose: VehiclePose): P3[] {
  const size = PLATE_SIZE_M[vehicle.plateStyle];
  const [w, h] = [size.w * scene.plateScale, size.h * scene.plateScale];
  const zc = 0.25 + h / 2 + 0.05;
  const y = pose.rearY - 0.01;
  return [
    [pose.x - w / 2, y, zc + h / 2],
    [pose.x + w / 2, y, zc + h / 2],
    [pose.x + w / 2, y, zc - h / 2],
    [pose.x - w / 2, y, zc - h / 2],
  ];
}

function bodyCorners(scene: Scene, pose: VehiclePose): P3[] {
  const { width, length, height } = scene.vehicle;
  const [l, r] = [pose.x - width / 2, pose.x + width / 2];
  const f = pose.rearY + length;
  return [[l, pose.rearY, 0], [r, pose.rearY, 0], [l, pose.rearY, height], [r, pose.rearY, height], [l, f, height], [r, f, height], [l, f, 0], [r, f, 0]];
}

function bounds(points: [number, number][]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  return { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
}

function shade(hex: string, factor: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.min(255, Math.round(((n >> shift) & 255) * factor));
  return `rgb(${channel(16)},${channel(8)},${channel(0)})`;
}
