import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';

/** What {@link readListParam} checks. */
export interface ListRule<T> {
  maxItems: number;
  /** Reads one trimmed item, recording an issue (at the list's path) if it is wrong. */
  item: (item: string) => T | undefined;
}

/**
 * Reads a comma-separated query value (`?status=FAILED,COMPENSATED`): items are trimmed, an empty
 * item is an issue, duplicates are dropped. `undefined` when absent or when anything was wrong.
 */
export function readListParam<T>(
  issues: IssueList,
  value: string | undefined,
  path: string,
  rule: ListRule<T>,
): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((item) => item.trim());
  if (items.length > rule.maxItems) {
    return issues.add(path, `must be a comma-separated list of at most ${rule.maxItems} items (got ${items.length})`);
  }
  if (items.includes('')) {
    return issues.add(path, `must be a comma-separated list with no empty items (got ${describeValue(value)})`);
  }
  const before = issues.count;
  const read = items.map(rule.item);
  if (issues.count > before) return undefined;
  return [...new Set(read as T[])];
}
