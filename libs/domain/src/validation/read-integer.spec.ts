import { IssueList } from './issue-list';
import { issuesOf } from './issues-of';
import { readInteger, readIntegerParam } from './read-integer';

const rule = { min: 1, max: 100 };

describe(readInteger.name, () => {
  const read = (value: unknown, extra = {}) => {
    const issues = new IssueList();
    const result = readInteger(issues, value, 'n', { ...rule, ...extra });
    return { result, issues: issuesOf(() => issues.throwIfAny()) };
  };

  it.each([1, 50, 100, 3.0])('accepts %p', (value) => {
    expect(read(value)).toEqual({ result: value, issues: [] });
  });

  it.each([
    [0, '0'],
    [101, '101'],
    [1.5, '1.5'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    ['3', '"3"'],
    [null, 'null'],
    [true, 'true'],
  ])('refuses %p with the range', (value, got) => {
    expect(read(value).issues).toEqual([{ path: 'n', message: `must be an integer from 1 to 100 (got ${got})` }]);
  });

  it('adds the note to the rule and reports a missing required integer', () => {
    expect(read(undefined, { required: true, note: 'tries' }).issues).toEqual([
      { path: 'n', message: 'is required: an integer from 1 to 100 (tries)' },
    ]);
  });
});

describe(readIntegerParam.name, () => {
  const read = (value: string | undefined, extra = {}) => {
    const issues = new IssueList();
    const result = readIntegerParam(issues, value, 'limit', { ...rule, ...extra });
    return { result, issues: issuesOf(() => issues.throwIfAny()) };
  };

  it.each([
    ['1', 1],
    ['100', 100],
    ['007', 7],
  ])('reads %p as %p', (value, n) => {
    expect(read(value)).toEqual({ result: n, issues: [] });
  });

  it.each(['12abc', '1e2', '1.0', ' 12', '12 ', '0x1F', '+5', '', '-', '0', '101', '-1', '99999999999999999999999', '１２'])(
    'refuses %p strictly',
    (value) => {
      expect(read(value).issues).toEqual([{ path: 'limit', message: `must be an integer from 1 to 100 (got ${JSON.stringify(value)})` }]);
    },
  );

  it('accepts negative numbers when the range allows them', () => {
    expect(read('-5', { min: -10 }).result).toBe(-5);
  });
});
