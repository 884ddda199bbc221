// The registry of the embedded mode: plates and owners from a JSON file (by default the
// bundled, fictitious demo-registry.json), so `npm start` enriches infractions offline.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import bundledDemo from '../demo-registry.json' with { type: 'json' };
import type { VehicleRegistry } from '../port.js';
import { describeIssues, RegistryRecordSchema, type RegistryRecord } from '../registry-record.js';

const RegistryFileSchema = z.object({ vehicles: z.record(z.string().min(1), RegistryRecordSchema) });

/** Plates compared as the registry files them: letters and digits only, upper case. */
const compact = (plate: string): string => plate.replace(/[^0-9a-z]/gi, '').toUpperCase();

export class FileRegistry implements VehicleRegistry {
  private readonly records: ReadonlyMap<string, RegistryRecord>;

  constructor(content: unknown, source = 'registry file') {
    const parsed = RegistryFileSchema.safeParse(content);
    if (!parsed.success) throw new Error(`${source} is invalid: ${describeIssues(parsed.error)}`);
    this.records = new Map(Object.entries(parsed.data.vehicles).map(([plate, record]) => [compact(plate), record]));
  }

  static demo(): FileRegistry {
    return new FileRegistry(bundledDemo, 'the bundled demo registry');
  }

  static async fromFile(path: string): Promise<FileRegistry> {
    let content: unknown;
    try {
      content = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new Error(`REGISTRY_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
    }
    return new FileRegistry(content, `REGISTRY_FILE ${path}`);
  }

  async lookUp(plate: string): Promise<RegistryRecord | null> {
    return this.records.get(compact(plate)) ?? null;
  }
}
