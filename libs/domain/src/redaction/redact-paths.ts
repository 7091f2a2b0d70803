/** What a redacted value is replaced with in what viewers see. */
export const REDACTED = '[redacted]';

/** One segment of a redact path: `*` matches any key or array index. */
export const REDACT_WILDCARD = '*';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A copy of `value` with what sits at each dot path replaced by {@link REDACTED} (a whole object or
 * array, if that is what the path names). `card.number` names a key; a segment that is a number also
 * names that index of an array (`items.0.iban`); `*` names every key or index (`items.*.iban`). Paths
 * that lead nowhere change nothing, and nothing is added. The input is left as it was.
 *
 * @example redactPaths({ card: { number: '4111', exp: '12/30' } }, ['card.number']) // { card: { number: '[redacted]', exp: '12/30' } }
 */
export function redactPaths(value: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0) return value;
  return redact(value, paths.map((p) => p.split('.')));
}

function redact(node: unknown, paths: string[][]): unknown {
  if (paths.some((p) => p.length === 0)) return REDACTED;
  if (Array.isArray(node)) {
    return node.map((child, i) => descend(child, paths, String(i)));
  }
  if (isObject(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      Object.defineProperty(out, key, { value: descend(child, paths, key), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return node;
}

function descend(child: unknown, paths: string[][], key: string): unknown {
  const rest = paths.filter((p) => p[0] === REDACT_WILDCARD || p[0] === key).map((p) => p.slice(1));
  return rest.length === 0 ? child : redact(child, rest);
}
