import { IssueList } from './issue-list';
import { issuesOf } from './issues-of';
import { readEnum } from './read-enum';
import { readListParam } from './read-list-param';

describe(readListParam.name, () => {
  const read = (value: string | undefined) => {
    const issues = new IssueList();
    const result = readListParam(issues, value, 'color', {
      maxItems: 3,
      item: (item) => readEnum(issues, item, 'color', ['red', 'green', 'blue']),
    });
    return { result, issues: issuesOf(() => issues.throwIfAny()) };
  };

  it('splits, trims and drops duplicates', () => {
    expect(read('red, green,red')).toEqual({ result: ['red', 'green'], issues: [] });
    expect(read('blue')).toEqual({ result: ['blue'], issues: [] });
    expect(read(undefined)).toEqual({ result: undefined, issues: [] });
  });

  it('reports every bad item at the list path', () => {
    expect(read('red,pink,teal').issues).toEqual([
      { path: 'color', message: 'must be one of "red", "green", "blue" (got "pink")' },
      { path: 'color', message: 'must be one of "red", "green", "blue" (got "teal")' },
    ]);
  });

  it('reports empty items and too many items', () => {
    expect(read('red,,green').issues).toEqual([
      { path: 'color', message: 'must be a comma-separated list with no empty items (got "red,,green")' },
    ]);
    expect(read('red,').result).toBeUndefined();
    expect(read('red,green,blue,red').issues).toEqual([
      { path: 'color', message: 'must be a comma-separated list of at most 3 items (got 4)' },
    ]);
  });
});
