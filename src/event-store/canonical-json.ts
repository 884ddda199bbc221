// Canonical JSON (RFC 8785, JCS) for the values events hold: object keys sorted by UTF-16
// code units, no whitespace, ECMAScript number and string serialisation. The same value
// always encodes to the same text, so its hash survives a round trip through any store.
//
// Every append encodes each event's data and metadata, so this sits on the hot path: the
// encoder builds strings directly and works out where a bad value sits only when it
// meets one (a path string per member cost more than the encoding itself).

export function canonicalJson(value: unknown): string {
  try {
    const encoded = encode(value);
    if (encoded === undefined) throw new Unencodable('undefined');
    return encoded;
  } catch (error) {
    if (error instanceof Unencodable) throw new TypeError(`Cannot canonicalise ${error.what} at $${error.path}`);
    throw error;
  }
}

/** Thrown from inside the encoder; each level on the way out prepends its key or index. */
class Unencodable extends Error {
  path = '';

  constructor(readonly what: string) {
    super(what);
  }
}

// What JSON.stringify would escape: quotes, backslashes, control characters and surrogates
// (lone ones become \u escapes; paired ones are simply left to JSON.stringify too).
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

function encodeString(value: string): string {
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
}

function encodeKey(key: string): string {
  return `${encodeString(key)}:`;
}

function encode(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return encodeString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Unencodable('non-finite number');
      // Number::toString, which is what JSON.stringify uses for finite numbers.
      return String(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new Unencodable('bigint (store it as a string)');
    case 'object':
      return encodeObject(value);
    default:
      throw new Unencodable(typeof value);
  }
}

function encodeObject(value: object): string | undefined {
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return encode(withToJson.toJSON());
  if (Array.isArray(value)) return encodeArray(value);
  const record = value as Record<string, unknown>;
  const { keys, prefixes } = sortedMembers(Object.keys(record));
  let text = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const encoded = encodeMember(record[key], key);
    if (encoded === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${prefixes[index]!}${encoded}`;
  }
  return `${text}}`;
}

// Objects built at one place in the code list their keys in one order, event after event:
// each order seen is kept with its sorted form and the members' encoded names (up to a few
// orders per first key, and a bound on first keys so that data keyed by ids cannot grow it
// without limit), so most objects are matched by comparing their keys instead of sorting
// them (sorting cost a quarter of the encoding of a typical event).
interface SortedMembers {
  keys: readonly string[];
  /** `"key":` for each of keys. */
  prefixes: readonly string[];
}
interface KeyOrder extends SortedMembers {
  order: readonly string[];
}
const keyOrders = new Map<string, KeyOrder[]>();
const KEY_ORDERS_LIMIT = 2_000;
const ORDERS_PER_FIRST_KEY = 4;
const NO_MEMBERS: SortedMembers = { keys: [], prefixes: [] };

function sortedMembers(order: string[]): SortedMembers {
  const first = order[0];
  if (first === undefined) return NO_MEMBERS;
  const known = keyOrders.get(first);
  if (known !== undefined) {
    for (const candidate of known) if (sameKeys(candidate.order, order)) return candidate;
  }
  // Default sort compares UTF-16 code units, which is exactly what RFC 8785 asks for.
  const keys = [...order].sort();
  const entry: KeyOrder = { order, keys, prefixes: keys.map(encodeKey) };
  if (known === undefined) {
    if (keyOrders.size < KEY_ORDERS_LIMIT) keyOrders.set(first, [entry]);
  } else if (known.length < ORDERS_PER_FIRST_KEY) {
    known.push(entry);
  }
  return entry;
}

function sameKeys(order: readonly string[], keys: readonly string[]): boolean {
  if (order.length !== keys.length) return false;
  for (let index = 0; index < keys.length; index += 1) if (order[index] !== keys[index]) return false;
  return true;
}

function encodeArray(items: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < items.length; index += 1) {
    // Like JSON.stringify: holes and undefined entries become null inside arrays.
    const encoded = encodeMember(items[index], index) ?? 'null';
    text += index === 0 ? encoded : `,${encoded}`;
  }
  return `${text}]`;
}

function encodeMember(value: unknown, at: string | number): string | undefined {
  try {
    return encode(value);
  } catch (error) {
    if (error instanceof Unencodable) error.path = `${typeof at === 'number' ? `[${at}]` : `.${at}`}${error.path}`;
    throw error;
  }
}
