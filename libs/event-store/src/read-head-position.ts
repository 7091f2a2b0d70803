import type { SqlRunner } from './sql-runner';

/*
 * Why positions need a gate: they come from a sequence, so a transaction can draw position 10, stay
 * open, and commit after another one committed 11. A reader that already moved past 11 would skip
 * 10 forever.
 *
 * Emmett's gate (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`) is only gap-free when
 * readers order by (transaction_id, position). Ordered by position it can release 11 while 10 is
 * in flight: a transaction with an older xid that appends again after a younger one drew a position
 * (gap-safety.int-spec.ts shows it). Our readers page by position, so the gate is on positions:
 *
 * - An appender, in the same statement and before it draws a position, takes a shared
 *   transaction-scoped advisory lock whose key is the sequence's next value: a lower bound of every
 *   position it will draw. Locks are visible to other sessions at once and are released only
 *   after the transaction's rows became visible (or were rolled back).
 * - A reader reads the sequence's last drawn value, then the smallest key still held:
 *   head = min(last drawn, smallest held - 1). Any position <= head that is still to commit was
 *   drawn before that read, so its lock would have been seen. Reading events (a later snapshot)
 *   only up to head therefore never skips a late commit.
 *
 * Keys are (schema tag << 48) + position, so parallel schemas in one database do not hold each
 * other back (a tag collision only makes a reader wait a little longer).
 */

const POSITION_BITS = 48;
const SCHEMA_TAG_SQL = `(hashtext(current_schema()) & 32767)`;

/** CTE that takes the appender's gate lock; the INSERT that draws positions must select FROM it. */
export const APPEND_GATE_CTE = `gate AS MATERIALIZED (
    SELECT pg_advisory_xact_lock_shared(
      (${SCHEMA_TAG_SQL}::bigint << ${POSITION_BITS}) + last_value + CASE WHEN is_called THEN 1 ELSE 0 END
    )
    FROM events_position_seq
  )`;

// LATERAL forces the sequence read before the lock scan; the order is what makes the bound safe.
const HEAD_POSITION_SQL = `
  SELECT least(s.drawn, held.position - 1) AS head
  FROM (SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS drawn FROM events_position_seq) s
  CROSS JOIN LATERAL (
    SELECT min(((l.classid::bigint << 32) | l.objid::bigint) & ((1::bigint << ${POSITION_BITS}) - 1)) AS position
    FROM pg_locks l
    WHERE s.drawn IS NOT NULL
      AND l.locktype = 'advisory' AND l.objsubid = 1
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND (l.classid::bigint >> 16) = ${SCHEMA_TAG_SQL}
  ) held`;

/**
 * Highest position a tailing reader may safely have read up to now: every event at or below it
 * that will ever commit has committed. Run it BEFORE the read it bounds, as its own statement.
 */
export async function readHeadPosition(sql: SqlRunner): Promise<number> {
  const [row] = await sql.query<{ head: string }>(HEAD_POSITION_SQL);
  return Math.max(0, Number(row.head));
}
