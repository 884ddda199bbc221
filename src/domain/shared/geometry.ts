// Plane geometry shared by calibration (image pixels <-> ground metres) and zone layout.
export interface Point {
  x: number;
  y: number;
}

/** A polygon in image coordinates: at least 3 vertices, implicitly closed, not self-intersecting. */
export type Polygon = readonly Point[];

export interface Segment {
  a: Point;
  b: Point;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

function onSegment(p: Point, q: Point, r: Point): boolean {
  return Math.min(p.x, r.x) <= q.x && q.x <= Math.max(p.x, r.x) && Math.min(p.y, r.y) <= q.y && q.y <= Math.max(p.y, r.y);
}

export function segmentsIntersect(s: Segment, t: Segment): boolean {
  const d1 = cross(t.a, t.b, s.a);
  const d2 = cross(t.a, t.b, s.b);
  const d3 = cross(s.a, s.b, t.a);
  const d4 = cross(s.a, s.b, t.b);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(t.a, s.a, t.b)) return true;
  if (d2 === 0 && onSegment(t.a, s.b, t.b)) return true;
  if (d3 === 0 && onSegment(s.a, t.a, s.b)) return true;
  if (d4 === 0 && onSegment(s.a, t.b, s.b)) return true;
  return false;
}

export function polygonArea(polygon: Polygon): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    twice += p.x * q.y - q.x * p.y;
  }
  return Math.abs(twice) / 2;
}

/** Why a polygon is unusable as a lane, or null when it is a simple polygon with area. */
export function polygonProblem(polygon: Polygon): string | null {
  if (polygon.length < 3) return 'needs at least 3 points';
  if (polygon.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y))) return 'has a non-finite coordinate';
  const n = polygon.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Adjacent edges share a vertex by construction; only non-adjacent edges may not touch.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const e = { a: polygon[i]!, b: polygon[(i + 1) % n]! };
      const f = { a: polygon[j]!, b: polygon[(j + 1) % n]! };
      if (segmentsIntersect(e, f)) return `edges ${i} and ${j} intersect`;
    }
  }
  if (polygonArea(polygon) === 0) return 'has no area';
  return null;
}
