import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '@retrace/event-store';
import type { OutboxJob } from './outbox-job';

/** The channel the relay listens on: one per schema, so deployments sharing a database stay apart. */
export const OUTBOX_CHANNEL_SQL = `'rto_' || current_schema()`;

/** The dispatch outbox: rows are added in the deciding transaction; the relay sends them to BullMQ. */
@Injectable()
export class OutboxRepository {
  /** Adds jobs; a job id already there (a re-decided dispatch) is kept as it was. */
  async add(tx: SqlRunner, jobs: OutboxJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await tx.query(
      `INSERT INTO outbox (job_id, queue, message_id, data, options)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])
       ON CONFLICT (job_id) DO NOTHING`,
      [
        jobs.map((j) => j.jobId),
        jobs.map((j) => j.queue),
        jobs.map((j) => j.messageId),
        jobs.map((j) => JSON.stringify(j.data)),
        jobs.map((j) => JSON.stringify(j.options)),
      ],
    );
    // Delivered at commit, so the relay wakes only for rows it can see.
    await tx.query(`SELECT pg_notify(${OUTBOX_CHANNEL_SQL}, '')`);
  }

  /** Where a job's row stands: its queue, and whether the relay has sent it. */
  async find(tx: SqlRunner, jobId: string, lock = false): Promise<{ queue: string; sent: boolean } | null> {
    const [row] = await tx.query<{ queue: string; sent: boolean }>(
      `SELECT queue, sent_at IS NOT NULL AS sent FROM outbox WHERE job_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [jobId],
    );
    return row ?? null;
  }

  /** Marks a sent job unsent so the relay sends it again (BullMQ lost it), and wakes the relay. */
  async resend(tx: SqlRunner, jobId: string): Promise<void> {
    await tx.query(`UPDATE outbox SET sent_at = NULL WHERE job_id = $1`, [jobId]);
    await tx.query(`SELECT pg_notify(${OUTBOX_CHANNEL_SQL}, '')`);
  }

  /** Drops a job the relay has not sent yet. */
  async remove(tx: SqlRunner, jobId: string): Promise<void> {
    await tx.query(`DELETE FROM outbox WHERE job_id = $1`, [jobId]);
  }
}
