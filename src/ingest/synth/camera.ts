// A pinhole camera above the road: projects ground-plane and 3-D points (metres) into the
// image, and yields the exact image<->ground homography the synthetic scene is calibrated with.
export type Matrix3 = [[number, number, number], [number, number, number], [number, number, number]];

export interface CameraSpec {
  /** Image size in pixels. */
  width: number;
  height: number;
  /** Focal length as a multiple of the image width. */
  focalPerWidth: number;
  /** Height of the camera above the road, metres. */
  heightM: number;
  /** Downward tilt of the optical axis, degrees. */
  pitchDeg: number;
  /** Rotation about the optical axis, degrees (a slightly crooked mount). */
  rollDeg: number;
}

export interface Camera {
  spec: CameraSpec;
  /** World (x right, y along the road away from the camera, z up) -> image pixels. */
  project(x: number, y: number, z: number): [number, number];
  /** Image pixels -> ground metres, as a 3x3 homography acting on [u, v, 1]. */
  imageToGround: Matrix3;
  /** Ground metres -> image pixels. */
  groundToImage: Matrix3;
}

export function createCamera(spec: CameraSpec): Camera {
  const f = spec.focalPerWidth * spec.width;
  const cx = spec.width / 2;
  const cy = spec.height / 2;
  const pitch = (spec.pitchDeg * Math.PI) / 180;
  const roll = (spec.rollDeg * Math.PI) / 180;
  const [s, c] = [Math.sin(pitch), Math.cos(pitch)];
  const [sr, cr] = [Math.sin(roll), Math.cos(roll)];
  // Rows of the world->camera rotation: image right, image down, forward (then rolled).
  const right = [1, 0, 0];
  const down = [0, -s, -c];
  const forward = [0, c, -s];
  const r0 = right.map((value, i) => cr * value - sr * down[i]!);
  const r1 = right.map((value, i) => sr * value + cr * down[i]!);
  const rows = [r0, r1, forward];
  const t = rows.map((row) => -row[2]! * spec.heightM);
  // P = K [R | t]; row k of K·R and K·t.
  const kRow = (k: number, j: number) =>
    k === 0 ? f * rows[0]![j]! + cx * rows[2]![j]! : k === 1 ? f * rows[1]![j]! + cy * rows[2]![j]! : rows[2]![j]!;
  const kT = [f * t[0]! + cx * t[2]!, f * t[1]! + cy * t[2]!, t[2]!];
  const P = [0, 1, 2].map((k) => [kRow(k, 0), kRow(k, 1), kRow(k, 2), kT[k]!]);
  const groundToImage = P.map((row) => [row[0]!, row[1]!, row[3]!]) as Matrix3;
  return {
    spec,
    project(x, y, z) {
      const [a, b, w] = P.map((row) => row[0]! * x + row[1]! * y + row[2]! * z + row[3]!) as [number, number, number];
      return [a / w, b / w];
    },
    groundToImage: normalize(groundToImage),
    imageToGround: normalize(invert3(groundToImage)),
  };
}

export function applyHomography(h: Matrix3, x: number, y: number): [number, number] {
  const w = h[2][0] * x + h[2][1] * y + h[2][2];
  return [(h[0][0] * x + h[0][1] * y + h[0][2]) / w, (h[1][0] * x + h[1][1] * y + h[1][2]) / w];
}

function normalize(m: Matrix3): Matrix3 {
  const k = m[2][2];
  return m.map((row) => row.map((value) => value / k)) as Matrix3;
}

function invert3(m: Matrix3): Matrix3 {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) throw new Error('camera homography is singular');
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}
