import type { OnFailure, SagaDefinition, StepDefinition } from './saga-definition';
import { jsonEquals } from '../json/canonical-json';
import { childPath } from '../validation/child-path';
import { IssueList } from '../validation/issue-list';
import { readArray } from '../validation/read-array';
import { readEnum } from '../validation/read-enum';
import { readInteger } from '../validation/read-integer';
import { field, isPlainObject, readObject } from '../validation/read-object';
import { readString } from '../validation/read-string';
import { SAGA_DEFINITION_LIMITS as LIMITS } from './parse-saga-limits';
import { readSagaName } from './parse-saga-name';
import { readStepDefinition } from './parse-step-definition';
import { readRedactPaths } from './parse-redact-paths';

const SAGA_KEYS = ['version', 'description', 'onFailure', 'steps', 'redact'];
const ON_FAILURE: readonly OnFailure[] = ['compensate', 'pause'];

/**
 * Checks a saga registration (`PUT /v1/sagas/{name}`) and returns it with every default filled in.
 *
 * - `name` (from the URL): see `SAGA_NAME_PATTERN`.
 * - `version` (required): an integer from 1 to 2 147 483 647.
 * - `description` (optional): a string of at most 2000 characters; left absent if not given.
 * - `onFailure`: `compensate` (default: a step that fails for good starts compensation) or `pause`
 *   (the message stops in FAILED, nothing compensated, for an operator to resume or undo).
 * - `steps` (required): 1 to 100 steps (see `readStepDefinition`), names unique within the saga.
 * - `redact` (optional): up to 50 payload dot paths hidden from viewers and logs (see `readRedactPaths`).
 * - No other key is allowed, at any level.
 *
 * @throws InvalidInputError listing every issue found, each with its path (`steps[1].retry.attempts`).
 * @example parseSagaDefinition('order', { version: 1, steps: [{ name: 'reserve', action: { queue: 'inventory.reserve' } }] })
 */
export function parseSagaDefinition(name: unknown, body: unknown): SagaDefinition {
  const issues = new IssueList();
  const sagaName = readSagaName(issues, name, 'name', { required: true });
  const saga = readObject(issues, body, '', {
    keys: SAGA_KEYS,
    expected: 'an object with keys version, steps and optionally description, onFailure, redact',
    required: true,
  });
  if (saga === undefined) return issues.result<SagaDefinition>(undefined);

  const version = readInteger(issues, field(saga, 'version'), 'version', {
    min: LIMITS.minVersion,
    max: LIMITS.maxVersion,
    required: true,
  });
  const description = readString(issues, field(saga, 'description'), 'description', {
    expected: `a string of at most ${LIMITS.maxDescriptionLength} characters`,
    maxLength: LIMITS.maxDescriptionLength,
  });
  const onFailure = readEnum(issues, field(saga, 'onFailure'), 'onFailure', ON_FAILURE) ?? 'compensate';
  const steps = readSteps(issues, field(saga, 'steps'));
  const redact = readRedactPaths(issues, field(saga, 'redact'), 'redact');

  if (sagaName === undefined || version === undefined || steps === undefined || redact === undefined) return issues.result<SagaDefinition>(undefined);
  return issues.result<SagaDefinition>({
    name: sagaName,
    version,
    ...(description !== undefined && { description }),
    onFailure,
    steps,
    ...(redact.length > 0 && { redact }),
  });
}

/**
 * Whether two registration bodies of the same version are the same registration (then `PUT` again
 * answers 200, otherwise 409). Bodies are compared as JSON values, key order ignored, `description`
 * included, and as sent: `{"retry": {"attempts": 1}}` differs from no `retry`, although both
 * normalise alike. Keep the raw body to compare with.
 */
export function sagaBodyEquals(a: unknown, b: unknown): boolean {
  return jsonEquals(a, b);
}

function readSteps(issues: IssueList, value: unknown): StepDefinition[] | undefined {
  const items = readArray(issues, value, 'steps', {
    min: LIMITS.minSteps,
    max: LIMITS.maxSteps,
    items: 'steps',
    required: true,
  });
  if (items === undefined) return undefined;
  const steps = items.map((item, i) => readStepDefinition(issues, item, childPath('steps', i)));
  reportDuplicateNames(issues, items);
  return steps.every((step) => step !== undefined) ? steps : undefined;
}

/** Checked on the raw items, so a step with another problem still gets its duplicate reported. */
function reportDuplicateNames(issues: IssueList, items: unknown[]): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const name = isPlainObject(item) ? field(item, 'name') : undefined;
    if (typeof name !== 'string') return;
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, i);
    else {
      issues.add(
        childPath(childPath('steps', i), 'name'),
        `repeats the name of steps[${first}] (${JSON.stringify(name)}); step names must be unique within a saga`,
      );
    }
  });
}
