// The vehicle registry port (the seeds' SUNARP look-up): who owns the vehicle with a plate.
import type { RegistryRecord } from './registry-record.js';

export interface VehicleRegistry {
  /** The plate's vehicle and owner; null when the registry knows no such plate. */
  lookUp(plate: string): Promise<RegistryRecord | null>;
}

/**
 * The registry could not answer now (timeout, refused connection, 5xx, open circuit): the
 * question may be asked again later. Any other error is about the answer itself.
 */
export class RegistryUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryUnavailable';
  }
}

/** The registry answered, but not with something we can read; asking again will not help soon. */
export class RegistryAnswerInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryAnswerInvalid';
  }
}
