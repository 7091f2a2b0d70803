import { InvalidInputError } from './invalid-input.error';
import { IssueList, MAX_REPORTED_ISSUES } from './issue-list';
import { issuesOf } from './issues-of';

describe(IssueList.name, () => {
  it('returns the value when nothing was recorded', () => {
    const sut = new IssueList();
    expect(sut.result(42)).toBe(42);
    expect(() => sut.throwIfAny()).not.toThrow();
  });

  it('throws every recorded issue, in order', () => {
    const sut = new IssueList();
    expect(sut.add('a', 'is wrong')).toBeUndefined();
    sut.add('b', 'is worse');
    expect(sut.count).toBe(2);
    expect(issuesOf(() => sut.result('ignored'))).toEqual([
      { path: 'a', message: 'is wrong' },
      { path: 'b', message: 'is worse' },
    ]);
  });

  it(`keeps at most ${MAX_REPORTED_ISSUES} issues but counts them all`, () => {
    const sut = new IssueList();
    for (let i = 0; i < 1000; i++) sut.add(`k${i}`, 'is wrong');
    let error: unknown;
    try {
      sut.throwIfAny();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).details.issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect((error as InvalidInputError).message).toMatch(/and 997 more issues/);
  });

  it('treats a missing value with no issue as a bug, not as bad input', () => {
    expect(() => new IssueList().result(undefined)).toThrow('parser returned no value and recorded no issue');
  });
});
