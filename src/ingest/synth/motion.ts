// Where a synthetic vehicle is at any moment: along-road distance, lateral offset and speed,
// computed in closed form so the truth is exact rather than integrated.

/** How a vehicle moves; all distances in metres, times in seconds from the video start. */
export type Motion =
  | { kind: 'cruise'; enterAt: number; speed: number }
  /** Cruises, then brakes uniformly so its front stops exactly at `stopFrontAtY`. */
  | { kind: 'stop'; enterAt: number; speed: number; stopFrontAtY: number }
  /** Cruises while drifting sideways by `shift` metres between `fromY` and `toY` (rear). */
  | { kind: 'lane-change'; enterAt: number; speed: number; fromY: number; toY: number; shift: number };

export interface VehiclePose {
  /** Rear of the vehicle along the road (metres from the camera's foot). */
  rearY: number;
  /** Lateral position of the vehicle's centre. */
  x: number;
  /** Instantaneous speed, m/s. */
  speed: number;
}

export interface MotionStart {
  rearY: number;
  x: number;
  length: number;
}

export function poseAt(motion: Motion, start: MotionStart, time: number): VehiclePose | null {
  const dt = time - motion.enterAt;
  if (dt < 0) return null;
  switch (motion.kind) {
    case 'cruise':
      return { rearY: start.rearY + motion.speed * dt, x: start.x, speed: motion.speed };
    case 'stop': {
      const distance = motion.stopFrontAtY - (start.rearY + start.length);
      const decel = (motion.speed * motion.speed) / (2 * distance);
      const stopsAfter = motion.speed / decel;
      const t = Math.min(dt, stopsAfter);
      return {
        rearY: start.rearY + motion.speed * t - 0.5 * decel * t * t,
        x: start.x,
        speed: Math.max(0, motion.speed - decel * dt),
      };
    }
    case 'lane-change': {
      const rearY = start.rearY + motion.speed * dt;
      const progress = Math.min(1, Math.max(0, (rearY - motion.fromY) / (motion.toY - motion.fromY)));
      // Smoothstep: the drift starts and ends without a lateral jerk.
      const eased = progress * progress * (3 - 2 * progress);
      return { rearY, x: start.x + motion.shift * eased, speed: motion.speed };
    }
    default: {
      const never: never = motion;
      return never;
    }
  }
}

/** When the vehicle's front (or rear) first reaches `lineY`, or null if it never does. */
export function crossingTime(motion: Motion, start: MotionStart, lineY: number, part: 'front' | 'rear'): number | null {
  const offset = part === 'front' ? start.length : 0;
  const distance = lineY - (start.rearY + offset);
  if (distance < 0) return motion.enterAt;
  if (motion.kind === 'stop') {
    const reach = motion.stopFrontAtY - (start.rearY + start.length);
    if (distance >= reach) return null;
    const decel = (motion.speed * motion.speed) / (2 * reach);
    // Solve v t - a t^2 / 2 = distance for the first root.
    const disc = motion.speed * motion.speed - 2 * decel * distance;
    return motion.enterAt + (motion.speed - Math.sqrt(disc)) / decel;
  }
  return motion.enterAt + distance / motion.speed;
}
