import { childPath } from './child-path';

describe(childPath.name, () => {
  it('builds accessor paths', () => {
    expect(childPath('', 'steps')).toBe('steps');
    expect(childPath('steps', 1)).toBe('steps[1]');
    expect(childPath('steps[1]', 'retry')).toBe('steps[1].retry');
    expect(childPath('', 0)).toBe('[0]');
  });

  it('quotes keys that are not identifiers, and cuts very long ones', () => {
    expect(childPath('headers', 'X-Trace')).toBe('headers["X-Trace"]');
    expect(childPath('', 'a b')).toBe('["a b"]');
    expect(childPath('', 'é')).toBe('["é"]');
    expect(childPath('', 'k'.repeat(100))).toBe(`["${'k'.repeat(64)}…"]`);
  });
});
