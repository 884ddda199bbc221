// What the vehicle registry knows about a plate: the vehicle and its owner. Parsed with
// zod wherever it enters (the HTTP answer, the demo file, the cache), errors naming the field.
import { z } from 'zod';

export const RegistryRecordSchema = z.object({
  vehicle: z.object({
    make: z.string().trim().min(1),
    model: z.string().trim().min(1),
    colour: z.string().trim().min(1),
    year: z.number().int().min(1900).max(2100),
  }),
  owner: z.object({
    name: z.string().trim().min(1),
    documentType: z.string().trim().min(1),
    documentNumber: z.string().trim().min(1),
  }),
});

export type RegistryRecord = z.infer<typeof RegistryRecordSchema>;

/** "owner.documentNumber: Invalid input: expected string, received undefined; ..." */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
