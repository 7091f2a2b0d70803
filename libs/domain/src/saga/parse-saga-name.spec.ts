import { describeValue } from '../validation/describe-value';
import { issuesOf } from '../validation/issues-of';
import { SAGA_NAME_PATTERN, parseSagaName } from './parse-saga-name';

describe(parseSagaName.name, () => {
  it.each(['order', 'o', 'billing.refund-v2', 'a_b', `a${'b'.repeat(99)}`])('accepts %p', (name) => {
    expect(parseSagaName(name)).toBe(name);
    expect(SAGA_NAME_PATTERN.test(name)).toBe(true);
  });

  it.each(['', 'Order', '1order', '.order', 'order:v2', 'order~1', 'or der', 'ordér', `a${'b'.repeat(100)}`, 'order\n'])(
    'refuses %p, saying what a name may hold',
    (name) => {
      expect(issuesOf(() => parseSagaName(name))).toEqual([
        {
          path: 'name',
          message: `must be a string of 1-100 characters: lowercase letters, digits, '.', '_' or '-', starting with a lowercase letter (e.g. order.checkout) (got ${describeValue(name)})`,
        },
      ]);
    },
  );

  it('refuses a missing or non-string name', () => {
    expect(issuesOf(() => parseSagaName(undefined))[0]?.message).toMatch(/^is required: a string of 1-100 characters/);
    expect(issuesOf(() => parseSagaName(7))[0]?.message).toMatch(/\(got 7\)$/);
  });
});
