import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { parseStepReply, REPLY_QUEUE } from '@retrace/domain';
import type { Job } from 'bullmq';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { logFields } from '../logging/log-fields';
import type { BackendWorker, QueueBackend } from '../queue-backend/queue-backend';
import { logQueueErrors } from '../queue-backend/log-queue-errors';
import { QUEUE_BACKEND } from '../queue-backend/queue-backend.token';
import { ReplyApplier } from './reply-applier';

/**
 * Takes workers' replies off the reply queue and applies them. A reply that cannot be applied now
 * (PostgreSQL away) fails its job and BullMQ retries it; one for a message that does not exist is
 * logged and dropped; a malformed one fails visibly.
 */
@Injectable()
export class ReplyConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReplyConsumer.name);
  private worker: BackendWorker | null = null;

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
    private readonly applier: ReplyApplier,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.replies) return;
    this.worker = this.backend.worker(REPLY_QUEUE, (job: Job) => this.process(job), {
      concurrency: this.options.replyConcurrency,
      // Applying a reply takes milliseconds: a replica that dies holding one is noticed in seconds.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    logQueueErrors(this.worker, REPLY_QUEUE, this.logger);
    this.worker.on('failed', (job: Job | undefined, error: Error) => {
      const data = (job?.data ?? {}) as { messageId?: unknown; runId?: unknown; jobId?: unknown };
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      this.logger.warn(
        logFields(`could not apply reply ${job?.id ?? '?'} (attempt ${job?.attemptsMade ?? '?'}; BullMQ retries it): ${error.message}`, {
          messageId: text(data.messageId),
          runId: text(data.runId),
          jobId: text(data.jobId),
        }),
      );
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job): Promise<void> {
    const reply = parseStepReply(job.data);
    await this.applier.apply(reply, job.id ?? `reply-${reply.jobId}`);
  }
}
