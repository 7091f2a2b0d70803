/** One thing wrong with an input: where (`steps[1].retry.attempts`) and why, with what would work. */
export interface ValidationIssue {
  /** Where the problem is, in JavaScript accessor notation; `''` is the input itself. */
  path: string;
  /** Why it is wrong and what would be accepted, e.g. `must be an integer from 1 to 100 (got 0)`. */
  message: string;
}
