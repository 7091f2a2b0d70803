import fc from 'fast-check';
import { oddKey, oddValue } from './odd-values';

type Path = Array<string | number>;

/** One change to a valid body: swap a value for a wrong one, drop a field, or add one nobody asked for. */
interface Mutation {
  kind: 'replace' | 'delete' | 'add';
  at: number;
  value: unknown;
  key: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where a later mutation may land: real bodies nest a few levels; an earlier mutation may have nested 1000. */
const MAX_MUTATION_DEPTH = 16;
const MAX_PATHS = 2000;

/** Places inside `value` (the root included), so a mutation can land deep, where validation is. */
function pathsOf(value: unknown): Path[] {
  const out: Path[] = [];
  const stack: Array<[unknown, Path]> = [[value, []]];
  while (stack.length > 0 && out.length < MAX_PATHS) {
    const [node, path] = stack.pop() as [unknown, Path];
    out.push(path);
    if (path.length >= MAX_MUTATION_DEPTH) continue;
    if (Array.isArray(node)) node.slice(0, 50).forEach((item, i) => stack.push([item, [...path, i]]));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) stack.push([v, [...path, k]]);
  }
  return out;
}

function apply(root: unknown, mutation: Mutation): unknown {
  // A copy: odd values include shared constants ([], {}), and an 'add' into one that stood in the
  // body twice would change the constant for every later request and can close a cycle.
  const m = { ...mutation, value: structuredClone(mutation.value) };
  const paths = pathsOf(root);
  const path = paths[m.at % paths.length];
  if (path.length === 0) {
    if (m.kind === 'replace') return m.value;
    if (m.kind === 'add' && isObject(root)) Object.defineProperty(root, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    return root;
  }
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (m.kind === 'replace') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (isObject(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(target)) target.push(m.value);
    else parent[last] = m.value;
  }
  return root;
}

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.record({ kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'delete', 'add'), at: fc.nat(), value: oddValue(), key: oddKey() });

/**
 * A valid body with 0 to 3 mutations: mostly one, so a request fails on one thing deep inside
 * rather than on the first check; now and then none, so valid requests build up state as well.
 */
export const mutatedJson = (seed: unknown): fc.Arbitrary<unknown> =>
  fc
    .oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 6, arbitrary: fc.array(mutation(), { minLength: 1, maxLength: 3 }) })
    .map((mutations) => mutations.reduce<unknown>((body, m) => apply(body, m), structuredClone(seed)));
