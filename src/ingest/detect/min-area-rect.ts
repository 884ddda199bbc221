// Smallest rotated rectangle around a point set (convex hull + one candidate orientation
// per hull edge), as DB text detection needs for slanted text.
export type Pt = [number, number];

export interface RotatedRect {
  corners: [Pt, Pt, Pt, Pt];
  width: number;
  height: number;
  angle: number;
}

export function convexHull(points: Pt[]): Pt[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Pt[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Pt[] = [];
  for (const p of sorted.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

export function minAreaRect(points: Pt[]): RotatedRect {
  const hull = convexHull(points);
  let best: RotatedRect | undefined;
  let bestArea = Infinity;
  const angles = hull.length < 2 ? [0] : hull.map((p, i) => {
    const q = hull[(i + 1) % hull.length]!;
    return Math.atan2(q[1] - p[1], q[0] - p[0]);
  });
  for (const angle of angles) {
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    let [minU, maxU, minV, maxV] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const [x, y] of hull) {
      const u = x * c + y * s;
      const v = -x * s + y * c;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const back = (u: number, v: number): Pt => [u * c - v * s, u * s + v * c];
      best = { corners: [back(minU, minV), back(maxU, minV), back(maxU, maxV), back(minU, maxV)], width: maxU - minU, height: maxV - minV, angle };
    }
  }
  return best!;
}

/** Grows a rotated rectangle by `distance` on every side (DB's unclip for a rectangle). */
export function growRect(rect: RotatedRect, distance: number): RotatedRect {
  const [c, s] = [Math.cos(rect.angle), Math.sin(rect.angle)];
  const cx = rect.corners.reduce((sum, p) => sum + p[0], 0) / 4;
  const cy = rect.corners.reduce((sum, p) => sum + p[1], 0) / 4;
  const hw = rect.width / 2 + distance;
  const hh = rect.height / 2 + distance;
  const at = (u: number, v: number): Pt => [cx + u * c - v * s, cy + u * s + v * c];
  return { corners: [at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh)], width: hw * 2, height: hh * 2, angle: rect.angle };
}
