// The vehicle classes a YOLO model's boxes are kept for, as given on the command line:
// "2:car,3:motorcycle,5:bus,7:truck" (class id of the model : name used in messages).
import { z } from 'zod';

const entry = z.string().regex(/^\d+:[a-z][a-z0-9_-]{0,31}$/i, 'expected <class id>:<name>, e.g. 2:car');

export function parseVehicleClasses(text: string): Record<number, string> {
  const parsed = z.array(entry).min(1).safeParse(text.split(',').map((part) => part.trim()));
  if (!parsed.success) throw new Error(`vehicle classes "${text}": ${parsed.error.issues[0]!.message}`);
  const classes: Record<number, string> = {};
  for (const item of parsed.data) {
    const [id, name] = item.split(':') as [string, string];
    classes[Number(id)] = name.toLowerCase();
  }
  return classes;
}
