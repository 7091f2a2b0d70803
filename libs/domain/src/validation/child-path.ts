const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PATH_KEY_CHARS = 64;

/**
 * The path of a child: `steps` + 1 → `steps[1]`, `steps[1]` + `retry` → `steps[1].retry`, and a key
 * that is not an identifier is quoted: `headers["X-Trace"]`. Very long keys are cut short.
 */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key) && key.length <= PATH_KEY_CHARS) return parent === '' ? key : `${parent}.${key}`;
  const shown = key.length <= PATH_KEY_CHARS ? key : `${key.slice(0, PATH_KEY_CHARS)}…`;
  return `${parent}[${JSON.stringify(shown)}]`;
}
