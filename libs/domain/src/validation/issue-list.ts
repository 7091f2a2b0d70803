import { InvalidInputError } from './invalid-input.error';
import type { ValidationIssue } from './validation-issue';

/** A huge input (thousands of unknown keys) must not turn into a huge error response. */
export const MAX_REPORTED_ISSUES = 100;

/**
 * Collects the issues of one input while readers walk it, so that every problem is reported at
 * once. Readers return `undefined` for a value that is missing or wrong; a parser builds its result
 * only from defined values and hands it to {@link IssueList.result}, which throws if anything was
 * wrong.
 */
export class IssueList {
  private readonly issues: ValidationIssue[] = [];
  private total = 0;

  /** Records an issue; returns `undefined` so a reader can `return issues.add(…)`. */
  add(path: string, message: string): undefined {
    this.total += 1;
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push({ path, message });
    return undefined;
  }

  /** How many issues were found so far (more than are kept, past {@link MAX_REPORTED_ISSUES}). */
  get count(): number {
    return this.total;
  }

  /** @throws InvalidInputError carrying every issue found, if there is any. */
  throwIfAny(): void {
    if (this.total > 0) throw new InvalidInputError([...this.issues], this.total);
  }

  /**
   * The parsed value, once nothing was wrong.
   * @throws InvalidInputError if any issue was recorded.
   */
  result<T>(value: T | undefined): T {
    this.throwIfAny();
    // A reader that returns undefined without recording why is a bug in the parser, not bad input.
    if (value === undefined) throw new Error('parser returned no value and recorded no issue');
    return value;
  }
}
