import { describe, expect, it } from 'vitest';
import { parseVehicleClasses } from './vehicle-classes.js';

describe('vehicle classes setting', () => {
  it('reads id:name pairs', () => {
    expect(parseVehicleClasses('2:car, 3:Motorcycle,7:truck')).toEqual({ 2: 'car', 3: 'motorcycle', 7: 'truck' });
  });

  it('refuses anything else, saying what it expected', () => {
    expect(() => parseVehicleClasses('car')).toThrow('vehicle classes "car": expected <class id>:<name>, e.g. 2:car');
    expect(() => parseVehicleClasses('2:car,')).toThrow(/expected <class id>:<name>/);
  });
});
