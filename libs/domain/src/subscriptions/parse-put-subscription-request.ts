import { EVENT_TYPE_PATTERN } from '../messages/parse-events-query';
import { readSagaName } from '../saga/parse-saga-name';
import { IssueList } from '../validation/issue-list';
import { readArray } from '../validation/read-array';
import { readEnum } from '../validation/read-enum';
import { readInteger } from '../validation/read-integer';
import { field, readObject } from '../validation/read-object';
import { readString } from '../validation/read-string';
import { SUBSCRIPTION_LIMITS as L, type SubscriptionDefinition, type SubscriptionFilter } from './subscription-definition';

const TYPE_RULE = { expected: 'an event type name of 1-64 letters or digits, starting with a letter (e.g. StepFailed)', pattern: EVENT_TYPE_PATTERN };
const PREFIX_RULE = { expected: `a string of 1-${L.maxStreamPrefix} characters (e.g. message-)`, minLength: 1, maxLength: L.maxStreamPrefix };

function readFilter(issues: IssueList, value: unknown): SubscriptionFilter | undefined {
  const raw = readObject(issues, value, 'filter', { keys: ['types', 'saga', 'streamPrefix'], required: true });
  if (!raw) return undefined;
  const filter: SubscriptionFilter = {};
  const types = readArray(issues, field(raw, 'types'), 'filter.types', { min: 1, max: L.maxTypes, items: 'event type names' });
  if (types) {
    const read = types.map((t, i) => readString(issues, t, `filter.types[${i}]`, TYPE_RULE));
    // A set: order and repeats carry no meaning, so they must not make two definitions differ.
    if (read.every((t) => t !== undefined)) filter.types = [...new Set(read)].sort();
  }
  const saga = readSagaName(issues, field(raw, 'saga'), 'filter.saga');
  if (saga !== undefined) filter.saga = saga;
  const streamPrefix = readString(issues, field(raw, 'streamPrefix'), 'filter.streamPrefix', PREFIX_RULE);
  if (streamPrefix !== undefined) filter.streamPrefix = streamPrefix;
  return filter;
}

/**
 * Reads `PUT /v1/subscriptions/{name}`: `{filter: {types?, saga?, streamPrefix?}, startAt?, ackTimeoutMs?}`.
 * `filter` is required (`{}` takes every event); `startAt` defaults to `beginning`, `ackTimeoutMs` to
 * 30000. The result is normalised (defaults filled, `types` sorted and unique), so two requests mean
 * the same subscription exactly when their results are equal as JSON.
 *
 * @throws InvalidInputError listing every issue, each naming its field.
 */
export function parsePutSubscriptionRequest(body: unknown): SubscriptionDefinition {
  const issues = new IssueList();
  const raw = readObject(issues, body, '', { keys: ['filter', 'startAt', 'ackTimeoutMs'], required: true });
  if (!raw) return issues.result<SubscriptionDefinition>(undefined);
  const filter = readFilter(issues, field(raw, 'filter'));
  const startAt = readEnum(issues, field(raw, 'startAt'), 'startAt', ['beginning', 'end'] as const) ?? 'beginning';
  const ackTimeoutMs = readInteger(issues, field(raw, 'ackTimeoutMs'), 'ackTimeoutMs', {
    min: L.minAckTimeoutMs,
    max: L.maxAckTimeoutMs,
    note: 'milliseconds before an unacknowledged batch is delivered again',
  });
  return issues.result(filter && { filter, startAt, ackTimeoutMs: ackTimeoutMs ?? L.defaultAckTimeoutMs });
}
