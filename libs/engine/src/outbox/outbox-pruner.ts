import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@retrace/event-store';
import { WorkLoop } from '../background/work-loop';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { pruneSentOutbox } from './prune-sent-outbox';

/** Rows deleted per statement: a short transaction, however large the backlog. */
const PRUNE_BATCH = 1000;

/**
 * Keeps the outbox as small as the work in flight: every `outboxPruneIntervalMs` it deletes the
 * sent rows no one reads again (see pruneSentOutbox), a batch at a time until none is left. Runs
 * where the sweeper runs, the one reader of sent rows; replicas share the work (SKIP LOCKED).
 */
@Injectable()
export class OutboxPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxPruner.name);
  private readonly loop: WorkLoop;

  constructor(
    private readonly store: EventStore,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {
    this.loop = new WorkLoop('outbox pruner', () => this.prune(), options.outboxPruneIntervalMs, this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.options.sweeper) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One batch; true when there may be more. */
  async prune(): Promise<boolean> {
    const deleted = await pruneSentOutbox(this.store.sql, this.options.outboxKeepSentMs, PRUNE_BATCH);
    if (deleted > 0) this.logger.debug(`deleted ${deleted} sent outbox rows`);
    return deleted === PRUNE_BATCH;
  }
}
