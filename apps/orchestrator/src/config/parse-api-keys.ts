import type { ConfigProblem } from './invalid-config.error';
import { API_KEY_ROLES, type ApiKey, type ApiKeyRole } from './retrace-config';

const VARIABLE = 'RETRACE_API_KEYS';
const MIN_KEY_LENGTH = 16;
const EXAMPLE =
  '[{"name":"ops","role":"operator","key":"<16+ random chars>"},' +
  '{"name":"orders","role":"service","sagas":["order*"],"key":"<16+ random chars>"}]';

/**
 * Parses `RETRACE_API_KEYS`. Problems name the entry by index and name but never echo a key, because
 * startup errors end up in logs.
 */
export function parseApiKeys(raw: string | undefined, problems: ConfigProblem[]): ApiKey[] {
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    problems.push({ variable: VARIABLE, problem: `is not valid JSON (${(error as Error).message}); expected e.g. ${EXAMPLE}` });
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push({ variable: VARIABLE, problem: `must be a JSON array of keys, e.g. ${EXAMPLE}` });
    return [];
  }
  const keys: ApiKey[] = [];
  parsed.forEach((entry: unknown, index) => {
    const key = parseEntry(entry, `${VARIABLE}[${index}]`, problems);
    if (key) keys.push(key);
  });
  reportDuplicates(keys, 'name', (k) => `name "${k.name}" is used by more than one key; names must be unique`, problems);
  reportDuplicates(keys, 'key', (k) => `key of "${k.name}" is also used by another entry; every key must be distinct`, problems);
  return keys;
}

function parseEntry(entry: unknown, at: string, problems: ConfigProblem[]): ApiKey | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    problems.push({ variable: at, problem: `must be an object {name, role, key, sagas?}, e.g. ${EXAMPLE}` });
    return undefined;
  }
  const { name, role, key, sagas, ...rest } = entry as Record<string, unknown>;
  const before = problems.length;
  const label = typeof name === 'string' && name.trim() !== '' ? `${at} ("${name}")` : at;
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push({ variable: at, problem: 'needs a non-empty "name" (shown in the audit log as the actor)' });
  }
  if (typeof role !== 'string' || !API_KEY_ROLES.includes(role as ApiKeyRole)) {
    problems.push({ variable: label, problem: `"role" must be one of ${API_KEY_ROLES.join(', ')}; got ${JSON.stringify(role)}` });
  }
  if (typeof key !== 'string' || key.length < MIN_KEY_LENGTH) {
    problems.push({
      variable: label,
      problem: `"key" must be a string of at least ${MIN_KEY_LENGTH} characters (e.g. \`openssl rand -hex 24\`)`,
    });
  }
  const sagaGlobs = parseSagaGlobs(sagas, role, label, problems);
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    problems.push({ variable: label, problem: `unknown field(s) ${unknown.join(', ')}; allowed: name, role, key, sagas` });
  }
  if (problems.length !== before) return undefined;
  return { name: name as string, role: role as ApiKeyRole, key: key as string, ...(sagaGlobs ? { sagas: sagaGlobs } : {}) };
}

function parseSagaGlobs(sagas: unknown, role: unknown, label: string, problems: ConfigProblem[]): string[] | undefined {
  if (sagas === undefined) {
    if (role === 'service') {
      problems.push({ variable: label, problem: 'a service key needs "sagas": the saga names it may use, e.g. ["order*"]' });
    }
    return undefined;
  }
  const valid =
    Array.isArray(sagas) &&
    sagas.length > 0 &&
    sagas.every((glob) => typeof glob === 'string' && /^[^*\s]*\*?$/.test(glob) && glob !== '');
  if (!valid) {
    problems.push({
      variable: label,
      problem: '"sagas" must be a non-empty list of saga names or prefix globs with one trailing "*" (e.g. ["order*", "refund"])',
    });
    return undefined;
  }
  return sagas as string[];
}

function reportDuplicates(
  keys: ApiKey[],
  field: 'name' | 'key',
  describe: (key: ApiKey) => string,
  problems: ConfigProblem[],
): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const key of keys) {
    const value = key[field];
    if (seen.has(value) && !reported.has(value)) {
      problems.push({ variable: VARIABLE, problem: describe(key) });
      reported.add(value);
    }
    seen.add(value);
  }
}
