import { IssueList } from './issue-list';
import { field, isPlainObject, readObject } from './read-object';

describe(readObject.name, () => {
  const rule = { keys: ['a', 'b'] };

  it('returns an object whose keys are all allowed', () => {
    const issues = new IssueList();
    expect(readObject(issues, { a: 1 }, 'x', rule)).toEqual({ a: 1 });
    expect(readObject(issues, undefined, 'x', rule)).toBeUndefined();
    expect(issues.count).toBe(0);
  });

  it('reports each unknown key at its path, naming the allowed keys, and still returns the object', () => {
    const issues = new IssueList();
    expect(readObject(issues, { a: 1, c: 2, 'd e': 3 }, 'x', rule)).toEqual({ a: 1, c: 2, 'd e': 3 });
    expect(issues.count).toBe(2);
    expect(() => issues.throwIfAny()).toThrow(
      'x.c is not an allowed key; allowed keys: a, b; x["d e"] is not an allowed key; allowed keys: a, b',
    );
  });

  it('suggests the allowed key that differs only by case', () => {
    const issues = new IssueList();
    readObject(issues, { timeoutms: 1 }, '', { keys: ['timeoutMs'] });
    expect(() => issues.throwIfAny()).toThrow('timeoutms is not an allowed key (did you mean timeoutMs?)');
  });

  it.each([[null], [[]], ['{}'], [1], [new Date(0)]])('refuses %p as an object', (value) => {
    const issues = new IssueList();
    expect(readObject(issues, value, 'x', rule)).toBeUndefined();
    expect(() => issues.throwIfAny()).toThrow(/^x must be an object with keys a, b \(got /);
  });

  it('reports a missing required object with what is expected', () => {
    const issues = new IssueList();
    readObject(issues, undefined, 'x', { ...rule, required: true, expected: 'a thing' });
    expect(() => issues.throwIfAny()).toThrow('x is required: a thing');
  });

  it('treats an own __proto__ key as an unknown key and never reads the prototype', () => {
    const issues = new IssueList();
    const value = JSON.parse('{"__proto__": {"a": 1}}') as Record<string, unknown>;
    readObject(issues, value, '', rule);
    expect(issues.count).toBe(1);
    expect(field({}, 'toString')).toBeUndefined();
    expect(isPlainObject(Object.create(null))).toBe(true);
  });
});
