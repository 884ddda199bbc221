import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nulCheck } from './nul-guard-plugin.js';

const fieldOf = (error: ReturnType<ReturnType<typeof nulCheck>>) => (error ? error.extensions.field : null);

describe('NUL check, kept per parsed document', () => {
  it('checks the variables of every request even when the document was seen clean before', () => {
    const check = nulCheck();
    const document = parse('mutation($note: String) { rejectInfraction(commandId: "c", infractionId: "i", reason: OTHER, note: $note) { events } }');
    expect(check(document, { note: 'fine' })).toBeNull();
    expect(fieldOf(check(document, { note: 'bad\u0000note' }))).toBe('note');
    expect(check(document, { note: 'fine again' })).toBeNull();
  });

  it('refuses a literal NUL every time the same document comes back, even after a refusal by its variables', () => {
    const check = nulCheck();
    const document = parse('query($id: ID!) { infraction(id: $id) { id } verifyStream(stream: "a\\u0000b") { ok } }');
    expect(fieldOf(check(document, { id: 'x\u0000' }))).toBe('id');
    expect(fieldOf(check(document, { id: 'clean' }))).toBe('stream');
    expect(fieldOf(check(document, { id: 'clean' }))).toBe('stream');
  });
});
