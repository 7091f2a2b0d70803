import { DomainError } from '../errors/domain-error';
import type { ValidationIssue } from './validation-issue';

const SUMMARISED_ISSUES = 3;

/**
 * The input is malformed (HTTP 400). `details.issues` lists every problem found, not only the first,
 * so a caller can fix them all at once; the message summarises the first few.
 */
export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT';
  declare readonly details: { issues: ValidationIssue[] };

  /**
   * @param issues what is wrong (at least one).
   * @param total how many issues were found, when `issues` holds only the first of them.
   */
  constructor(issues: ValidationIssue[], total = issues.length) {
    super(summarise(issues, total), { issues });
  }
}

/** `steps[1].retry.attempts must be …; version is required …` — a root issue reads as `body …`. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path === '' ? 'body' : issue.path} ${issue.message}`;
}

function summarise(issues: ValidationIssue[], total: number): string {
  if (issues.length === 0) return 'invalid input';
  const shown = issues.slice(0, SUMMARISED_ISSUES).map(formatIssue).join('; ');
  const more = total - Math.min(issues.length, SUMMARISED_ISSUES);
  return more > 0 ? `${shown} (and ${more} more issue${more === 1 ? '' : 's'}, see details.issues)` : shown;
}
