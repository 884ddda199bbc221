// The writer's edge: bytes from a topic become a typed message, or a reason naming the
// fields that are wrong.
import type { z } from 'zod';
import { assertNever } from '../../domain/shared/actor.js';
import type { DeadLetterReason } from './dead-letter.js';
import { DeviceStatusMessageV1 } from './device-status.js';
import { InfractionMessageV1 } from './infraction.js';
import { ObservationMessageV1 } from './observation.js';
import type { MessageKind } from './message-id.js';

export type ParsedMessage =
  | { kind: 'observation'; message: ObservationMessageV1 }
  | { kind: 'infraction'; message: InfractionMessageV1 }
  | { kind: 'device-status'; message: DeviceStatusMessageV1 };

export type ParseResult = { ok: true; parsed: ParsedMessage } | { ok: false; reason: DeadLetterReason };

/** Parses the bytes of a message of the given kind (the kind comes from its topic). */
export function parseMessage(kind: MessageKind, value: Buffer): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: { kind: 'invalid-json', summary: `not JSON: ${detail}`, issues: [] } };
  }
  switch (kind) {
    case 'observation': {
      const result = ObservationMessageV1.safeParse(json);
      return result.success ? { ok: true, parsed: { kind, message: result.data } } : schemaFailure(kind, result.error);
    }
    case 'infraction': {
      const result = InfractionMessageV1.safeParse(json);
      return result.success ? { ok: true, parsed: { kind, message: result.data } } : schemaFailure(kind, result.error);
    }
    case 'device-status': {
      const result = DeviceStatusMessageV1.safeParse(json);
      return result.success ? { ok: true, parsed: { kind, message: result.data } } : schemaFailure(kind, result.error);
    }
    default:
      return assertNever(kind);
  }
}

function schemaFailure(kind: MessageKind, error: z.ZodError): ParseResult {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const fields = issues.map((issue) => issue.path || '(message)').join(', ');
  return { ok: false, reason: { kind: 'schema', summary: `${kind} message fails its schema at: ${fields}`, issues } };
}
