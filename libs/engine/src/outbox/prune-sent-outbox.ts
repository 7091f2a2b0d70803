import type { SqlRunner } from '@retrace/event-store';

/**
 * Deletes up to `limit` outbox rows nobody reads again: sent at least `keepSentMs` ago, of a message
 * with nothing in flight (`state.current` null: settled, or between runs). While its job is in
 * flight a row is how the sweeper sends the job again when Redis lost it, and what a retraction
 * locks; once nothing is in flight no one looks it up, and its job id never comes back (a replay or
 * an undo is a new run, with new ids). What was dispatched stays in the log (StepDispatched).
 * Rows another transaction holds (a retraction, a relay's claim) are skipped, never waited for.
 * Oldest first, by the primary key, so a large backlog is walked from its old end.
 *
 * @returns how many rows it deleted
 */
export async function pruneSentOutbox(sql: SqlRunner, keepSentMs: number, limit: number): Promise<number> {
  const { rowCount } = await sql.execute(
    `DELETE FROM outbox WHERE id IN (
       SELECT o.id FROM outbox o JOIN messages m ON m.id = o.message_id
        WHERE o.sent_at <= now() - $1 * interval '1 millisecond' AND m.state->'current' = 'null'::jsonb
        ORDER BY o.id LIMIT $2
        FOR UPDATE OF o SKIP LOCKED)`,
    [keepSentMs, limit],
  );
  return rowCount;
}
