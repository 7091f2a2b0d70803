import { InvalidInputError } from './invalid-input.error';
import type { ValidationIssue } from './validation-issue';

/**
 * The issues `parse` throws, or `[]` if it returns. Any error other than InvalidInputError is
 * rethrown: for tests that assert a parser never fails any other way.
 */
export function issuesOf(parse: () => unknown): ValidationIssue[] {
  try {
    parse();
    return [];
  } catch (error) {
    if (error instanceof InvalidInputError) return error.details.issues;
    throw error;
  }
}
