// What ingest needs to know about the camera, as a file the CLI reads (zod at the edge):
// its zone's rules, its calibration (image pixels to road metres) and what it measures.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Homography } from '../../domain/shared/homography.js';
import { zoneRulesSchema, type ZoneRules } from '../rules/zone-rules.js';

const row = z.tuple([z.number(), z.number(), z.number()]);

const deviceSettingsSchema = z.object({
  deviceId: z.string().min(1).max(128),
  zone: zoneRulesSchema,
  calibration: z.object({
    /** Row-major 3x3, flat (9 numbers) or as 3 rows. */
    imageToGround: z.union([z.array(z.number()).length(9), z.tuple([row, row, row]).transform((rows) => rows.flat())]),
  }),
  measuredPoint: z.enum(['bottom-centre', 'centre']).default('centre'),
  measuredPointHeight: z.object({ cameraHeightM: z.number().positive(), pointHeightM: z.number().min(0) }).optional(),
});

export interface DeviceSettings {
  deviceId: string;
  zone: ZoneRules;
  homography: Homography;
  measuredPoint: 'bottom-centre' | 'centre';
  measuredPointHeight?: { cameraHeightM: number; pointHeightM: number };
}

export function parseDeviceSettings(input: unknown): DeviceSettings {
  const parsed = deviceSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid device settings: ${issues.join('; ')}`);
  }
  const { calibration, ...rest } = parsed.data;
  return { ...rest, homography: calibration.imageToGround as unknown as Homography };
}

export async function readDeviceSettings(path: string): Promise<DeviceSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Error(`Device settings file not found: ${path}`);
  }
  try {
    return parseDeviceSettings(JSON.parse(text));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
