/**
 * The JSON text of a value with every object's keys sorted (by UTF-16 code units, recursively), so
 * that two values equal as JSON give the same text whatever their key order. Array order is kept.
 * Otherwise it follows `JSON.stringify`: `toJSON` is honoured, `undefined` members are left out,
 * non-finite numbers become `null`. `undefined` itself has no JSON text and gives `'undefined'`.
 *
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) // '{"a":[{"c":3,"d":2}],"b":1}'
 * @throws TypeError on a circular structure or a BigInt, like `JSON.stringify`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, new Set())) ?? 'undefined';
}

/**
 * Whether two values are equal as JSON: same structure and leaves, object key order ignored.
 * This is how registration and publish tell "the same body again" from "another body".
 *
 * @example jsonEquals({ a: 1, b: 2 }, { b: 2, a: 1 }) // true
 */
export function jsonEquals(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function sortKeys(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const withJson = value as { toJSON?: unknown };
  if (typeof withJson.toJSON === 'function') return sortKeys((withJson.toJSON as () => unknown)(), ancestors);
  if (ancestors.has(value)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(value);
  const sorted = Array.isArray(value)
    ? value.map((item) => sortKeys(item, ancestors))
    : Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortKeys((value as Record<string, unknown>)[key], ancestors)]),
      );
  ancestors.delete(value);
  return sorted;
}
