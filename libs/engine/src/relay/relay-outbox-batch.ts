import type { SqlRunner } from '@retrace/event-store';
import type { OutboxJob } from '../outbox/outbox-job';
import type { StepQueues } from '../dispatch/step-queues';

interface OutboxRow {
  id: string;
  job_id: string;
  queue: string;
  data: OutboxJob['data'];
  options: OutboxJob['options'];
  /** Milliseconds the row already waited, taken off a delayed job's delay. */
  waited_ms: number;
}

/** Finished jobs are kept a while so a re-sent outbox row finds its id and is not run again. */
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 100_000 };
const KEEP_FAILED = { age: 30 * 24 * 3600 };

/**
 * Moves up to `limit` unsent outbox rows into BullMQ and marks them sent, inside `tx`. Rows are
 * claimed with SKIP LOCKED, so relays on any number of replicas share the work; if the commit is
 * lost after the jobs were added, the rows are sent again and BullMQ keeps the first job of each id.
 */
export async function relayOutboxBatch(tx: SqlRunner, queues: StepQueues, limit: number): Promise<number> {
  const rows = await tx.query<OutboxRow>(
    `SELECT id, job_id, queue, data, options,
            (extract(epoch FROM clock_timestamp() - created_at) * 1000)::float8 AS waited_ms
       FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  if (rows.length === 0) return 0;
  const byQueue = new Map<string, OutboxRow[]>();
  for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
  await Promise.all(
    [...byQueue].map(([name, queued]) =>
      queues.get(name).addBulk(
        queued.map((row) => ({
          name: `${row.data.saga}.${row.data.step}.${row.data.kind}`,
          data: row.data,
          opts: {
            jobId: row.job_id,
            attempts: row.options.attempts,
            backoff: row.options.backoff,
            delay: Math.max(0, Math.round(row.options.delay - row.waited_ms)),
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: KEEP_FAILED,
          },
        })),
      ),
    ),
  );
  await tx.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
  return rows.length;
}
