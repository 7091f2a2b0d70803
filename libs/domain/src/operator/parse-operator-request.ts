import type { JsonObject } from '../message/message-events';
import { describeValue } from '../validation/describe-value';
import { IssueList } from '../validation/issue-list';
import { readEnum } from '../validation/read-enum';
import { field, isPlainObject, readObject } from '../validation/read-object';
import { readString } from '../validation/read-string';

export const REASON_RULE = { expected: 'a string of 1-1000 characters saying why', minLength: 1, maxLength: 1000, required: true };

/** What every operator action carries: why (required, recorded with the actor in each event). */
export interface OperatorRequest {
  reason: string;
}

export interface UndoRequest extends OperatorRequest {
  force: boolean;
}

export interface ReplayRequest extends OperatorRequest {
  mode: 'resume' | 'restart';
  fromStep: string | null;
  force: boolean;
  patch: JsonObject | null;
}

function readBool(issues: IssueList, value: unknown, path: string): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  return issues.add(path, `must be true or false (got ${describeValue(value)})`) ?? false;
}

function readBody(issues: IssueList, body: unknown, keys: string[]): Record<string, unknown> | undefined {
  return readObject(issues, body, '', { keys, expected: `an object with keys ${keys.join(', ')}`, required: true });
}

/** `{reason}` for retract and cancel. */
export function parseOperatorRequest(body: unknown): OperatorRequest {
  const issues = new IssueList();
  const request = readBody(issues, body, ['reason']);
  const reason = request && readString(issues, field(request, 'reason'), 'reason', REASON_RULE);
  return issues.result(reason === undefined ? undefined : { reason });
}

/** `{reason, force?}` for undo. */
export function parseUndoRequest(body: unknown): UndoRequest {
  const issues = new IssueList();
  const request = readBody(issues, body, ['reason', 'force']);
  if (!request) return issues.result<UndoRequest>(undefined);
  const reason = readString(issues, field(request, 'reason'), 'reason', REASON_RULE);
  const force = readBool(issues, field(request, 'force'), 'force');
  return issues.result(reason === undefined ? undefined : { reason, force });
}

/** `{reason, mode?, fromStep?, force?, patch?}` for replay; `mode` defaults to `resume`. */
export function parseReplayRequest(body: unknown): ReplayRequest {
  const issues = new IssueList();
  const request = readBody(issues, body, ['reason', 'mode', 'fromStep', 'force', 'patch']);
  if (!request) return issues.result<ReplayRequest>(undefined);
  const reason = readString(issues, field(request, 'reason'), 'reason', REASON_RULE);
  const mode = readEnum(issues, field(request, 'mode'), 'mode', ['resume', 'restart'] as const) ?? 'resume';
  const fromStepValue = field(request, 'fromStep');
  const fromStep =
    fromStepValue === undefined || fromStepValue === null
      ? null
      : (readString(issues, fromStepValue, 'fromStep', { expected: 'the name of a step of the message’s saga', minLength: 1, maxLength: 64 }) ?? null);
  const force = readBool(issues, field(request, 'force'), 'force');
  const patchValue = field(request, 'patch');
  let patch: JsonObject | null = null;
  if (patchValue !== undefined && patchValue !== null) {
    if (isPlainObject(patchValue)) patch = patchValue;
    else issues.add('patch', `must be a JSON Merge Patch object applied to the payload, e.g. {"qty": 1} (got ${describeValue(patchValue)})`);
  }
  return issues.result(reason === undefined ? undefined : { reason, mode, fromStep, force, patch });
}
