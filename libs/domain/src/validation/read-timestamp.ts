import { describeValue } from './describe-value';
import type { IssueList } from './issue-list';

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;
const EXPECTED = 'an ISO-8601 timestamp with a time zone, e.g. 2026-11-20T10:02:00Z or 2026-11-20T11:02:00+01:00';

/**
 * Reads an ISO-8601 timestamp with a date, a time and a zone (`Z` or `±hh:mm`); a time without a
 * zone is an issue because the server's zone is nobody's business. Impossible dates (February 30,
 * 24:00) are issues rather than silently rolled over as `Date.parse` would.
 */
export function readTimestamp(
  issues: IssueList,
  value: unknown,
  path: string,
  rule: { required?: boolean } = {},
): Date | undefined {
  if (value === undefined) return rule.required ? issues.add(path, `is required: ${EXPECTED}`) : undefined;
  const parsed = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (parsed !== undefined) return parsed;
  // A '+' in a query string decodes to a space: say so rather than leave the caller puzzled.
  const plusHint =
    typeof value === 'string' && parseTimestamp(value.replace(' ', '+')) !== undefined
      ? "; a '+' in a URL query must be sent as %2B"
      : '';
  return issues.add(path, `must be ${EXPECTED} (got ${describeValue(value)})${plusHint}`);
}

function parseTimestamp(text: string): Date | undefined {
  const m = ISO_TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const offsetHours = m[8] === 'Z' ? 0 : Number(m[10]);
  const offsetMinutes = m[8] === 'Z' ? 0 : Number(m[11]);
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;

  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, ms);
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return new Date(date.getTime() - offset * 60_000);
}
