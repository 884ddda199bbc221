import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts object keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 0, y: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":1,"z":0}]},"b":1}');
  });

  it('sorts keys by UTF-16 code units, as the RFC requires', () => {
    expect(canonicalJson({ é: 1, z: 2, '\u{1F600}': 3, ﬀ: 4 })).toBe('{"z":2,"é":1,"\u{1F600}":3,"ﬀ":4}');
  });

  it('encodes the same value the same way whatever the insertion order', () => {
    expect(canonicalJson({ x: 1, y: [true, 'a'] })).toBe(canonicalJson({ y: [true, 'a'], x: 1 }));
  });

  it('serialises numbers as ECMAScript does', () => {
    expect(canonicalJson([1.0, 0.1 + 0.2, 1e21, -0, 1e-7])).toBe('[1,0.30000000000000004,1e+21,0,1e-7]');
  });

  it('drops undefined members and turns undefined array items into null, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('uses toJSON, so dates become ISO strings', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });

  it('refuses values JSON cannot carry faithfully, naming where they are', () => {
    expect(() => canonicalJson({ speed: Number.NaN })).toThrow('$.speed');
    expect(() => canonicalJson({ list: [1n] })).toThrow('$.list[0]');
    expect(() => canonicalJson(undefined)).toThrow();
  });
});
