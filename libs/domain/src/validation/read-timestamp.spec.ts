import { IssueList } from './issue-list';
import { issuesOf } from './issues-of';
import { readTimestamp } from './read-timestamp';

describe(readTimestamp.name, () => {
  const read = (value: unknown, rule = {}) => {
    const issues = new IssueList();
    const result = readTimestamp(issues, value, 'from', rule);
    return { result: result?.toISOString(), issues: issuesOf(() => issues.throwIfAny()) };
  };

  it.each([
    ['2026-11-20T10:02:00Z', '2026-11-20T10:02:00.000Z'],
    ['2026-11-20T10:02Z', '2026-11-20T10:02:00.000Z'],
    ['2026-11-20T10:02:00.5Z', '2026-11-20T10:02:00.500Z'],
    ['2026-11-20T10:02:00.123456789Z', '2026-11-20T10:02:00.123Z'],
    ['2026-11-20T11:02:00+01:00', '2026-11-20T10:02:00.000Z'],
    ['2026-11-20T05:32:00-0430', '2026-11-20T10:02:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(read(text)).toEqual({ result: iso, issues: [] });
  });

  it.each([
    '2026-11-20T10:02:00', // no zone
    '2026-11-20',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-11-20T10:60:00Z',
    '2026-11-20T10:02:60Z',
    '2026-11-20T10:02:00+24:00',
    '2026-11-20t10:02:00z',
    'yesterday',
    '1700000000000',
    '',
  ])('refuses %p, with an example of what works', (text) => {
    expect(read(text).issues).toEqual([
      {
        path: 'from',
        message: `must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-20T10:02:00Z or 2026-11-20T11:02:00+01:00 (got ${JSON.stringify(text)})`,
      },
    ]);
  });

  it('refuses non-strings and reports a missing required timestamp', () => {
    expect(read(1700000000000).issues[0]?.message).toMatch(/\(got 1700000000000\)$/);
    expect(read(undefined)).toEqual({ result: undefined, issues: [] });
    expect(read(undefined, { required: true }).issues[0]?.message).toMatch(/^is required: an ISO-8601 timestamp/);
  });

  it("explains a '+' that a query string decoded into a space", () => {
    expect(read('2026-11-20T11:02:00 01:00').issues[0]?.message).toMatch(/a '\+' in a URL query must be sent as %2B$/);
  });
});
