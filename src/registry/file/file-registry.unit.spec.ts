// The embedded mode's registry: the bundled fictitious plates, matched however the plate is written.
import { describe, expect, it } from 'vitest';
import { FileRegistry } from './file-registry.js';

describe('FileRegistry', () => {
  it('knows the plates of the demo video, with fictitious owners', async () => {
    const registry = FileRegistry.demo();
    for (const plate of ['ABC-123', 'BRA2E19', 'LMN-456', 'PTS3K71', 'RTX-482']) {
      const record = await registry.lookUp(plate);
      expect(record?.owner.name).toMatch(/\(fictitious\)$/);
    }
  });

  it('matches a plate written without its dash or in lower case', async () => {
    const registry = FileRegistry.demo();
    expect(await registry.lookUp('abc123')).toEqual(await registry.lookUp('ABC-123'));
  });

  it('answers null for a plate not in the file', async () => {
    expect(await FileRegistry.demo().lookUp('ZZZ-999')).toBeNull();
  });

  it('names the field that a malformed file lacks', () => {
    const content = { vehicles: { 'ABC-123': { vehicle: { make: 'Kia', model: 'Rio', colour: 'red', year: 2020 }, owner: { name: 'X' } } } };
    expect(() => new FileRegistry(content, 'test file')).toThrow(/^test file is invalid: vehicles\.ABC-123\.owner\.documentType: /);
  });
});
