import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';

/** Reads one of `allowed`, exactly as spelled (case matters). */
export function readEnum<T extends string>(
  issues: IssueList,
  value: unknown,
  path: string,
  allowed: readonly T[],
  rule: { required?: boolean } = {},
): T | undefined {
  const expected = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  if (value === undefined) return rule.required ? issues.add(path, `is required: ${expected}`) : undefined;
  const fits = typeof value === 'string' && (allowed as readonly string[]).includes(value);
  return fits ? (value as T) : issues.add(path, `must be ${expected} (got ${describeValue(value)})`);
}
