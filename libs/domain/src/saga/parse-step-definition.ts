import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RetryPolicy, type StepDefinition } from './saga-definition';
import { childPath } from '../validation/child-path';
import type { IssueList } from '../validation/issue-list';
import { readEnum } from '../validation/read-enum';
import { readInteger } from '../validation/read-integer';
import { field, readObject } from '../validation/read-object';
import { readString } from '../validation/read-string';
import { SAGA_DEFINITION_LIMITS as LIMITS } from './parse-saga-limits';
import { readStepTarget } from './parse-step-target';

/** A step name: 1-64 letters, digits, `_` and `-`, starting with a letter (`reserve`, `charge-card`). */
export const STEP_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

const STEP_KEYS = ['name', 'action', 'compensation', 'retry', 'timeoutMs'];
const STEP_NAME_RULE = "a string of 1-64 characters: letters, digits, '_' or '-', starting with a letter";

/**
 * Reads one step and fills its defaults:
 * - `name` (required, {@link STEP_NAME_PATTERN}); uniqueness is checked by the saga;
 * - `action` (required) and `compensation`: a target (see `readStepTarget`). `compensation: null`
 *   or an omitted compensation marks the step irreversible: undo stops at it unless forced;
 * - `retry` (default: 1 attempt, no backoff), see {@link readRetryPolicy};
 * - `timeoutMs` (100 ms to 24 h, default `DEFAULT_TIMEOUT_MS`); a timeout counts as a failed attempt.
 */
export function readStepDefinition(issues: IssueList, value: unknown, path: string): StepDefinition | undefined {
  const step = readObject(issues, value, path, {
    keys: STEP_KEYS,
    expected: 'a step: an object with keys name, action and optionally compensation, retry, timeoutMs',
  });
  if (step === undefined) return undefined;
  const at = (key: string): string => childPath(path, key);
  const name = readString(issues, field(step, 'name'), at('name'), { expected: STEP_NAME_RULE, pattern: STEP_NAME_PATTERN, required: true });
  const action = readStepTarget(issues, field(step, 'action'), at('action'), { required: true });
  const rawCompensation = field(step, 'compensation');
  const compensation = rawCompensation == null ? null : readStepTarget(issues, rawCompensation, at('compensation'));
  const rawRetry = field(step, 'retry');
  const retry = rawRetry === undefined ? defaultRetry() : readRetryPolicy(issues, rawRetry, at('retry'));
  const timeoutMs = readInteger(issues, field(step, 'timeoutMs'), at('timeoutMs'), {
    min: LIMITS.minTimeoutMs,
    max: LIMITS.maxTimeoutMs,
    note: 'milliseconds, 0.1 s to 24 h',
  });
  if (name === undefined || action === undefined || compensation === undefined || retry === undefined) return undefined;
  return { name, action, compensation, retry, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

/**
 * Reads `{attempts?, backoff?}`: `attempts` (1-100, default 1) counts every try, the first
 * included; `backoff` is `{type?, delayMs}` with `type` `fixed` (default) or `exponential` (delay =
 * `delayMs` × 2^(attempt−1)) and `delayMs` 0 to 3 600 000 (1 h). No backoff means retry at once.
 */
export function readRetryPolicy(issues: IssueList, value: unknown, path: string): RetryPolicy | undefined {
  const retry = readObject(issues, value, path, {
    keys: ['attempts', 'backoff'],
    expected: 'an object {"attempts"?: 3, "backoff"?: {"type": "exponential", "delayMs": 200}}; leave it out for a single try',
  });
  if (retry === undefined) return undefined;
  const attempts = readInteger(issues, field(retry, 'attempts'), childPath(path, 'attempts'), {
    min: LIMITS.minAttempts,
    max: LIMITS.maxAttempts,
    note: 'every try counts, the first included',
  });
  const backoffPath = childPath(path, 'backoff');
  const backoff = readObject(issues, field(retry, 'backoff'), backoffPath, {
    keys: ['type', 'delayMs'],
    expected: 'an object {"type"?: "fixed" | "exponential", "delayMs": 200}',
  });
  const type = backoff && readEnum(issues, field(backoff, 'type'), childPath(backoffPath, 'type'), ['fixed', 'exponential'] as const);
  const delayMs =
    backoff &&
    readInteger(issues, field(backoff, 'delayMs'), childPath(backoffPath, 'delayMs'), {
      min: 0,
      max: LIMITS.maxBackoffDelayMs,
      note: 'milliseconds, up to 1 h',
      required: true,
    });
  if (backoff !== undefined && delayMs === undefined) return undefined;
  const policy = defaultRetry();
  return {
    attempts: attempts ?? policy.attempts,
    backoff: delayMs === undefined ? policy.backoff : { type: type ?? 'fixed', delayMs },
  };
}

function defaultRetry(): RetryPolicy {
  return { attempts: DEFAULT_RETRY.attempts, backoff: { ...DEFAULT_RETRY.backoff } };
}
