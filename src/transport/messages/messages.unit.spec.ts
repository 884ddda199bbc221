import { describe, expect, it } from 'vitest';
import { aDeviceStatus, anInfraction, anObservation } from '../testing/message-builders.js';
import { deadLetterOf, DeadLetterV1 } from './dead-letter.js';
import { deriveMessageId } from './message-id.js';
import { parseMessage } from './parse-message.js';

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('message ids', () => {
  it('are the same for the same device, track and time, so a retried publish is recognised', () => {
    const parts = { kind: 'infraction', deviceId: 'cam-1', trackId: 't-7', deviceTime: '2026-03-01T10:00:00Z' } as const;
    expect(deriveMessageId(parts)).toBe(deriveMessageId({ ...parts }));
  });

  it('differ when any part differs', () => {
    const base = { kind: 'infraction', deviceId: 'cam-1', trackId: 't-7', deviceTime: '2026-03-01T10:00:00Z' } as const;
    const ids = new Set([
      deriveMessageId(base),
      deriveMessageId({ ...base, kind: 'observation' }),
      deriveMessageId({ ...base, deviceId: 'cam-2' }),
      deriveMessageId({ ...base, trackId: 't-8' }),
      deriveMessageId({ ...base, deviceTime: '2026-03-01T10:00:00.001Z' }),
      deriveMessageId({ ...base, discriminator: 'RED_LIGHT' }),
    ]);
    expect(ids.size).toBe(6);
  });

  it('are UUIDs (version 8, RFC 9562 variant)', () => {
    const id = deriveMessageId({ kind: 'device-status', deviceId: 'cam-1', deviceTime: '2026-03-01T10:00:00Z' });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('parsing a message by its kind', () => {
  it('accepts a well-formed message of each kind', () => {
    expect(parseMessage('observation', bytes(anObservation()))).toMatchObject({ ok: true, parsed: { kind: 'observation' } });
    expect(parseMessage('infraction', bytes(anInfraction()))).toMatchObject({ ok: true, parsed: { kind: 'infraction' } });
    expect(parseMessage('device-status', bytes(aDeviceStatus()))).toMatchObject({ ok: true, parsed: { kind: 'device-status' } });
  });

  it('refuses bytes that are not JSON, saying so', () => {
    const result = parseMessage('observation', Buffer.from('{"deviceId": cam-1'));
    expect(result).toMatchObject({ ok: false, reason: { kind: 'invalid-json' } });
  });

  it('names every offending field', () => {
    const broken = { ...anInfraction(), plate: { text: 'ABC-123', confidence: 1.4, reader: 'x' }, zoneId: '' };
    const result = parseMessage('infraction', bytes(broken));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason.kind).toBe('schema');
    expect(result.reason.issues.map((issue) => issue.path).sort()).toEqual(['plate.confidence', 'zoneId']);
    expect(result.reason.summary).toContain('plate.confidence');
  });

  it('requires the speed reading on a speed violation only', () => {
    const { speed: _speed, ...withoutSpeed } = anInfraction();
    const speeding = parseMessage('infraction', bytes({ ...withoutSpeed, infractionType: 'SPEED_VIOLATION' }));
    expect(speeding.ok ? [] : speeding.reason.issues.map((issue) => issue.path)).toEqual(['speed']);
    expect(parseMessage('infraction', bytes({ ...withoutSpeed, infractionType: 'RED_LIGHT' })).ok).toBe(true);
  });

  it('accepts an infraction whose plate could not be read', () => {
    expect(parseMessage('infraction', bytes(anInfraction({ plate: null }))).ok).toBe(true);
  });

  it('refuses an evidence reference without a proper SHA-256', () => {
    const result = parseMessage('infraction', bytes(anInfraction({ evidence: [{ kind: 'SNAPSHOT', uri: 'a.jpg', sha256: 'abc' }] })));
    expect(result.ok ? [] : result.reason.issues.map((issue) => issue.path)).toEqual(['evidence.0.sha256']);
  });

  it('refuses a message of another schema version', () => {
    const result = parseMessage('device-status', bytes({ ...aDeviceStatus(), schemaVersion: 2 }));
    expect(result.ok ? [] : result.reason.issues.map((issue) => issue.path)).toEqual(['schemaVersion']);
  });

  it('refuses times without a time zone', () => {
    const result = parseMessage('observation', bytes(anObservation({ deviceTime: '2026-03-01T10:00:00', observedAt: '2026-03-01T09:59:59.800' })));
    expect(result.ok ? [] : result.reason.issues.map((issue) => issue.path)).toEqual(['deviceTime', 'observedAt']);
  });
});

describe('a dead letter', () => {
  it('keeps the reason, the source position, the key and the original bytes', () => {
    const original = Buffer.from([0xff, 0x00, 0x7b]);
    const letter = deadLetterOf(
      { topic: 'traffic.observations.v1', partition: 2, offset: '41', key: 'cam-9', value: original },
      { kind: 'invalid-json', summary: 'not JSON', issues: [] },
      new Date('2026-03-01T10:00:00Z'),
    );
    expect(DeadLetterV1.parse(letter)).toEqual(letter);
    expect(letter.source).toEqual({ topic: 'traffic.observations.v1', partition: 2, offset: '41' });
    expect(letter.key).toBe('cam-9');
    expect(Buffer.from(letter.valueBase64, 'base64').equals(original)).toBe(true);
    expect(letter.failedAt).toBe('2026-03-01T10:00:00.000Z');
  });
});
