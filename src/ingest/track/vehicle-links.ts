// Which vehicle a plate belongs to: in each frame a plate sighting is attached to the
// smallest vehicle box that holds its centre, and over the track the vehicle seen most
// often with it wins; its class is the label its detector gave most often.
import { centre } from './box-geometry.js';
import type { TrackSighting } from './tracker.js';

export interface PlateVehicle {
  vehicleKey: number;
  /** The vehicle's class (e.g. 'car'), or null when its detector gives none. */
  label: string | null;
}

export class VehicleLinks {
  private readonly plateVotes = new Map<number, Map<number, number>>();
  private readonly labelVotes = new Map<number, Map<string, number>>();
  private readonly endedVehicles = new Set<number>();

  observe(sightings: readonly TrackSighting[]): void {
    const vehicles = sightings.filter((s) => s.kind === 'vehicle');
    if (vehicles.length === 0) return;
    for (const vehicle of vehicles) {
      const label = vehicle.observation.label;
      if (label) bump(this.labelVotes, vehicle.key, label);
    }
    for (const plate of sightings.filter((s) => s.kind === 'plate')) {
      const { x, y } = centre(plate.observation.box);
      let holder: TrackSighting | null = null;
      for (const vehicle of vehicles) {
        const box = vehicle.observation.box;
        const inside = x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h;
        if (inside && (!holder || box.w * box.h < holder.observation.box.w * holder.observation.box.h)) holder = vehicle;
      }
      if (holder) bump(this.plateVotes, plate.key, holder.key);
    }
  }

  /** The plate track's vehicle, forgetting the plate; null when it was never inside one. */
  take(plateKey: number): PlateVehicle | null {
    const votes = this.plateVotes.get(plateKey);
    this.plateVotes.delete(plateKey);
    const vehicleKey = votes ? mostVoted(votes) : null;
    if (vehicleKey === null) return null;
    const labels = this.labelVotes.get(vehicleKey);
    const label = labels ? mostVoted(labels) : null;
    if (this.endedVehicles.has(vehicleKey)) this.forgetVehicle(vehicleKey);
    return { vehicleKey, label };
  }

  /** A vehicle track ended: its label is dropped once no live plate still refers to it. */
  forgetVehicle(vehicleKey: number): void {
    const referred = [...this.plateVotes.values()].some((votes) => votes.has(vehicleKey));
    if (referred) {
      this.endedVehicles.add(vehicleKey);
      return;
    }
    this.endedVehicles.delete(vehicleKey);
    this.labelVotes.delete(vehicleKey);
  }

  /** A plate track given up before confirmation. */
  dropPlate(plateKey: number): void {
    this.plateVotes.delete(plateKey);
  }
}

function bump<K>(votes: Map<number, Map<K, number>>, key: number, value: K): void {
  const tally = votes.get(key) ?? new Map<K, number>();
  tally.set(value, (tally.get(value) ?? 0) + 1);
  votes.set(key, tally);
}

/** The most frequent value; ties go to the one seen first, so the result is deterministic. */
function mostVoted<K>(tally: Map<K, number>): K | null {
  let best: K | null = null;
  let count = 0;
  for (const [value, n] of tally) if (n > count) [best, count] = [value, n];
  return best;
}
