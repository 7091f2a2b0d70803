import { Injectable } from '@nestjs/common';
import { MESSAGE_STREAM_PREFIX } from '@retrace/domain';
import { type AppendCompanion, jsonbArrayParam, type SqlRunner } from '@retrace/event-store';
import type { OutboxJob } from './outbox-job';

/**
 * A job's send lock: a session advisory lock (two-key form, in a key space of its own) that a
 * relay holds from the commit of a row it claimed until BullMQ has the job. A withdrawal takes it
 * before looking, so it never finds a row sent and its job not yet in the queue.
 */
const SEND_LOCK_CLASS = 0x52545243; // "RTRC"
const sendLock = (jobId: string) => `${SEND_LOCK_CLASS}, hashtext(${jobId})`;

/** The dispatch outbox: rows are added with the deciding append; the relay sends them to BullMQ. */
@Injectable()
export class OutboxRepository {
  /**
   * The insert of `jobs` that rides in the deciding append (one statement, see
   * EventStore.appendToStreams), so the relay, woken after that commit, sees them: a job goes in
   * only when its message's stream was appended to. A job id already there (a re-decided dispatch)
   * is kept as it was; `onInserted` gets the ids actually inserted. With `claim` the rows go in
   * already sent and the statement's session takes their send locks, which it must release
   * (releaseSendLocks) once BullMQ has the jobs: the committing process sends them itself, with no
   * claim of its own. Always present, empty or not, so the statement has one shape.
   */
  addAllWith(jobs: readonly OutboxJob[], claim: boolean, onInserted: (jobIds: string[]) => void): AppendCompanion {
    return {
      name: 'outbox',
      sql: `INSERT INTO outbox (job_id, queue, message_id, data, options, sent_at)
            SELECT j.job_id, j.queue, j.message_id, j.data, j.options, CASE WHEN $6::boolean THEN now() END
            FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), jsonb_array_elements($4::jsonb), jsonb_array_elements($5::jsonb))
              AS j(job_id, queue, message_id, data, options)
            WHERE EXISTS (SELECT 1 FROM appended a WHERE a.stream_id = '${MESSAGE_STREAM_PREFIX}' || j.message_id)
            ON CONFLICT (job_id) DO NOTHING
            RETURNING job_id AS returned, CASE WHEN $6::boolean THEN pg_advisory_lock(${sendLock('job_id')}) END AS locked`,
      params: [
        jobs.map((j) => j.jobId),
        jobs.map((j) => j.queue),
        jobs.map((j) => j.messageId),
        jsonbArrayParam(jobs.map((j) => j.data)),
        jsonbArrayParam(jobs.map((j) => j.options)),
        claim,
      ],
      onReturned: onInserted,
    };
  }

  /** Releases every send lock `session` holds (after its claimed jobs reached BullMQ, or failed to). */
  async releaseSendLocks(session: SqlRunner): Promise<void> {
    await session.query(`SELECT pg_advisory_unlock_all()`);
  }

  /** Waits until no relay is between claiming the job and adding it to BullMQ, and keeps it so until `tx` ends. */
  async waitForSend(tx: SqlRunner, jobId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(${sendLock('$1')})`, [jobId]);
  }

  /** Where a job's row stands: its queue, and whether the relay has sent it. */
  async find(tx: SqlRunner, jobId: string, lock = false): Promise<{ queue: string; sent: boolean } | null> {
    const [row] = await tx.query<{ queue: string; sent: boolean }>(
      `SELECT queue, sent_at IS NOT NULL AS sent FROM outbox WHERE job_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [jobId],
    );
    return row ?? null;
  }

  /**
   * Marks sent jobs unsent so a relay sends them again (BullMQ lost them, or a claimed send failed);
   * wake one (OutboxSignal) after commit.
   */
  async resend(sql: SqlRunner, jobIds: readonly string[]): Promise<void> {
    await sql.query(`UPDATE outbox SET sent_at = NULL WHERE job_id = ANY($1::text[])`, [jobIds]);
  }

  /** Drops a job the relay has not sent yet. */
  async remove(tx: SqlRunner, jobId: string): Promise<void> {
    await tx.query(`DELETE FROM outbox WHERE job_id = $1`, [jobId]);
  }
}
