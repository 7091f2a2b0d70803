import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { REPLY_STREAM } from '@retrace/domain';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { logQueueErrors } from '../queue-backend/log-queue-errors';
import type { BackendQueue, QueueBackend } from '../queue-backend/queue-backend';
import { QUEUE_BACKEND } from '../queue-backend/queue-backend.token';

/**
 * One BullMQ Queue per step queue name, made on first use and closed on shutdown; and the reply
 * stream step jobs name, when the deployment reads one (Redis, `replyStream` on).
 */
@Injectable()
export class StepQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(StepQueues.name);
  private readonly queues = new Map<string, BackendQueue>();
  readonly replyStream: string | undefined;

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(ENGINE_OPTIONS) options: EngineOptions,
  ) {
    this.replyStream = backend.kind === 'redis' && options.replyStream ? REPLY_STREAM : undefined;
  }

  get(name: string): BackendQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.backend.queue(name);
      logQueueErrors(queue, name, this.logger);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.close()));
  }
}
