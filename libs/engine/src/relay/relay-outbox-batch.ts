import type { SqlRunner } from '@retrace/event-store';
import type { OutboxJob } from '../outbox/outbox-job';
import type { StepQueues } from '../dispatch/step-queues';
import { addStepJobs, type JobToSend } from './add-step-jobs';

interface OutboxRow {
  id: string;
  job_id: string;
  queue: string;
  data: OutboxJob['data'];
  options: OutboxJob['options'];
  waited_ms: number;
}

/** A row as the relay sends it; `waited_ms` is taken off a delayed job's delay. */
const ROW = `id, job_id, queue, data, options, (extract(epoch FROM clock_timestamp() - created_at) * 1000)::float8 AS waited_ms`;
const toJob = (row: OutboxRow): JobToSend => ({ jobId: row.job_id, queue: row.queue, data: row.data, options: row.options, waitedMs: row.waited_ms });

/**
 * Marks the unsent rows `where` picks as sent and adds their jobs to BullMQ, oldest first, inside
 * `tx`: the claim commits only after BullMQ has the jobs, so if the commit is lost the rows are
 * sent again and BullMQ keeps the first job of each id. Returns how many were sent.
 */
async function claimAndSend(tx: SqlRunner, queues: StepQueues, where: string, params: unknown[]): Promise<number> {
  const rows = await tx.query<OutboxRow>(`UPDATE outbox SET sent_at = now() WHERE ${where} RETURNING ${ROW}`, params);
  if (rows.length === 0) return 0;
  rows.sort((a, b) => Number(a.id) - Number(b.id));
  await addStepJobs(queues, rows.map(toJob));
  return rows.length;
}

/**
 * Sends up to `limit` unsent outbox rows at least `minAgeMs` old. Rows are claimed with SKIP
 * LOCKED, so relays on any number of replicas share the work. `minAgeMs` leaves fresh rows to the
 * hand-over of the process that committed them (sendCommittedJobs), so the two do not race.
 */
export function relayOutboxBatch(tx: SqlRunner, queues: StepQueues, limit: number, minAgeMs = 0): Promise<number> {
  return claimAndSend(
    tx,
    queues,
    `id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND created_at <= now() - $2 * interval '1 millisecond'
             ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)`,
    [limit, minAgeMs],
  );
}

/**
 * Sends jobs this process has just committed, found by job id rather than by searching the table
 * (whose unsent index fills with dead entries between vacuums), as their rows have them. A row
 * already sent (a re-decided dispatch, another relay) or deleted (a retraction, which holds the
 * row's lock while it decides) is skipped.
 */
export function sendCommittedJobs(tx: SqlRunner, queues: StepQueues, jobIds: readonly string[]): Promise<number> {
  return claimAndSend(tx, queues, `job_id = ANY($1::text[]) AND sent_at IS NULL`, [jobIds]);
}
