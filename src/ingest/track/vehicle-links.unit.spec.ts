import { describe, expect, it } from 'vitest';
import type { Box } from '../types.js';
import type { TrackSighting } from './tracker.js';
import { VehicleLinks } from './vehicle-links.js';

function sighting(key: number, kind: 'plate' | 'vehicle', box: Box, label?: string): TrackSighting {
  return { key, id: key, kind, observation: { frameIndex: 0, pts: 0, box, score: 0.9, cutByEdge: false, ...(label ? { label } : {}) } };
}
const PLATE = { x: 140, y: 160, w: 40, h: 12 };

describe('plates attached to vehicles', () => {
  it('attaches a plate to the vehicle box that holds its centre, with the vehicle class', () => {
    const links = new VehicleLinks();
    links.observe([sighting(1, 'plate', PLATE), sighting(2, 'vehicle', { x: 100, y: 100, w: 120, h: 80 }, 'car'), sighting(3, 'vehicle', { x: 300, y: 100, w: 120, h: 80 }, 'bus')]);
    expect(links.take(1)).toEqual({ vehicleKey: 2, label: 'car' });
  });

  it('prefers the smallest of nested vehicle boxes, and the vehicle seen most often over the track', () => {
    const links = new VehicleLinks();
    const truck = sighting(5, 'vehicle', { x: 0, y: 0, w: 400, h: 300 }, 'truck');
    const car = sighting(6, 'vehicle', { x: 100, y: 100, w: 120, h: 80 }, 'car');
    links.observe([sighting(1, 'plate', PLATE), truck, car]);
    links.observe([sighting(1, 'plate', PLATE), truck]);
    links.observe([sighting(1, 'plate', PLATE), truck, car]);
    expect(links.take(1)).toEqual({ vehicleKey: 6, label: 'car' });
  });

  it('takes the label the detector gave most often for the vehicle', () => {
    const links = new VehicleLinks();
    const at = { x: 100, y: 100, w: 120, h: 80 };
    links.observe([sighting(1, 'plate', PLATE), sighting(2, 'vehicle', at, 'truck')]);
    links.observe([sighting(1, 'plate', PLATE), sighting(2, 'vehicle', at, 'car')]);
    links.observe([sighting(1, 'plate', PLATE), sighting(2, 'vehicle', at, 'car')]);
    expect(links.take(1)?.label).toBe('car');
  });

  it('has no vehicle for a plate never inside one, and keeps a vehicle that ended until its plate is taken', () => {
    const links = new VehicleLinks();
    links.observe([sighting(1, 'plate', { x: 500, y: 500, w: 40, h: 12 }), sighting(7, 'plate', PLATE), sighting(2, 'vehicle', { x: 100, y: 100, w: 120, h: 80 }, 'car')]);
    links.forgetVehicle(2);
    expect(links.take(1)).toBeNull();
    expect(links.take(7)).toEqual({ vehicleKey: 2, label: 'car' });
  });
});
