import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';

/** What {@link readInteger} checks. Bounds are inclusive. */
export interface IntegerRule {
  min: number;
  max: number;
  /** Appended to the rule in messages, e.g. `milliseconds, up to 24 hours`. */
  note?: string;
  required?: boolean;
}

const DECIMAL = /^-?[0-9]+$/;

/**
 * Reads a JSON number that is an integer within `[min, max]`. A numeric string (`"3"`) is an
 * issue: JSON bodies must carry numbers as numbers.
 */
export function readInteger(issues: IssueList, value: unknown, path: string, rule: IntegerRule): number | undefined {
  if (value === undefined) return rule.required ? issues.add(path, `is required: ${expected(rule)}`) : undefined;
  const fits = typeof value === 'number' && Number.isInteger(value) && value >= rule.min && value <= rule.max;
  return fits ? value : issues.add(path, `must be ${expected(rule)} (got ${describeValue(value)})`);
}

/**
 * Reads an integer written in decimal digits, as query strings carry them: `"12"` is 12; `"12abc"`,
 * `"1e3"`, `"1.0"`, `" 12"` and `"0x1F"` are issues.
 */
export function readIntegerParam(
  issues: IssueList,
  value: string | undefined,
  path: string,
  rule: IntegerRule,
): number | undefined {
  if (value === undefined) return rule.required ? issues.add(path, `is required: ${expected(rule)}`) : undefined;
  const parsed = DECIMAL.test(value) ? Number(value) : NaN;
  const fits = Number.isSafeInteger(parsed) && parsed >= rule.min && parsed <= rule.max;
  return fits ? parsed : issues.add(path, `must be ${expected(rule)} (got ${describeValue(value)})`);
}

function expected(rule: IntegerRule): string {
  const range = `an integer from ${rule.min} to ${rule.max}`;
  return rule.note === undefined ? range : `${range} (${rule.note})`;
}
