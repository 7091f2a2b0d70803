import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';

/** What {@link readArray} checks. Bounds are inclusive. */
export interface ArrayRule {
  min: number;
  max: number;
  /** What the items are, plural: `steps`. */
  items: string;
  required?: boolean;
}

/**
 * Reads an array with `min` to `max` items; the caller checks the items. An array that is too long
 * is returned as `undefined` so that nobody walks a huge input item by item.
 */
export function readArray(issues: IssueList, value: unknown, path: string, rule: ArrayRule): unknown[] | undefined {
  const expected = `an array of ${rule.min} to ${rule.max} ${rule.items}`;
  if (value === undefined) return rule.required ? issues.add(path, `is required: ${expected}`) : undefined;
  if (!Array.isArray(value)) return issues.add(path, `must be ${expected} (got ${describeValue(value)})`);
  if (value.length < rule.min || value.length > rule.max) {
    return issues.add(path, `must be ${expected} (got ${describeValue(value)})`);
  }
  return value as unknown[];
}
