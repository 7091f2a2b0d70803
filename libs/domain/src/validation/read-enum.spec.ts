import { IssueList } from './issue-list';
import { issuesOf } from './issues-of';
import { readEnum } from './read-enum';

describe(readEnum.name, () => {
  const allowed = ['compensate', 'pause'] as const;

  it('accepts an allowed value and leaves a missing optional one undefined', () => {
    const issues = new IssueList();
    expect(readEnum(issues, 'pause', 'onFailure', allowed)).toBe('pause');
    expect(readEnum(issues, undefined, 'onFailure', allowed)).toBeUndefined();
    expect(issues.count).toBe(0);
  });

  it.each([['Pause'], ['stop'], [1], [null], [['pause']]])('refuses %p, listing the allowed values', (value) => {
    const issues = new IssueList();
    expect(readEnum(issues, value, 'onFailure', allowed)).toBeUndefined();
    expect(issuesOf(() => issues.throwIfAny())[0]?.message).toMatch(/^must be one of "compensate", "pause" \(got /);
  });

  it('reports a missing required value', () => {
    const issues = new IssueList();
    readEnum(issues, undefined, 'type', allowed, { required: true });
    expect(issuesOf(() => issues.throwIfAny())).toEqual([{ path: 'type', message: 'is required: one of "compensate", "pause"' }]);
  });

  it('does not match inherited names', () => {
    const issues = new IssueList();
    expect(readEnum(issues, 'toString', 'x', allowed)).toBeUndefined();
  });
});
