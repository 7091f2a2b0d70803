import { childPath } from '../validation/child-path';
import type { IssueList } from '../validation/issue-list';
import { readArray } from '../validation/read-array';
import { readString } from '../validation/read-string';

/** Bounds of a saga's `redact` list. A path has at most as many segments as a payload has levels. */
export const REDACT_LIMITS = { maxPaths: 50, maxSegments: 64, maxLength: 500 } as const;

/** Dot-separated segments, each a key of letters, digits, `_`, `-` or `$` (or an array index), or `*`. */
export const REDACT_PATH_PATTERN = /^(?:\*|[A-Za-z0-9_$-]{1,100})(?:\.(?:\*|[A-Za-z0-9_$-]{1,100}))*$/;

const RULE = `a dot path into the payload of at most ${REDACT_LIMITS.maxLength} characters and ${REDACT_LIMITS.maxSegments} segments, each a key (letters, digits, '_', '-', '$'), an array index or '*' (e.g. card.number, items.*.iban)`;

/**
 * Reads `redact`: payload paths whose values viewers and logs never see (see `redactPaths`). Optional;
 * `[]` when absent. Paths must be unique.
 */
export function readRedactPaths(issues: IssueList, value: unknown, path: string): string[] | undefined {
  if (value === undefined) return [];
  const items = readArray(issues, value, path, { min: 0, max: REDACT_LIMITS.maxPaths, items: 'payload paths' });
  if (items === undefined) return undefined;
  const seen = new Map<string, number>();
  const paths = items.map((item, i) => {
    const at = childPath(path, i);
    const p = readString(issues, item, at, { expected: RULE, pattern: REDACT_PATH_PATTERN, maxLength: REDACT_LIMITS.maxLength, required: true });
    if (p === undefined) return undefined;
    if (p.split('.').length > REDACT_LIMITS.maxSegments) return issues.add(at, `must have at most ${REDACT_LIMITS.maxSegments} segments (a payload nests at most 64 levels)`);
    const first = seen.get(p);
    if (first !== undefined) return issues.add(at, `repeats ${path}[${first}] (${JSON.stringify(p)}); list each path once`);
    seen.set(p, i);
    return p;
  });
  return paths.every((p) => p !== undefined) ? paths : undefined;
}
