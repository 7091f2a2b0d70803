import { Injectable } from '@nestjs/common';
import { MESSAGE_STREAM_PREFIX } from '@retrace/domain';
import type { AppendCompanion, SqlRunner } from '@retrace/event-store';
import type { OutboxJob } from './outbox-job';

/** The dispatch outbox: rows are added with the deciding append; the relay sends them to BullMQ. */
@Injectable()
export class OutboxRepository {
  /**
   * The insert of `jobs` that rides in the deciding append (one statement, see
   * EventStore.appendToStreams), so the relay, woken after that commit, sees them: a job goes in
   * only when its message's stream was appended to. A job id already there (a re-decided dispatch)
   * is kept as it was. Always present, empty or not, so the statement has one shape.
   */
  addAllWith(jobs: readonly OutboxJob[]): AppendCompanion {
    return {
      name: 'outbox',
      sql: `INSERT INTO outbox (job_id, queue, message_id, data, options)
            SELECT j.job_id, j.queue, j.message_id, j.data, j.options
            FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]) AS j(job_id, queue, message_id, data, options)
            WHERE EXISTS (SELECT 1 FROM appended a WHERE a.stream_id = '${MESSAGE_STREAM_PREFIX}' || j.message_id)
            ON CONFLICT (job_id) DO NOTHING`,
      params: [
        jobs.map((j) => j.jobId),
        jobs.map((j) => j.queue),
        jobs.map((j) => j.messageId),
        jobs.map((j) => JSON.stringify(j.data)),
        jobs.map((j) => JSON.stringify(j.options)),
      ],
    };
  }

  /** Where a job's row stands: its queue, and whether the relay has sent it. */
  async find(tx: SqlRunner, jobId: string, lock = false): Promise<{ queue: string; sent: boolean } | null> {
    const [row] = await tx.query<{ queue: string; sent: boolean }>(
      `SELECT queue, sent_at IS NOT NULL AS sent FROM outbox WHERE job_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [jobId],
    );
    return row ?? null;
  }

  /** Marks a sent job unsent so a relay sends it again (BullMQ lost it); wake one (OutboxSignal) after commit. */
  async resend(tx: SqlRunner, jobId: string): Promise<void> {
    await tx.query(`UPDATE outbox SET sent_at = NULL WHERE job_id = $1`, [jobId]);
  }

  /** Drops a job the relay has not sent yet. */
  async remove(tx: SqlRunner, jobId: string): Promise<void> {
    await tx.query(`DELETE FROM outbox WHERE job_id = $1`, [jobId]);
  }
}
