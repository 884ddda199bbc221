// The domain's rules take their settings as policies; this builds them, and the deciders
// that use them, from the configuration.
import { createDeviceDecider, type DevicePolicy } from '../domain/device/decide.js';
import { createInfractionDecider } from '../domain/infraction/decide.js';
import type { InfractionPolicy } from '../domain/infraction/policy.js';
import { DEFAULT_PLATE_FORMATS } from '../domain/shared/plate.js';
import { DEFAULT_TOLERANCES } from '../domain/shared/tolerance.js';
import { createZoneDecider, type ZonePolicy } from '../domain/zone/decide.js';
import type { Config } from './config.js';

type PolicySettings = Pick<
  Config,
  'REVIEW_DEADLINE_DAYS' | 'PLATE_CONFIDENCE_THRESHOLD' | 'CALIBRATION_MAX_ERROR_METRES' | 'SPEED_TOLERANCES' | 'PLATE_FORMATS'
>;

export interface DomainPolicies {
  infraction: InfractionPolicy;
  device: DevicePolicy;
  zone: ZonePolicy;
}

export function domainPolicies(config: PolicySettings): DomainPolicies {
  return {
    infraction: {
      reviewDeadlineDays: config.REVIEW_DEADLINE_DAYS,
      plateConfidenceThreshold: config.PLATE_CONFIDENCE_THRESHOLD,
      plateFormats: config.PLATE_FORMATS ?? DEFAULT_PLATE_FORMATS,
    },
    device: { maxCalibrationErrorMetres: config.CALIBRATION_MAX_ERROR_METRES },
    zone: { tolerances: config.SPEED_TOLERANCES ?? DEFAULT_TOLERANCES },
  };
}

export function configuredDeciders(config: PolicySettings) {
  const policies = domainPolicies(config);
  return {
    infraction: createInfractionDecider(policies.infraction),
    device: createDeviceDecider(policies.device),
    zone: createZoneDecider(policies.zone),
  };
}
