import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { testRedisUrl } from '@retrace/testing';

/** What a test step handler sees: the job data as docs/worker-protocol.md defines it. */
export interface PlainJob {
  id: string;
  attempt: number;
  data: {
    messageId: string;
    runId: string;
    step: string;
    kind: 'action' | 'compensation';
    replayOf: string | null;
    payload: Record<string, unknown>;
    results: Record<string, unknown>;
    replyTo: string;
  };
}

export type PlainHandler = (job: PlainJob) => Promise<unknown>;

/** Thrown by a handler to fail without retries. */
export class Permanent extends Error {}

/**
 * A step worker written with nothing but the `bullmq` package, following docs/worker-protocol.md by
 * hand — the way a team in another language would: reply `started`, run, reply `succeeded` or
 * `failed` on the job's `replyTo` queue with the job id rule, then return or throw.
 */
export function startPlainWorker(queue: string, prefix: string, handler: PlainHandler, opts: { reportStarted?: boolean } = {}) {
  const connection = { url: testRedisUrl(), maxRetriesPerRequest: null };
  const replyQueues = new Map<string, Queue>();
  const reply = async (job: Job, attempt: number, type: string, extra: Record<string, unknown>) => {
    const to = job.data.replyTo as string;
    if (!replyQueues.has(to)) replyQueues.set(to, new Queue(to, { connection, prefix }));
    const { messageId, runId, step, kind } = job.data as PlainJob['data'];
    const body = { type, jobId: job.id, messageId, runId, step, kind, attempt, ...extra };
    await replyQueues.get(to)!.add(type, body, { jobId: `${job.id}~${attempt}~${type}`, removeOnComplete: true });
  };
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const attempt = job.attemptsMade + 1;
      if (opts.reportStarted !== false) await reply(job, attempt, 'started', {});
      try {
        const result = (await handler({ id: job.id!, attempt, data: job.data as PlainJob['data'] })) ?? null;
        await reply(job, attempt, 'succeeded', { result });
        return result;
      } catch (error) {
        const permanent = error instanceof Permanent;
        const final = permanent || attempt >= (job.opts.attempts ?? 1);
        await reply(job, attempt, 'failed', { error: { message: (error as Error).message, permanent }, final });
        throw permanent ? new UnrecoverableError(error.message) : error;
      }
    },
    { connection, prefix, concurrency: 8 },
  );
  return {
    worker,
    close: async () => {
      await worker.close();
      await Promise.all([...replyQueues.values()].map((q) => q.close()));
    },
  };
}
