import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';

/** What {@link readString} checks. */
export interface StringRule {
  /** The whole rule as a user reads it: `a string of 1-100 characters: lowercase letters, …`. */
  expected: string;
  pattern?: RegExp;
  /** In UTF-16 code units, like `String.length`. */
  minLength?: number;
  maxLength?: number;
  required?: boolean;
}

/**
 * Reads a string that matches `rule.pattern` and the length bounds. `undefined` when missing (an
 * issue if required) or wrong (an issue saying `must be <expected> (got …)`).
 */
export function readString(issues: IssueList, value: unknown, path: string, rule: StringRule): string | undefined {
  if (value === undefined) return rule.required ? issues.add(path, `is required: ${rule.expected}`) : undefined;
  const fits =
    typeof value === 'string' &&
    value.length >= (rule.minLength ?? 0) &&
    value.length <= (rule.maxLength ?? Infinity) &&
    (rule.pattern === undefined || rule.pattern.test(value));
  return fits ? value : issues.add(path, `must be ${rule.expected} (got ${describeValue(value)})`);
}
