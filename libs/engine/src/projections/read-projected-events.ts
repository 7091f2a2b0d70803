import type { EventMetadata, EventStore, SqlRunner } from '@retrace/event-store';
import type { ProjectedEvent } from './projection';

export interface ProjectedPage {
  events: ProjectedEvent[];
  /** Where the next page starts. */
  lastPosition: number;
}

/**
 * A page of the log through the store's gap-safe `readAll` (a late commit is waited for, never
 * skipped), with each event's transaction id added from the same rows.
 */
export async function readProjectedPage(store: EventStore, after: number, limit: number): Promise<ProjectedPage> {
  const page = await store.readAll({ after, limit });
  if (page.events.length === 0) return { events: [], lastPosition: page.lastPosition };
  const rows = await store.sql.query<{ position: string; xid: string }>(
    `SELECT position, transaction_id::text AS xid FROM events WHERE position = ANY($1::bigint[])`,
    [page.events.map((e) => e.position)],
  );
  const xids = new Map(rows.map((r) => [Number(r.position), r.xid]));
  return { events: page.events.map((e) => ({ ...e, xid: xids.get(e.position) ?? '' })), lastPosition: page.lastPosition };
}

interface TailRow {
  position: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata | null;
  created_at: Date;
  xid: string;
}

/**
 * Every event committed after `after`, read WITHOUT the gap-safe gate. Only sound inside the swap's
 * transaction, while the projected tables are locked against writers: an appender still in flight
 * then either already wrote its rows (and the lock waited for its commit) or will write them after
 * the swap, as an absolute write (see Projection). The gate would wait for exactly those appenders,
 * which wait for our lock.
 */
export async function readCommittedTail(tx: SqlRunner, after: number, limit: number): Promise<ProjectedPage> {
  const rows = await tx.query<TailRow>(
    `SELECT position, stream_id, stream_version, type, data, metadata, created_at, transaction_id::text AS xid
       FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
    [after, limit],
  );
  const events = rows.map((r) => ({
    position: Number(r.position),
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    type: r.type,
    data: r.data,
    metadata: r.metadata ?? {},
    createdAt: r.created_at,
    xid: r.xid,
  }));
  return { events, lastPosition: events.length > 0 ? events[events.length - 1].position : after };
}
