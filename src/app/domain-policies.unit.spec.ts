import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { domainPolicies } from './domain-policies.js';

describe('domain policies from configuration', () => {
  it('uses the domain defaults when nothing is set', () => {
    const policies = domainPolicies(loadConfig({}));
    expect(policies.infraction).toMatchObject({ reviewDeadlineDays: 30, plateConfidenceThreshold: 0.7 });
    expect(policies.infraction.plateFormats.map((f) => f.name)).toEqual(['PERU', 'MERCOSUR']);
    expect(policies.device.maxCalibrationErrorMetres).toBe(0.5);
    expect(policies.zone.tolerances.map((t) => t.jurisdiction)).toEqual(['DE', 'PE', 'BR']);
  });

  it('takes tolerances, plate formats and thresholds from the settings', () => {
    const policies = domainPolicies(
      loadConfig({
        REVIEW_DEADLINE_DAYS: '15',
        PLATE_CONFIDENCE_THRESHOLD: '0.8',
        CALIBRATION_MAX_ERROR_METRES: '0.25',
        SPEED_TOLERANCES: '[{"jurisdiction":"CL","fixedKmh":4}]',
        PLATE_FORMATS: '[{"name":"CHILE","pattern":"^([A-Z]{4})([0-9]{2})$","canonical":"$1-$2"}]',
      }),
    );
    expect(policies).toEqual({
      infraction: {
        reviewDeadlineDays: 15,
        plateConfidenceThreshold: 0.8,
        plateFormats: [{ name: 'CHILE', pattern: '^([A-Z]{4})([0-9]{2})$', canonical: '$1-$2' }],
      },
      device: { maxCalibrationErrorMetres: 0.25 },
      zone: { tolerances: [{ jurisdiction: 'CL', fixedKmh: 4 }] },
    });
  });

  it.each([
    ['SPEED_TOLERANCES', 'not json', /SPEED_TOLERANCES: must be valid JSON/],
    ['SPEED_TOLERANCES', '[{"jurisdiction":"CL"}]', /SPEED_TOLERANCES\.0\.fixedKmh/],
    ['PLATE_FORMATS', '[{"name":"X","pattern":"([","canonical":"$1"}]', /PLATE_FORMATS\.0\.pattern: must be a regular expression/],
  ])('names the setting when %s is wrong', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
