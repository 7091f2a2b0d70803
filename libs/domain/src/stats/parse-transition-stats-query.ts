import { readSagaName } from '../saga/parse-saga-name';
import { IssueList } from '../validation/issue-list';
import { readQuery } from '../validation/read-query';
import { readTimestamp } from '../validation/read-timestamp';

/** A checked `GET /v1/admin/stats/transitions` query. Absent filters are `undefined`. */
export interface TransitionStatsFilter {
  /** Only messages of this saga. */
  saga?: string;
  /** Only transitions made by an event at or after this time. */
  from?: Date;
  /** Only transitions made by an event at or before this time (to the millisecond). */
  to?: Date;
}

/**
 * Checks `GET /v1/admin/stats/transitions?saga=&from=&to=`:
 * - `saga`: a saga name;
 * - `from`, `to`: ISO-8601 timestamps with a zone, `from` not after `to`.
 * An empty value counts as absent; any other parameter is an issue.
 *
 * @throws InvalidInputError listing every issue found.
 */
export function parseTransitionStatsQuery(query: Record<string, unknown>): TransitionStatsFilter {
  const issues = new IssueList();
  const params = readQuery(issues, query, ['saga', 'from', 'to']);
  const saga = readSagaName(issues, params.saga, 'saga');
  const from = readTimestamp(issues, params.from, 'from');
  const to = readTimestamp(issues, params.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    issues.add('to', `must not be before from (got from ${from.toISOString()}, to ${to.toISOString()})`);
  }
  issues.throwIfAny();
  return { saga, from, to };
}
