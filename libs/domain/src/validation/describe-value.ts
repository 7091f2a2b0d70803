const QUOTED_CHARS = 40;

/**
 * How a value reads in an issue's `(got …)`: short, and never the whole of a huge string or array.
 * `"Order"`, `0`, `null`, `an array of 3 items`, `an object`, `nothing`.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value.length <= QUOTED_CHARS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, QUOTED_CHARS))}… (${value.length} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
