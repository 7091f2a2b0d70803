import { IssueList } from './issue-list';
import { issuesOf } from './issues-of';
import { readArray } from './read-array';

describe(readArray.name, () => {
  const rule = { min: 1, max: 3, items: 'steps' };
  const read = (value: unknown, extra = {}) => {
    const issues = new IssueList();
    const result = readArray(issues, value, 'steps', { ...rule, ...extra });
    return { result, issues: issuesOf(() => issues.throwIfAny()) };
  };

  it('accepts an array within bounds', () => {
    expect(read([1, 2, 3])).toEqual({ result: [1, 2, 3], issues: [] });
  });

  it.each([
    [[], 'an array of 0 items'],
    [[1, 2, 3, 4], 'an array of 4 items'],
    [{ 0: 1 }, 'an object'],
    ['[1]', '"[1]"'],
  ])('refuses %p with the bounds', (value, got) => {
    expect(read(value)).toEqual({ result: undefined, issues: [{ path: 'steps', message: `must be an array of 1 to 3 steps (got ${got})` }] });
  });

  it('reports a missing required array', () => {
    expect(read(undefined, { required: true }).issues).toEqual([{ path: 'steps', message: 'is required: an array of 1 to 3 steps' }]);
  });
});
