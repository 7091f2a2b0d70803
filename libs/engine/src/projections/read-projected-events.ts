import { EVENT_COLUMNS, toRecordedEvent, type EventRow, type EventStore, type SqlRunner } from '@retrace/event-store';
import type { ProjectedEvent } from './projection';

export interface ProjectedPage {
  events: ProjectedEvent[];
  /** Where the next page starts. */
  lastPosition: number;
}

/**
 * A page of the log up to the store's gap-safe head (a late commit is waited for, never skipped),
 * each event with its transaction id, in one query after the head read.
 */
export async function readProjectedPage(store: EventStore, after: number, limit: number): Promise<ProjectedPage> {
  const head = await store.readHeadPosition();
  if (head <= after) return { events: [], lastPosition: after };
  const events = await selectEvents(store.sql, after, head, limit);
  return { events, lastPosition: events.length === limit ? events[events.length - 1].position : head };
}

interface ProjectedRow extends EventRow {
  xid: string;
  created_us: string;
}

/**
 * Every event committed after `after`, read WITHOUT the gap-safe gate. Only sound inside the swap's
 * transaction, while the projected tables are locked against writers: an appender still in flight
 * then either already wrote its rows (and the lock waited for its commit) or will write them after
 * the swap, as an absolute write (see Projection). The gate would wait for exactly those appenders,
 * which wait for our lock.
 */
export async function readCommittedTail(tx: SqlRunner, after: number, limit: number): Promise<ProjectedPage> {
  const events = await selectEvents(tx, after, null, limit);
  return { events, lastPosition: events.length > 0 ? events[events.length - 1].position : after };
}

async function selectEvents(sql: SqlRunner, after: number, upTo: number | null, limit: number): Promise<ProjectedEvent[]> {
  const rows = await sql.query<ProjectedRow>(
    `SELECT ${EVENT_COLUMNS}, transaction_id::text AS xid, (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us
       FROM events WHERE position > $1 AND ($2::bigint IS NULL OR position <= $2) ORDER BY position LIMIT $3`,
    [after, upTo, limit],
  );
  return rows.map((row) => ({ ...toRecordedEvent(row), xid: row.xid, createdUs: row.created_us }));
}
