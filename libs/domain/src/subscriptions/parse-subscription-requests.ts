import { REASON_RULE } from '../operator/parse-operator-request';
import { describeValue } from '../validation/describe-value';
import { IssueList } from '../validation/issue-list';
import { readInteger, readIntegerParam } from '../validation/read-integer';
import { field, readObject } from '../validation/read-object';
import { readQuery } from '../validation/read-query';
import { readString } from '../validation/read-string';
import { readTimestamp } from '../validation/read-timestamp';
import { SUBSCRIPTION_LIMITS as L } from './subscription-definition';

const POSITION = { min: 1, max: Number.MAX_SAFE_INTEGER, note: 'a log position' };
const LEASE_RULE = { expected: 'the leaseId that came with the batch', minLength: 1, maxLength: 100 };

/** `GET /v1/subscriptions/{name}/next?limit=`: `limit` from 1 to 1000, default 100. */
export function parseNextBatchQuery(query: unknown): { limit: number } {
  const issues = new IssueList();
  const params = readQuery(issues, query, ['limit']);
  const limit = readIntegerParam(issues, params.limit, 'limit', { min: 1, max: L.maxBatch, note: 'events per batch' });
  issues.throwIfAny();
  return { limit: limit ?? L.defaultBatch };
}

export interface AckRequest {
  position: number;
  /** The lease the batch came with; when given, the ack is refused if another consumer has taken the batch over since. */
  leaseId: string | null;
}

/** `POST /v1/subscriptions/{name}/ack`: `{position, leaseId?}`. */
export function parseAckRequest(body: unknown): AckRequest {
  const issues = new IssueList();
  const raw = readObject(issues, body, '', { keys: ['position', 'leaseId'], required: true });
  if (!raw) return issues.result<AckRequest>(undefined);
  const position = readInteger(issues, field(raw, 'position'), 'position', { ...POSITION, required: true, note: 'the batch’s cursor, or the position of its last event handled' });
  const leaseId = readString(issues, field(raw, 'leaseId'), 'leaseId', LEASE_RULE) ?? null;
  return issues.result(position === undefined ? undefined : { position, leaseId });
}

/**
 * Where a reset moves a subscription. `toPosition: N` follows Kafka's `--to-offset N`: N is the next
 * position consumed (the committed position becomes N − 1). `toTime: T`: the first event created at
 * or after T is the next one consumed.
 */
export type ResetTarget = { toPosition: number } | { toTime: Date };

export interface ResetSubscriptionRequest {
  target: ResetTarget;
  reason: string;
  dryRun: boolean;
}

/** `POST /v1/admin/subscriptions/{name}/reset`: `{toPosition} | {toTime}`, `reason`, `dryRun?`. */
export function parseResetSubscriptionRequest(body: unknown): ResetSubscriptionRequest {
  const issues = new IssueList();
  const raw = readObject(issues, body, '', { keys: ['toPosition', 'toTime', 'reason', 'dryRun'], required: true });
  if (!raw) return issues.result<ResetSubscriptionRequest>(undefined);
  const hasPosition = field(raw, 'toPosition') !== undefined;
  const hasTime = field(raw, 'toTime') !== undefined;
  if (hasPosition && hasTime) issues.add('toTime', 'cannot be combined with toPosition; give one of them');
  if (!hasPosition && !hasTime) {
    issues.add('toPosition', 'is required (or toTime): the position to consume next (1 = the start of the log), or toTime, an ISO-8601 time');
  }
  const toPosition = readInteger(issues, field(raw, 'toPosition'), 'toPosition', { ...POSITION, note: 'the next position to consume; 1 replays the whole log' });
  const toTime = readTimestamp(issues, field(raw, 'toTime'), 'toTime');
  const reason = readString(issues, field(raw, 'reason'), 'reason', REASON_RULE);
  const dryRun = field(raw, 'dryRun');
  if (dryRun !== undefined && typeof dryRun !== 'boolean') issues.add('dryRun', `must be true or false (got ${describeValue(dryRun)})`);
  const target: ResetTarget | undefined = toPosition !== undefined ? { toPosition } : toTime !== undefined ? { toTime } : undefined;
  return issues.result(target && reason !== undefined ? { target, reason, dryRun: dryRun === true } : undefined);
}
