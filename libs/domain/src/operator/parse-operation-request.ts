import type { JsonObject } from '../message/message-events';
import { isMessageStatus, MESSAGE_STATUSES, type MessageStatus } from '../message/message-status';
import { readSagaName } from '../saga/parse-saga-name';
import { describeValue } from '../validation/describe-value';
import { InvalidInputError } from '../validation/invalid-input.error';
import { IssueList } from '../validation/issue-list';
import { readArray } from '../validation/read-array';
import { readEnum } from '../validation/read-enum';
import { readInteger } from '../validation/read-integer';
import { field, readObject } from '../validation/read-object';
import { readString } from '../validation/read-string';
import { readTimestamp } from '../validation/read-timestamp';
import { REASON_RULE, parseReplayRequest } from './parse-operator-request';

export const OPERATION_ACTIONS = ['replay', 'undo', 'retract'] as const;
export type OperationAction = (typeof OPERATION_ACTIONS)[number];

/** Which messages an operation acts on, by their acceptance (position and time of their first event). */
export interface OperationSelector {
  fromPosition?: number;
  toPosition?: number;
  from?: Date;
  to?: Date;
  saga?: string;
  status?: MessageStatus[];
}

/** What the action does to each message; only replay uses mode, fromStep and patch. */
export interface OperationParams {
  mode: 'resume' | 'restart';
  fromStep: string | null;
  force: boolean;
  patch: JsonObject | null;
}

export interface OperationRequest {
  action: OperationAction;
  reason: string;
  selector: OperationSelector;
  params: OperationParams;
  dryRun: boolean;
  maxInFlight: number;
  confirm: number | null;
}

export const OPERATION_LIMITS = { defaultMaxInFlight: 50, maxMaxInFlight: 1000 } as const;

const KEYS = ['action', 'reason', 'selector', 'dryRun', 'maxInFlight', 'confirm', 'mode', 'fromStep', 'force', 'patch'];
const SELECTOR_KEYS = ['fromPosition', 'toPosition', 'from', 'to', 'saga', 'status'];
const POSITION = { min: 1, max: Number.MAX_SAFE_INTEGER, note: 'a log position' };

function readSelector(issues: IssueList, value: unknown): OperationSelector | undefined {
  const raw = readObject(issues, value, 'selector', { keys: SELECTOR_KEYS, required: true });
  if (!raw) return undefined;
  const selector: OperationSelector = {
    fromPosition: readInteger(issues, field(raw, 'fromPosition'), 'selector.fromPosition', POSITION),
    toPosition: readInteger(issues, field(raw, 'toPosition'), 'selector.toPosition', POSITION),
    from: readTimestamp(issues, field(raw, 'from'), 'selector.from'),
    to: readTimestamp(issues, field(raw, 'to'), 'selector.to'),
    saga: readSagaName(issues, field(raw, 'saga'), 'selector.saga', {}),
  };
  const statuses = readArray(issues, field(raw, 'status'), 'selector.status', { min: 1, max: MESSAGE_STATUSES.length, items: 'statuses' });
  if (statuses) {
    selector.status = [];
    statuses.forEach((s, i) => {
      if (isMessageStatus(s)) selector.status!.push(s);
      else issues.add(`selector.status[${i}]`, `must be one of ${MESSAGE_STATUSES.join(', ')} (got ${describeValue(s)})`);
    });
  }
  const { fromPosition, toPosition, from, to } = selector;
  const bounds = ['fromPosition', 'toPosition', 'from', 'to'];
  if (!bounds.some((bound) => field(raw, bound) !== undefined)) {
    issues.add('selector', 'needs at least one bound (fromPosition, toPosition, from or to), so an operation never sweeps the whole log by accident');
  }
  if (fromPosition !== undefined && toPosition !== undefined && fromPosition > toPosition) {
    issues.add('selector.toPosition', `must not be below fromPosition (${fromPosition} > ${toPosition})`);
  }
  if (from && to && from > to) issues.add('selector.to', `must not be before from (${from.toISOString()} > ${to.toISOString()})`);
  return selector;
}

/**
 * Reads `POST /v1/admin/operations`: an action over a selector. Replay's own fields (mode,
 * fromStep, patch) are refused on undo and retract, and `force` on retract, rather than ignored.
 */
export function parseOperationRequest(body: unknown): OperationRequest {
  const issues = new IssueList();
  const raw = readObject(issues, body, '', { keys: KEYS, required: true });
  if (!raw) return issues.result<OperationRequest>(undefined);
  const action = readEnum(issues, field(raw, 'action'), 'action', OPERATION_ACTIONS, { required: true });
  const reason = readString(issues, field(raw, 'reason'), 'reason', REASON_RULE);
  const selector = readSelector(issues, field(raw, 'selector'));
  const dryRun = field(raw, 'dryRun');
  if (dryRun !== undefined && typeof dryRun !== 'boolean') issues.add('dryRun', `must be true or false (got ${describeValue(dryRun)})`);
  const maxInFlight = readInteger(issues, field(raw, 'maxInFlight'), 'maxInFlight', { min: 1, max: OPERATION_LIMITS.maxMaxInFlight, note: 'messages acted on at once' });
  const confirm = readInteger(issues, field(raw, 'confirm'), 'confirm', { min: 0, max: Number.MAX_SAFE_INTEGER, note: 'the dry run’s matched count' });
  const replayOnly = action === 'replay' ? [] : ['mode', 'fromStep', 'patch', ...(action === 'retract' ? ['force'] : [])];
  for (const key of replayOnly) if (field(raw, key) !== undefined) issues.add(key, `applies only to ${key === 'force' ? 'replay and undo' : 'replay'}; leave it out for ${action}`);
  const replay = parseParams(issues, raw);
  if (action === undefined || reason === undefined || selector === undefined) return issues.result<OperationRequest>(undefined);
  return issues.result<OperationRequest>({
    action,
    reason,
    selector,
    params: replay,
    dryRun: dryRun === true,
    maxInFlight: maxInFlight ?? OPERATION_LIMITS.defaultMaxInFlight,
    confirm: confirm ?? null,
  });
}

function parseParams(issues: IssueList, raw: Record<string, unknown>): OperationParams {
  try {
    const { mode, fromStep, force, patch } = parseReplayRequest({
      reason: 'bulk',
      ...Object.fromEntries(['mode', 'fromStep', 'force', 'patch'].filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]])),
    });
    return { mode, fromStep, force, patch };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    for (const issue of error.details.issues) issues.add(issue.path, issue.message);
    return { mode: 'resume', fromStep: null, force: false, patch: null };
  }
}
