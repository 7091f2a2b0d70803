import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HTTP_STEP_QUEUE, REPLY_JOB_OPTIONS, REPLY_STREAM_FIELD, replyJobId, replyStreamKey, type StepJobData, type StepReply } from '@retrace/domain';
import type { Redis } from 'ioredis';
import { DelayedError, type Job } from 'bullmq';
import type { BackendQueue, BackendWorker, QueueBackend } from '../queue-backend/queue-backend';
import { HttpStepInterruptedError } from './http-step-interrupted.error';
import {
  HTTP_STEP_QUEUE_BACKEND,
  HTTP_STEP_WORKER_OPTIONS,
  resolveHttpStepWorkerOptions,
  type HttpStepWorkerOptions,
} from './http-step-worker.options';
import { runHttpStepJob } from './run-http-step-job';
import { logQueueErrors } from '../queue-backend/log-queue-errors';

/**
 * Retrace's own worker for steps whose target is `{"http": ...}`: takes jobs from
 * `HTTP_STEP_QUEUE`, calls the service and replies on the job's reply stream when it names one
 * (Redis), else on its `replyTo` queue. All the logic is
 * in {@link runHttpStepJob} and `callHttpStep`; this class only owns the BullMQ objects.
 */
@Injectable()
export class HttpStepWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HttpStepWorker.name);
  private readonly options: Required<HttpStepWorkerOptions>;
  private readonly replyQueues = new Map<string, BackendQueue<StepReply>>();
  /** For the reply stream; made on the first reply that goes there. */
  private streamClient: Redis | null = null;
  private worker: BackendWorker<StepJobData, unknown> | undefined;

  constructor(
    @Inject(HTTP_STEP_QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Optional() @Inject(HTTP_STEP_WORKER_OPTIONS) options?: HttpStepWorkerOptions,
  ) {
    this.options = resolveHttpStepWorkerOptions(options);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.worker !== undefined) return;
    const worker = this.backend.worker<StepJobData, unknown>(HTTP_STEP_QUEUE, this.process, { concurrency: this.options.concurrency });
    logQueueErrors(worker, HTTP_STEP_QUEUE, this.logger);
    this.worker = worker;
    await worker.waitUntilReady();
  }

  /** Stops taking jobs, lets calls in flight finish for `shutdownGraceMs`, then interrupts them. */
  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) {
      const interrupt = setTimeout(() => worker.cancelAllJobs('the orchestrator is shutting down'), this.options.shutdownGraceMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(interrupt);
      }
    }
    const queues = [...this.replyQueues.values()];
    this.replyQueues.clear();
    const client = this.streamClient;
    this.streamClient = null;
    await Promise.all([...queues.map((queue) => queue.close()), client?.quit().catch(() => client.disconnect())]);
  }

  // Three parameters: BullMQ hands a cancellation signal only to processors that declare it.
  private readonly process = async (job: Job<StepJobData>, token?: string, signal?: AbortSignal): Promise<unknown> => {
    try {
      return await runHttpStepJob(job, {
        sendReply: (reply) => this.sendReply(job.data, reply),
        signal,
        maxResponseBytes: this.options.maxResponseBytes,
      });
    } catch (error) {
      if (!(error instanceof HttpStepInterruptedError)) throw error;
      // Back to the queue without using up an attempt: another worker (or this one, restarted) runs it.
      this.logger.warn(error.message);
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
  };

  private async sendReply({ replyTo, replyStream }: StepJobData, reply: StepReply): Promise<void> {
    if (replyStream !== undefined && this.backend.kind === 'redis') {
      this.streamClient ??= this.backend.newRedisClient();
      await this.streamClient!.xadd(replyStreamKey(this.backend.prefix, replyStream), '*', REPLY_STREAM_FIELD, JSON.stringify(reply));
      return;
    }
    let queue = this.replyQueues.get(replyTo);
    if (queue === undefined) {
      queue = this.backend.queue<StepReply>(replyTo);
      logQueueErrors(queue, replyTo, this.logger);
      this.replyQueues.set(replyTo, queue);
    }
    await queue.add(reply.type, reply, { ...REPLY_JOB_OPTIONS, jobId: replyJobId(reply) });
  }
}
