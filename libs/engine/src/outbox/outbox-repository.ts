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

  async pendingFor(tx: SqlRunner, messageId: string): Promise<OutboxJob[]> {
    const rows = await tx.query<{ job_id: string; queue: string; message_id: string; data: never; options: never }>(
      `SELECT job_id, queue, message_id, data, options FROM outbox WHERE message_id = $1 AND sent_at IS NULL ORDER BY id`,
      [messageId],
    );
    return rows.map((r) => ({ jobId: r.job_id, queue: r.queue, messageId: r.message_id, data: r.data, options: r.options }));
  }
}
