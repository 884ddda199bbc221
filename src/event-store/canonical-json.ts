// Canonical JSON (RFC 8785, JCS) for the values events hold: object keys sorted by UTF-16
// code units, no whitespace, ECMAScript number and string serialisation. The same value
// always encodes to the same text, so its hash survives a round trip through any store.

export function canonicalJson(value: unknown): string {
  const encoded = encode(value, '$');
  if (encoded === undefined) throw new TypeError('Cannot canonicalise undefined at $');
  return encoded;
}

function encode(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot canonicalise non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`Cannot canonicalise bigint at ${path} (store it as a string)`);
    case 'object':
      return encodeObject(value, path);
    default:
      throw new TypeError(`Cannot canonicalise ${typeof value} at ${path}`);
  }
}

function encodeObject(value: object, path: string): string | undefined {
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return encode(withToJson.toJSON(), path);
  if (Array.isArray(value)) {
    // Like JSON.stringify: holes and undefined entries become null inside arrays.
    return `[${value.map((item, index) => encode(item, `${path}[${index}]`) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is exactly what RFC 8785 asks for.
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const encoded = encode(record[key], `${path}.${key}`);
    if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
}
