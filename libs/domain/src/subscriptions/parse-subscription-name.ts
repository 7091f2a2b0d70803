import { SAGA_NAME_PATTERN } from '../saga/parse-saga-name';
import { IssueList } from '../validation/issue-list';
import { readString } from '../validation/read-string';

/** Subscription names follow saga names: lowercase, so `Billing` and `billing` are never two groups. */
export const SUBSCRIPTION_NAME_PATTERN = SAGA_NAME_PATTERN;

const NAME_RULE =
  "a string of 1-100 characters: lowercase letters, digits, '.', '_' or '-', starting with a lowercase letter (e.g. billing.projector)";

/**
 * Checks a subscription name taken from a URL (`/v1/subscriptions/{name}`).
 * @throws InvalidInputError at path `name` if it does not match {@link SUBSCRIPTION_NAME_PATTERN}.
 */
export function parseSubscriptionName(name: unknown): string {
  const issues = new IssueList();
  return issues.result(readString(issues, name, 'name', { expected: NAME_RULE, pattern: SUBSCRIPTION_NAME_PATTERN, required: true }));
}
