import { describe, expect, it } from 'vitest';
import { polygonProblem } from './geometry.js';

describe('lane polygons', () => {
  it('accepts a convex quadrilateral and a concave polygon', () => {
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 12, y: 50 }, { x: -2, y: 50 }])).toBeNull();
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 3 }, { x: 10, y: 10 }, { x: 0, y: 10 }])).toBeNull();
  });

  it('refuses fewer than 3 points', () => {
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 1, y: 1 }])).toBe('needs at least 3 points');
  });

  it('refuses a self-intersecting (bow-tie) polygon', () => {
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 10, y: 0 }, { x: 0, y: 10 }])).toBe('edges 0 and 2 intersect');
  });

  it('refuses collinear points (no area)', () => {
    expect(polygonProblem([{ x: 0, y: 0 }, { x: 5, y: 5 }, { x: 10, y: 10 }])).not.toBeNull();
  });
});
