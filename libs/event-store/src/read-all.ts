import type { ReadAllResult, ReadFilter, RecordedEvent } from './event-store.types';
import { readHeadPosition } from './read-head-position';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './recorded-event.mapper';
import type { SqlRunner } from './sql-runner';

/** Options of readAll: events with position > `after`. */
export interface ReadAllOptions extends ReadFilter {
  after: number;
}

/** Options of readSince: events with created_at >= `since`. */
export interface ReadSinceOptions extends ReadFilter {
  since: Date;
}

/**
 * Events with position > `after`, in position order, up to the gap-safe head: a transaction that
 * drew a lower position and commits later is waited for, never skipped.
 */
export async function readAll(sql: SqlRunner, opts: ReadAllOptions): Promise<ReadAllResult> {
  assertPosition('after', opts.after);
  const head = await readHeadPosition(sql);
  if (head <= opts.after) return { events: [], lastPosition: opts.after };
  const query = buildReadQuery('position > $1', [opts.after, head], opts);
  const events = (await sql.query<EventRow>(query.text, query.params)).map(toRecordedEvent);
  return { events, lastPosition: nextPosition(events, opts.limit, head) };
}

/*
 * A page with room left saw every matching event up to the head, so the next read may start there:
 * a filter that skipped 10,000 other events must not make the reader scan them again.
 */
function nextPosition(events: RecordedEvent[], limit: number, head: number): number {
  return events.length === limit ? events[events.length - 1].position : head;
}

/*
 * created_at and position are correlated, which the planner does not know: left alone it walks the
 * primary key from position 1 and filters out the whole log before the window. So first take the
 * window's lowest position from the (created_at, position) index (`+ 0` stops the min() -> primary
 * key rewrite), then walk the primary key from there.
 */
export const SINCE_WINDOW = 'created_at >= $1 AND position >= (SELECT min(position + 0) FROM events WHERE created_at >= $1)';

/**
 * Events whose created_at >= `since`, in position order, up to the gap-safe head (continue with
 * readAll from `lastPosition`). Costs an index-only pass over the window plus the returned rows,
 * never the log before the window.
 */
export async function readSince(sql: SqlRunner, opts: ReadSinceOptions): Promise<ReadAllResult> {
  if (!(opts.since instanceof Date) || Number.isNaN(opts.since.getTime())) {
    throw new TypeError('readSince: since must be a valid Date');
  }
  const head = await readHeadPosition(sql);
  const query = buildReadQuery(SINCE_WINDOW, [opts.since, head], opts);
  const events = (await sql.query<EventRow>(query.text, query.params)).map(toRecordedEvent);
  return { events, lastPosition: nextPosition(events, opts.limit, head) };
}

/** Where the saga filter looks besides `metadata.saga`: the saga's own stream. */
export const sagaStreamOf = (saga: string): string => `saga-${saga}`;

/**
 * The SQL of a global read; exported so tests can EXPLAIN exactly what runs. `from` uses $1, the
 * head is $2. The saga filter is two ordered, limited index scans merged by position (an OR would
 * make the planner fetch every match after `after` and sort them): message events through
 * `events_saga_idx`, the saga's own (short) stream through its stream key.
 */
export function buildReadQuery(
  from: string,
  params: [unknown, number],
  filter: ReadFilter,
): { text: string; params: unknown[] } {
  assertLimit(filter.limit);
  const values: unknown[] = [...params];
  const bind = (value: unknown): string => `$${values.push(value)}`;
  const where = [from, 'position <= $2'];
  if (filter.types !== undefined) where.push(`type = ANY(${bind(filter.types)}::text[])`);
  if (filter.streamPrefix !== undefined) where.push(`starts_with(stream_id, ${bind(filter.streamPrefix)})`);
  const select = (conditions: string[], limit: string) =>
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ${limit}`;
  if (filter.saga === undefined) return { text: select(where, bind(filter.limit)), params: values };

  const saga = bind(filter.saga);
  const stream = bind(sagaStreamOf(filter.saga));
  const limit = bind(filter.limit);
  const tagged = select([...where, `(metadata->>'saga') = ${saga}`], limit);
  const own = select([...where, `stream_id = ${stream}`, `(metadata->>'saga') IS DISTINCT FROM ${saga}`], limit);
  return {
    text: `SELECT ${EVENT_COLUMNS} FROM ((${tagged}) UNION ALL (${own})) AS e ORDER BY position LIMIT ${limit}`,
    params: values,
  };
}

function assertPosition(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`readAll: ${name} must be an integer >= 0, got ${String(value)}`);
  }
}

function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`readAll/readSince: limit must be an integer >= 1, got ${String(limit)}`);
  }
}
