import { childPath } from './child-path';
import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';

/** What {@link readObject} checks. */
export interface ObjectRule {
  /** Every key the object may have; any other key is an issue naming these. */
  keys: readonly string[];
  /** How the expected object reads in a message; default `an object with keys …`. */
  expected?: string;
  required?: boolean;
  /** What the keys are called in messages; default `key`. */
  noun?: string;
}

/** A JSON object: not `null`, not an array, not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `obj[key]` if it is the object's own key; never a value inherited from its prototype. */
export function field(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Reads an object whose keys must all be among `rule.keys`. Each unknown key is its own issue (at
 * the key's path) naming the allowed keys; the object is still returned so that its known fields
 * get checked too. `undefined` when missing (an issue if required) or not an object (an issue).
 */
export function readObject(
  issues: IssueList,
  value: unknown,
  path: string,
  rule: ObjectRule,
): Record<string, unknown> | undefined {
  const expected = rule.expected ?? `an object with keys ${rule.keys.join(', ')}`;
  if (value === undefined) return rule.required ? issues.add(path, `is required: ${expected}`) : undefined;
  if (!isPlainObject(value)) return issues.add(path, `must be ${expected} (got ${describeValue(value)})`);
  for (const key of Object.keys(value)) {
    if (!rule.keys.includes(key)) issues.add(childPath(path, key), unknownKeyMessage(key, rule.keys, rule.noun ?? 'key'));
  }
  return value;
}

function unknownKeyMessage(key: string, allowed: readonly string[], noun: string): string {
  const near = allowed.find((k) => k.toLowerCase() === key.toLowerCase());
  const hint = near === undefined ? '' : ` (did you mean ${near}?)`;
  return `is not an allowed ${noun}${hint}; allowed ${noun}s: ${allowed.join(', ')}`;
}
