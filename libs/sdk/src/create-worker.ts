import { REPLY_JOB_OPTIONS, replyJobId, type StepJobData, type StepReply } from '@retrace/domain';
import { DelayedError, type Job } from 'bullmq';
import { bindQueueClasses, type ReplyQueue, type StepWorker } from './bind-queue-classes';
import { ReplyNotSentError } from './reply-not-sent.error';
import { ReplyStreamWriter } from './reply-stream-writer';
import { type ReplyAddress, runStepJob } from './run-step-job';
import type { StepHandlers } from './step-context';
import { StepInterruptedError } from './step-interrupted.error';
import { validateWorkerOptions } from './validate-worker-options';
import { WorkerClosingError } from './worker-closing.error';
import type { WorkerOptions } from './worker-options';

/**
 * A running step worker. Call `close()` from your SIGTERM handler.
 *
 * @example
 * process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
 */
export interface RetraceWorker {
  /** The queues this worker takes step jobs from. */
  readonly queues: readonly string[];
  /**
   * Stops taking jobs, lets running attempts finish for `shutdownGraceMs`, then aborts their signals
   * and puts their jobs back on the queue; closes every connection the worker opened. Safe to call
   * more than once. Rejects (after closing everything it could) if a connection failed to close.
   */
  close(): Promise<void>;
  /** Settles once `close()` has finished; never rejects. Await it to keep a process alive. */
  readonly running: Promise<void>;
  /** Resolves once every queue's worker is connected; rejects with the connection error. */
  waitUntilReady(): Promise<void>;
}

/**
 * Runs saga steps in this process: one BullMQ worker per queue in `handlers`, each step job handed
 * to its handler as `(payload, ctx)`, the outcome sent to the orchestrator as replies
 * (docs/worker-protocol.md). Options are checked before anything connects.
 *
 * @throws InvalidWorkerOptionsError when `handlers` or `options` are wrong, listing every problem.
 *
 * @example
 * const worker = createWorker(
 *   {
 *     'orders.charge': async (input: { amount: number }, ctx) => {
 *       if (input.amount <= 0) throw new PermanentError('amount must be positive', { code: 'BAD_AMOUNT' });
 *       return payments.charge(input.amount, { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal });
 *     },
 *     'orders.refund': async (_input, ctx) => payments.refund(ctx.results.charge, { idempotencyKey: ctx.idempotencyKey }),
 *   },
 *   { connection: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
 * );
 * process.once('SIGTERM', () => void worker.close());
 */
export function createWorker(handlers: StepHandlers, options: WorkerOptions): RetraceWorker {
  const config = validateWorkerOptions(handlers, options);
  const { logger } = config;
  const classes = bindQueueClasses(config.connection, config.prefix);
  const replyQueues = new Map<string, ReplyQueue>();
  const attempts = new Set<AbortController>();
  let interrupting: WorkerClosingError | undefined;
  let closing: Promise<void> | undefined;
  let markStopped = (): void => undefined;
  const running = new Promise<void>((resolve) => {
    markStopped = resolve;
  });

  const replyStream = config.connection.kind === 'redis' ? new ReplyStreamWriter(config.connection.options, config.prefix) : null;

  const sendReply = async ({ replyTo, replyStream: stream }: ReplyAddress, reply: StepReply): Promise<void> => {
    if (stream !== undefined && replyStream !== null) {
      try {
        await replyStream.send(stream, reply);
      } catch (error) {
        throw new ReplyNotSentError(reply, `stream ${stream}`, error);
      }
      return;
    }
    let queue = replyQueues.get(replyTo);
    if (queue === undefined) {
      queue = classes.replyQueue(replyTo);
      queue.on('error', (error) => logger.error(`reply queue ${replyTo}: ${error.message}`, { queue: replyTo }));
      replyQueues.set(replyTo, queue);
    }
    try {
      await queue.add(reply.type, reply, { ...REPLY_JOB_OPTIONS, jobId: replyJobId(reply) });
    } catch (error) {
      throw new ReplyNotSentError(reply, `queue ${replyTo}`, error);
    }
  };

  const track = (controller: AbortController): (() => void) => {
    if (interrupting !== undefined) controller.abort(interrupting);
    attempts.add(controller);
    return () => attempts.delete(controller);
  };

  const workers: StepWorker[] = [...config.handlers].map(([queue, handler]) => {
    // The token lets an interrupted attempt put its job back on the queue.
    const worker = classes.worker(
      queue,
      async (job: Job<StepJobData>, token?: string): Promise<unknown> => {
        try {
          return await runStepJob(job, {
            handler,
            sendReply,
            reportStarted: config.reportStarted,
            reportStartedAfterMs: config.reportStartedAfterMs,
            logger,
            track,
          });
        } catch (error) {
          if (!(error instanceof StepInterruptedError)) throw error;
          logger.warn(error.message, { queue, jobId: job.id });
          // Back on the queue without using up an attempt: another worker (or this one, restarted) runs it.
          await job.moveToDelayed(Date.now(), token);
          throw new DelayedError();
        }
      },
      config.concurrency,
    );
    worker.on('error', (error) => logger.error(`worker for queue ${queue}: ${error.message}`, { queue }));
    return worker;
  });
  logger.info?.(`retrace worker taking steps from ${[...config.handlers.keys()].join(', ')} (${classes.kind})`, {
    queues: [...config.handlers.keys()],
    ...(classes.kind === 'redis' ? { prefix: config.prefix } : {}),
  });

  const close = async (): Promise<void> => {
    const interrupt = setTimeout(() => {
      interrupting = new WorkerClosingError(config.shutdownGraceMs);
      for (const attempt of attempts) attempt.abort(interrupting);
    }, config.shutdownGraceMs);
    const failures: unknown[] = [];
    try {
      failures.push(...rejectionsOf(await Promise.allSettled(workers.map((worker) => worker.close()))));
    } finally {
      clearTimeout(interrupt);
    }
    // Only now: a reply is sent by an attempt that is still finishing.
    failures.push(...rejectionsOf(await Promise.allSettled([...[...replyQueues.values()].map((queue) => queue.close()), replyStream?.close()])));
    replyQueues.clear();
    markStopped();
    if (failures.length > 0) throw new AggregateError(failures, `the retrace worker closed, but ${failures.length} connection(s) failed to close`);
  };

  return {
    queues: [...config.handlers.keys()],
    close: () => (closing ??= close()),
    running,
    waitUntilReady: async () => {
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    },
  };
}

const rejectionsOf = (results: PromiseSettledResult<unknown>[]): unknown[] =>
  results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
