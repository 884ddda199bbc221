import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventIdFor, toEnvelopes } from './envelope.js';
import { sha1 } from './sha1.js';
import { uuidV5 } from './uuid-v5.js';
import type { Command } from './message.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('pure SHA-1 and UUID v5', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ünïcødé ✓', 'x'.repeat(1000)])('sha1 of %j matches node:crypto', (text) => {
    const bytes = new TextEncoder().encode(text);
    expect(hex(sha1(bytes))).toBe(createHash('sha1').update(bytes).digest('hex'));
  });

  it('matches the published UUID v5 of www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('event envelopes', () => {
  const command: Command = {
    type: 'ValidateInfraction',
    data: { infractionId: 'inf-1' },
    metadata: { commandId: 'cmd-42', correlationId: 'corr-7', actor: { kind: 'user', userId: 'olga', role: 'operator' }, now: '2026-03-02T09:00:00.000Z' },
  };
  const events = [
    { type: 'PlateConfirmed', data: { n: 1 } },
    { type: 'InfractionValidated', data: { n: 2 } },
  ];

  it('gives every event the full metadata of its command', () => {
    const [first] = toEnvelopes(command, events);
    expect(first).toEqual({
      type: 'PlateConfirmed',
      data: { n: 1 },
      metadata: {
        eventId: eventIdFor('cmd-42', 0),
        commandId: 'cmd-42',
        correlationId: 'corr-7',
        causationId: 'cmd-42',
        actor: { kind: 'user', userId: 'olga', role: 'operator' },
        occurredAt: '2026-03-02T09:00:00.000Z',
        schemaVersion: 1,
      },
    });
  });

  it('derives the same event ids when the same command is decided again', () => {
    const ids = () => toEnvelopes(command, events).map((e) => e.metadata.eventId);
    expect(ids()).toEqual(ids());
    expect(new Set(ids()).size).toBe(2);
  });

  it('derives different ids for different commands', () => {
    expect(eventIdFor('cmd-42', 0)).not.toBe(eventIdFor('cmd-43', 0));
    expect(eventIdFor('cmd-42', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps an explicit causation id', () => {
    const [first] = toEnvelopes({ ...command, metadata: { ...command.metadata, causationId: 'evt-9' } }, events);
    expect(first?.metadata.causationId).toBe('evt-9');
  });
});
