import { MESSAGE_STATUSES, type MessageStatus } from '../message/message-status';
import { readSagaName } from '../saga/parse-saga-name';
import { IssueList } from '../validation/issue-list';
import { readEnum } from '../validation/read-enum';
import { readIntegerParam } from '../validation/read-integer';
import { readListParam } from '../validation/read-list-param';
import { readQuery } from '../validation/read-query';
import { readString } from '../validation/read-string';
import { readTimestamp } from '../validation/read-timestamp';

/** A checked `GET /v1/messages` query. Absent filters are `undefined`. */
export interface ListMessagesFilter {
  /** Any of these statuses. */
  status?: MessageStatus[];
  saga?: string;
  /** Text that the message id or correlation id contains (case-insensitive). */
  q?: string;
  /** Accepted at or after. */
  from?: Date;
  /** Accepted at or before. */
  to?: Date;
  /** The opaque `nextCursor` of the previous page. */
  cursor?: string;
  limit: number;
}

/** Bounds of `GET /v1/messages` (inclusive). */
export const LIST_MESSAGES_LIMITS = { defaultLimit: 50, maxLimit: 500, maxCursorLength: 500, maxSearchLength: 200 } as const;

/**
 * Checks `GET /v1/messages?status=&saga=&q=&from=&to=&cursor=&limit=`:
 * - `status`: a comma-separated list of message statuses (`FAILED,COMPENSATED`);
 * - `saga`: a saga name;
 * - `q`: text the message id or correlation id contains, case-insensitive (at most 200 characters);
 * - `from`, `to`: ISO-8601 timestamps with a zone, `from` not after `to`;
 * - `cursor`: an opaque string of at most 500 characters;
 * - `limit`: an integer from 1 to 500, default 50.
 * An empty value counts as absent; any other parameter is an issue.
 *
 * @throws InvalidInputError listing every issue found.
 */
export function parseListMessagesQuery(query: Record<string, unknown>): ListMessagesFilter {
  const issues = new IssueList();
  const params = readQuery(issues, query, ['status', 'saga', 'q', 'from', 'to', 'cursor', 'limit']);
  const status = readListParam(issues, params.status, 'status', {
    maxItems: MESSAGE_STATUSES.length,
    item: (item) => readEnum(issues, item, 'status', MESSAGE_STATUSES),
  });
  const saga = readSagaName(issues, params.saga, 'saga');
  const q = readString(issues, params.q, 'q', {
    expected: `text to find in message ids and correlation ids (at most ${LIST_MESSAGES_LIMITS.maxSearchLength} characters)`,
    maxLength: LIST_MESSAGES_LIMITS.maxSearchLength,
  });
  const from = readTimestamp(issues, params.from, 'from');
  const to = readTimestamp(issues, params.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    issues.add('to', `must not be before from (got from ${from.toISOString()}, to ${to.toISOString()})`);
  }
  const cursor = readString(issues, params.cursor, 'cursor', {
    expected: `the nextCursor of a previous page (at most ${LIST_MESSAGES_LIMITS.maxCursorLength} characters)`,
    maxLength: LIST_MESSAGES_LIMITS.maxCursorLength,
  });
  const limit = readIntegerParam(issues, params.limit, 'limit', { min: 1, max: LIST_MESSAGES_LIMITS.maxLimit });
  issues.throwIfAny();
  return { status, saga, ...(q !== undefined ? { q } : {}), from, to, cursor, limit: limit ?? LIST_MESSAGES_LIMITS.defaultLimit };
}
