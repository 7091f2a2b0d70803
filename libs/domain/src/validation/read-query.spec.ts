import { IssueList } from './issue-list';
import { issuesOf } from './issues-of';
import { readQuery } from './read-query';

describe(readQuery.name, () => {
  const read = (query: unknown) => {
    const issues = new IssueList();
    const params = readQuery(issues, query, ['limit', 'saga']);
    return { params, issues: issuesOf(() => issues.throwIfAny()) };
  };

  it('keeps the single, non-empty string values', () => {
    expect(read({ limit: '5', saga: '' })).toEqual({ params: { limit: '5' }, issues: [] });
    expect(read(undefined)).toEqual({ params: {}, issues: [] });
    expect(read(Object.assign(Object.create(null) as object, { saga: 'order' }))).toEqual({ params: { saga: 'order' }, issues: [] });
  });

  it('reports repeated and nested parameters', () => {
    expect(read({ limit: ['1', '2'], saga: { a: '1' } }).issues).toEqual([
      { path: 'limit', message: 'must be given once, as a single value (got an array of 2 items)' },
      { path: 'saga', message: 'must be given once, as a single value (got an object)' },
    ]);
  });

  it('reports unknown parameters, naming the allowed ones', () => {
    expect(read({ limt: '5' }).issues).toEqual([{ path: 'limt', message: 'is not an allowed query parameter; allowed query parameters: limit, saga' }]);
  });
});
