import { IssueList } from './issue-list';
import { issuesOf } from './issues-of';
import { readString } from './read-string';

describe(readString.name, () => {
  const rule = { expected: 'a short lowercase word', pattern: /^[a-z]+$/, minLength: 2, maxLength: 5 };
  const read = (value: unknown, extra = {}) => {
    const issues = new IssueList();
    const result = readString(issues, value, 'w', { ...rule, ...extra });
    return { result, issues: issuesOf(() => issues.throwIfAny()) };
  };

  it('accepts a matching string', () => {
    expect(read('abc')).toEqual({ result: 'abc', issues: [] });
  });

  it('leaves an optional missing string undefined, and reports a required one', () => {
    expect(read(undefined)).toEqual({ result: undefined, issues: [] });
    expect(read(undefined, { required: true }).issues).toEqual([{ path: 'w', message: 'is required: a short lowercase word' }]);
  });

  it.each([
    ['ABC', '"ABC"'],
    ['a', '"a"'],
    ['abcdef', '"abcdef"'],
    [12, '12'],
    [null, 'null'],
    [['abc'], 'an array of 1 item'],
  ])('refuses %p, saying the rule and what it got', (value, got) => {
    expect(read(value).issues).toEqual([{ path: 'w', message: `must be a short lowercase word (got ${got})` }]);
  });
});
