import { issuesOf } from '../validation/issues-of';
import { parseSagaDefinition } from './parse-saga-definition';

const saga = (redact: unknown) => ({ version: 1, steps: [{ name: 'a', action: { queue: 'q' } }], redact });

describe('parseSagaDefinition: redact', () => {
  it('keeps the paths given, and leaves redact out when none are', () => {
    expect(parseSagaDefinition('order', saga(['card.number', 'items.*.iban', 'customer', 'list.0'])).redact).toEqual(['card.number', 'items.*.iban', 'customer', 'list.0']);
    expect(parseSagaDefinition('order', saga(undefined))).not.toHaveProperty('redact');
    expect(parseSagaDefinition('order', saga([]))).not.toHaveProperty('redact');
  });

  it('refuses what is not a list of dot paths, naming each bad item and what would work', () => {
    const issues = issuesOf(() => parseSagaDefinition('order', saga(['card..number', '/card/number', 42, '', 'a b', 'card.number', 'card.number'])));
    expect(issues.map((i) => i.path)).toEqual(['redact[0]', 'redact[1]', 'redact[2]', 'redact[3]', 'redact[4]', 'redact[6]']);
    expect(issues[0].message).toMatch(/must be a dot path into the payload .* \(e\.g\. card\.number, items\.\*\.iban\) \(got "card\.\.number"\)/);
    expect(issues[5].message).toBe('repeats redact[5] ("card.number"); list each path once');
    expect(issuesOf(() => parseSagaDefinition('order', saga('card.number')))[0]).toEqual({ path: 'redact', message: expect.stringMatching(/must be an array of 0 to 50 payload paths \(got "card\.number"\)/) });
  });

  it('bounds the number of paths and their depth', () => {
    expect(issuesOf(() => parseSagaDefinition('order', saga(Array.from({ length: 51 }, (_, i) => `p${i}`))))[0].message).toMatch(/0 to 50/);
    const deep = Array.from({ length: 65 }, () => 'a').join('.');
    expect(issuesOf(() => parseSagaDefinition('order', saga([deep])))[0].message).toMatch(/at most 64 segments/);
  });
});
