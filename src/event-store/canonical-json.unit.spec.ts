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

  it('sorts each object by its own keys when objects of other shapes came before (remembered key orders)', () => {
    const shapes = [
      { a: 1, z: 2, b: 3 },
      { a: 1, z: 2, c: 3 },
      { a: 1, z: 2 },
      { a: 1, c: 3, z: 2, b: 4 },
      { a: 1, y: 2, x: 3 },
      { a: 1, x: 3, y: 2 },
      { a: 1, w: 2, v: 3 },
      { a: 1, 9: 2, 10: 3 },
    ];
    for (let pass = 0; pass < 3; pass += 1) {
      for (const shape of shapes) expect(canonicalJson(shape)).toBe(JSON.stringify(shape, [...Object.keys(shape)].sort()));
    }
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

  it('matches JSON.stringify with every key listed in code-unit order, on varied values', () => {
    // The property list of JSON.stringify fixes member order at every depth (even for
    // integer-like keys), so it is an independent reference for plain data.
    const strings = ['', 'plain', 'quote " and \\ backslash', 'line\nbreak\ttab\u0001', 'é ñ ü', '\u{1F600}', 'lone \ud800', '</script>'];
    const numbers = [0, -0, 1, -17, 87.4, 0.1 + 0.2, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, 5e-324];
    const keys = ['b', 'a', '10', '9', 'é', 'Z', 'z\u{1F600}', 'ﬀ', '', 'a b', 'q"k'];
    let seed = 7;
    const next = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % limit;
    };
    const value = (depth: number): unknown => {
      const pick = next(depth > 3 ? 4 : 6);
      if (pick === 0) return strings[next(strings.length)];
      if (pick === 1) return numbers[next(numbers.length)];
      if (pick === 2) return [true, false, null, undefined][next(4)];
      if (pick === 3) return next(2) === 0 ? strings[next(strings.length)] : numbers[next(numbers.length)];
      if (pick === 4) return Array.from({ length: next(4) }, () => value(depth + 1));
      const record: Record<string, unknown> = {};
      for (const key of keys) if (next(2) === 0) record[key] = value(depth + 1);
      return record;
    };
    const sortedKeys = [...keys].sort();
    for (let sample = 0; sample < 2_000; sample += 1) {
      const item = { root: value(0) };
      expect(canonicalJson(item)).toBe(JSON.stringify(item, ['root', ...sortedKeys]));
    }
  });
});
