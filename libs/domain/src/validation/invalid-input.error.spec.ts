import { DomainError } from '../errors/domain-error';
import { InvalidInputError, formatIssue } from './invalid-input.error';

describe(InvalidInputError.name, () => {
  it('is a DomainError with code INVALID_INPUT carrying every issue in details', () => {
    const issues = [{ path: 'steps[1].retry.attempts', message: 'must be an integer from 1 to 100 (got 0)' }];
    const sut = new InvalidInputError(issues);
    expect(sut).toBeInstanceOf(DomainError);
    expect(sut.name).toBe('InvalidInputError');
    expect(sut.code).toBe('INVALID_INPUT');
    expect(sut.details).toEqual({ issues });
    expect(sut.message).toBe('steps[1].retry.attempts must be an integer from 1 to 100 (got 0)');
  });

  it('summarises the first three issues and counts the rest', () => {
    const issues = ['a', 'b', 'c', 'd', 'e'].map((path) => ({ path, message: 'is wrong' }));
    expect(new InvalidInputError(issues).message).toBe(
      'a is wrong; b is wrong; c is wrong (and 2 more issues, see details.issues)',
    );
    expect(new InvalidInputError(issues.slice(0, 4)).message).toMatch(/\(and 1 more issue, see/);
  });

  it('counts issues that were found but not kept', () => {
    const sut = new InvalidInputError([{ path: 'a', message: 'is wrong' }], 250);
    expect(sut.message).toBe('a is wrong (and 249 more issues, see details.issues)');
  });

  it('names the root input "body"', () => {
    expect(formatIssue({ path: '', message: 'must be an object' })).toBe('body must be an object');
  });
});
