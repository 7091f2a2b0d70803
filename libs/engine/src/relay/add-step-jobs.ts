import type { OutboxJob } from '../outbox/outbox-job';
import type { StepQueues } from '../dispatch/step-queues';

/** Finished jobs are kept a while so a re-sent outbox row finds its id and is not run again. */
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 100_000 };
const KEEP_FAILED = { age: 30 * 24 * 3600 };

/** An outbox row on its way to BullMQ, with the milliseconds it already waited since its commit (taken off a delayed job's delay). */
export type JobToSend = Pick<OutboxJob, 'jobId' | 'queue' | 'data' | 'options'> & { waitedMs: number };

/**
 * Adds the jobs to their queues, one `addBulk` per queue. BullMQ keeps the first job of each id.
 * Jobs name the reply stream when the deployment reads one (it is not kept in the outbox row: a
 * re-sent row gets what the sending replica offers).
 */
export async function addStepJobs(queues: StepQueues, jobs: readonly JobToSend[]): Promise<void> {
  const byQueue = new Map<string, JobToSend[]>();
  for (const job of jobs) {
    const queued = byQueue.get(job.queue);
    if (queued) queued.push(job);
    else byQueue.set(job.queue, [job]);
  }
  await Promise.all(
    [...byQueue].map(([name, queued]) =>
      queues.get(name).addBulk(
        queued.map((job) => ({
          name: `${job.data.saga}.${job.data.step}.${job.data.kind}`,
          data: queues.replyStream === undefined ? job.data : { ...job.data, replyStream: queues.replyStream },
          opts: {
            jobId: job.jobId,
            attempts: job.options.attempts,
            backoff: job.options.backoff,
            delay: Math.max(0, Math.round(job.options.delay - job.waitedMs)),
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: KEEP_FAILED,
          },
        })),
      ),
    ),
  );
}
