/**
 * `@retrace/sdk`: what a microservice imports to run saga steps. Start with {@link createWorker}.
 *
 * @example
 * import { createWorker, PermanentError } from '@retrace/sdk';
 * const worker = createWorker({ 'orders.reserve': async (input, ctx) => stock.reserve(input, ctx.idempotencyKey) }, { connection: 'redis://127.0.0.1:6379' });
 */
export * from './create-worker';
export * from './step-context';
export type { PostgresWorkerConnection, WorkerConnection, WorkerLogger, WorkerOptions } from './worker-options';
export * from './permanent.error';
export * from './step-timeout.error';
export * from './worker-closing.error';
export * from './reply-not-sent.error';
export * from './invalid-worker-options.error';
export * from './subscribe';

/**
 * The worker protocol (docs/worker-protocol.md), for authors who inspect jobs and replies
 * themselves. {@link StepJobData} is a step job's data; {@link StepReply} a reply job's.
 *
 * @example
 * const reply: StepReply = replyFor(job.data, { jobId: job.id!, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 }, { type: 'started' });
 * await replies.add(reply.type, reply, { jobId: replyJobId(reply), removeOnComplete: true });
 */
export {
  REPLY_QUEUE,
  replyFor,
  replyJobId,
  parseStepJobId,
  type AttemptInfo,
  type AttemptOutcome,
  type JsonObject,
  type StepFailedReply,
  type StepJobData,
  type StepKind,
  type StepReply,
  type StepStartedReply,
  type StepSucceededReply,
} from '@retrace/domain';
