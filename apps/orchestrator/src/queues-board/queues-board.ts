import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type BackendQueue, logQueueErrors, QUEUE_BACKEND, type QueueBackend } from '@retrace/engine/queue-backend';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
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
  private readonly server = new ExpressAdapter().setBasePath(QUEUES_BOARD_PATH);
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

  /** The board's router, behind a refresh of the queue list. Authentication goes in front of it. */
  handler(): RequestHandler {
    const router = this.server.getRouter() as RequestHandler;
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/static/')) return router(req, res, next);
      this.refresh().then(
        () => router(req, res, next),
        (error: unknown) => next(error),
      );
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
