import type { TransitionStatsFilter, TransitionTally } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';

/**
 * The status transitions of message streams, counted and timed per (from, to) in the database.
 *
 * A status-carrying event (`data.status`, the status after it) whose status differs from the one
 * before it in its stream enters a new status; the first, MessageAccepted, enters PENDING. Each
 * entry after the first is a transition from the status the previous entry entered, which lasted
 * from that entry to this one. `from`/`to` select transitions by the time of the event that made
 * them, but the windows run over whole streams, so a status entered before `from` is still seen.
 * With a time window, only the streams with an event in it are read (via the events' created_at
 * index); with `saga`, only that saga's message streams.
 */
export async function selectTransitions(sql: SqlRunner, filter: TransitionStatsFilter): Promise<TransitionTally[]> {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const inWindow: string[] = [];
  if (filter.from) inWindow.push(`created_at >= ${bind(filter.from)}`);
  // The API shows times to the millisecond and PostgreSQL keeps microseconds: an inclusive `to`
  // copied from an event's createdAt must still include that event.
  if (filter.to) inWindow.push(`created_at < ${bind(filter.to)}::timestamptz + interval '1 millisecond'`);
  const ofSaga = filter.saga ? `SELECT 'message-' || id FROM messages WHERE saga = ${bind(filter.saga)}` : undefined;
  // The streams to read, as an array: the planner then reads each by the (stream_id, stream_version)
  // index instead of scanning the log for them.
  const streams = inWindow.length
    ? `e.stream_id = ANY(ARRAY(SELECT DISTINCT stream_id FROM events WHERE ${inWindow.join(' AND ')}
         AND stream_id LIKE 'message-%' ${ofSaga ? `AND stream_id IN (${ofSaga})` : ''}))`
    : ofSaga
      ? `e.stream_id = ANY(ARRAY(${ofSaga}))`
      : `e.stream_id LIKE 'message-%'`;
  const rows = await sql.query<{ from_status: string; to_status: string; count: string; total_ms: number }>(
    `WITH status_events AS (
       SELECT e.stream_id, e.stream_version, e.created_at, e.data->>'status' AS status,
              lag(e.data->>'status') OVER (PARTITION BY e.stream_id ORDER BY e.stream_version) AS before
       FROM events e
       WHERE ${streams} AND e.data ? 'status'
     ), entries AS (
       SELECT status AS to_status, created_at,
              lag(status) OVER w AS from_status,
              created_at - lag(created_at) OVER w AS spent
       FROM status_events
       WHERE before IS DISTINCT FROM status
       WINDOW w AS (PARTITION BY stream_id ORDER BY stream_version)
     )
     SELECT from_status, to_status, count(*) AS count,
            (sum(extract(epoch FROM spent)) * 1000)::float8 AS total_ms
     FROM entries
     WHERE from_status IS NOT NULL ${inWindow.map((c) => `AND ${c}`).join(' ')}
     GROUP BY from_status, to_status`,
    params,
  );
  return rows.map((r) => ({ from: r.from_status, to: r.to_status, count: Number(r.count), totalMs: r.total_ms }));
}
