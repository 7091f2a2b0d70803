import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { type BackendQueue, logQueueErrors, QUEUE_BACKEND, type QueueBackend } from '@retrace/engine/queue-backend';
import type { Queue } from 'bullmq';
import type { FastifyPluginAsync } from 'fastify';
import { KnownQueueNames } from './known-queue-names';

/** Where the dashboard is mounted. */
export const QUEUES_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over every Retrace queue, on whichever backend the app runs (Redis or BullMQ's
 * PostgreSQL backend). Queues appear as sagas are registered: the list is read again on every
 * request to the board but its static files. Read-only: a job removed or retried behind the
 * orchestrator's back would not be in the log; operators act through the admin API.
 */
@Injectable()
export class QueuesBoard implements OnApplicationShutdown {
  private readonly logger = new Logger(QueuesBoard.name);
  private readonly server = new FastifyAdapter().setBasePath(QUEUES_BOARD_PATH);
  private readonly board = createBullBoard({
    queues: [],
    serverAdapter: this.server,
    options: { uiConfig: { boardTitle: 'Retrace queues' } },
  });
  private readonly queues = new Map<string, BackendQueue>();

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    private readonly known: KnownQueueNames,
  ) {}

  /**
   * The board's routes, each behind a refresh of the queue list (but its static files), as a plugin
   * to register under {@link QUEUES_BOARD_PATH}. Authentication goes in front of it.
   */
  plugin(): FastifyPluginAsync {
    return async (scope) => {
      scope.addHook('preHandler', async (req) => {
        if (!req.url.startsWith(`${QUEUES_BOARD_PATH}/static/`)) await this.refresh();
      });
      await scope.register(this.server.registerPlugin());
    };
  }

  /** Adds the queues registered since the last call; resolves to every queue name on the board. */
  async refresh(): Promise<string[]> {
    const names = await this.known.list();
    for (const name of names) {
      if (this.queues.has(name)) continue;
      const queue = this.backend.queue(name);
      logQueueErrors(queue, name, this.logger);
      this.queues.set(name, queue);
      // Typed for Redis-backed queues; BullMQ 6's adapter reuses whichever backend the queue has.
      this.board.addQueue(new BullMQAdapter(queue as unknown as Queue, { readOnlyMode: true }));
    }
    return [...this.queues.keys()];
  }

  async onApplicationShutdown(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.close()));
  }
}
