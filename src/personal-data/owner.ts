// The registry's answer about a vehicle's owner: the personal data that is only ever
// stored encrypted. Parsed with zod wherever it enters (registry client, API).
import { z } from 'zod';

export const OwnerRecordSchema = z.object({
  name: z.string().trim().min(1, 'name is required'),
  documentType: z.string().trim().min(1, 'documentType is required'),
  documentNumber: z.string().trim().min(1, 'documentNumber is required'),
  address: z.string().trim().min(1).nullable().default(null),
});

export type OwnerRecord = z.infer<typeof OwnerRecordSchema>;
