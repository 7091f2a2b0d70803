import { readSagaName } from '../saga/parse-saga-name';
import { IssueList } from '../validation/issue-list';
import { readIntegerParam } from '../validation/read-integer';
import { readListParam } from '../validation/read-list-param';
import { readQuery } from '../validation/read-query';
import { readString } from '../validation/read-string';
import { readTimestamp } from '../validation/read-timestamp';

/** A checked `GET /v1/events` query: it starts after a position or since a time, never both. */
export type EventsQuery = ({ after: number; since?: undefined } | { since: Date; after?: undefined }) & {
  limit: number;
  /** Only events of these types. */
  types?: string[];
  /** Only events of messages of this saga. */
  saga?: string;
};

/** An event type name as stored in the log: `MessageAccepted`, `StepFailed`. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** Bounds of `GET /v1/events` (inclusive). */
export const EVENTS_QUERY_LIMITS = { defaultLimit: 100, maxLimit: 1000, maxTypes: 50 } as const;

/** A checked `GET /v1/events/stream` request: where the live tail starts, and its filters. */
export type EventsStreamQuery = Omit<EventsQuery, 'limit'>;

/**
 * Checks `GET /v1/events?after=&since=&limit=&types=&saga=`:
 * - `after` (a position, an integer ≥ 0) or `since` (an ISO-8601 timestamp with a zone), not both;
 *   neither means `after=0`, the start of the log (positions start at 1);
 * - `limit`: an integer from 1 to 1000, default 100;
 * - `types`: a comma-separated list of at most 50 event type names;
 * - `saga`: a saga name.
 * An empty value counts as absent; any other parameter is an issue.
 *
 * @throws InvalidInputError listing every issue found.
 */
export function parseEventsQuery(query: Record<string, unknown>): EventsQuery {
  const issues = new IssueList();
  const params = readQuery(issues, query, ['after', 'since', 'limit', 'types', 'saga']);
  const start = readStart(issues, params);
  const limit = readIntegerParam(issues, params.limit, 'limit', { min: 1, max: EVENTS_QUERY_LIMITS.maxLimit });
  const filter = readFilter(issues, params);
  issues.throwIfAny();
  const common = { limit: limit ?? EVENTS_QUERY_LIMITS.defaultLimit, ...filter };
  return start.since === undefined ? { after: start.after ?? 0, ...common } : { since: start.since, ...common };
}

/**
 * Checks `GET /v1/events/stream?after=&since=&types=&saga=` (as {@link parseEventsQuery}, without
 * `limit`) and the `Last-Event-ID` header a reconnecting client sends: when present it wins over
 * `after` and `since`, and the stream resumes right after that position.
 *
 * @throws InvalidInputError listing every issue found.
 */
export function parseEventsStreamQuery(query: Record<string, unknown>, lastEventId: unknown): EventsStreamQuery {
  const issues = new IssueList();
  const params = readQuery(issues, query, ['after', 'since', 'types', 'saga']);
  const start = readStart(issues, params);
  const resume = readLastEventId(issues, lastEventId);
  const filter = readFilter(issues, params);
  issues.throwIfAny();
  if (resume !== undefined) return { after: resume, ...filter };
  return start.since === undefined ? { after: start.after ?? 0, ...filter } : { since: start.since, ...filter };
}

function readStart(issues: IssueList, params: Record<string, string>): { after?: number; since?: Date } {
  if (params.after !== undefined && params.since !== undefined) {
    issues.add('since', 'cannot be combined with after; give after=<position> or since=<ISO time>, not both');
  }
  const after = readIntegerParam(issues, params.after, 'after', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    note: 'a log position; 0 reads from the start',
  });
  return { after, since: readTimestamp(issues, params.since, 'since') };
}

function readFilter(issues: IssueList, params: Record<string, string>): { types?: string[]; saga?: string } {
  const types = readListParam(issues, params.types, 'types', {
    maxItems: EVENTS_QUERY_LIMITS.maxTypes,
    item: (item) =>
      readString(issues, item, 'types', {
        expected: 'event type names of 1-64 letters or digits, starting with a letter (e.g. StepFailed)',
        pattern: EVENT_TYPE_PATTERN,
      }),
  });
  return { types, saga: readSagaName(issues, params.saga, 'saga') };
}

/** The header's value as Node gives it: absent, a string, or (repeated) an array. */
function readLastEventId(issues: IssueList, header: unknown): number | undefined {
  if (header === undefined || header === '') return undefined;
  if (typeof header !== 'string') return issues.add('Last-Event-ID', 'must be given once, as the position of the last event received');
  return readIntegerParam(issues, header, 'Last-Event-ID', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    note: 'the position of the last event received',
  });
}
