import { IssueList } from '../validation/issue-list';
import { readString } from '../validation/read-string';

/**
 * A saga name: 1-100 characters, lowercase letters, digits, `.`, `_` and `-`, starting with a
 * lowercase letter (`order`, `billing.refund-v2`). Lowercase only, so that `Order` and `order`
 * can never be two sagas, and service keys' prefixes (`order*`) match one way.
 */
export const SAGA_NAME_PATTERN = /^[a-z][a-z0-9._-]{0,99}$/;

const SAGA_NAME_RULE =
  "a string of 1-100 characters: lowercase letters, digits, '.', '_' or '-', starting with a lowercase letter (e.g. order.checkout)";

/** Reads a saga name (see {@link SAGA_NAME_PATTERN}) wherever one is expected. */
export function readSagaName(
  issues: IssueList,
  value: unknown,
  path: string,
  rule: { required?: boolean } = {},
): string | undefined {
  return readString(issues, value, path, { expected: SAGA_NAME_RULE, pattern: SAGA_NAME_PATTERN, ...rule });
}

/**
 * Checks a saga name taken from a URL (`/v1/sagas/{name}`).
 * @throws InvalidInputError at path `name` if it does not match {@link SAGA_NAME_PATTERN}.
 */
export function parseSagaName(name: unknown): string {
  const issues = new IssueList();
  return issues.result(readSagaName(issues, name, 'name', { required: true }));
}
