import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';
import { readObject } from './read-object';

/**
 * Reads a parsed query string (`?limit=10&saga=order`) whose parameters must all be among `keys`:
 * each present parameter must be a single string (`?limit=1&limit=2` is an issue). An empty value
 * (`?status=`) counts as absent, so that a form or a URL template can leave a filter blank.
 */
export function readQuery(issues: IssueList, query: unknown, keys: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  const object = readObject(issues, query ?? {}, '', {
    keys,
    expected: `query parameters among ${keys.join(', ')}`,
    noun: 'query parameter',
  });
  if (object === undefined) return params;
  for (const key of keys) {
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key];
    if (typeof value !== 'string') issues.add(key, `must be given once, as a single value (got ${describeValue(value)})`);
    else if (value !== '') params[key] = value;
  }
  return params;
}
