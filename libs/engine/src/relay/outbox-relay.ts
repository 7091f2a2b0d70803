import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore, type Listener } from '@retrace/event-store';
import { WorkLoop } from '../background/work-loop';
import { StepQueues } from '../dispatch/step-queues';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { logFields } from '../logging/log-fields';
import { OUTBOX_CHANNEL_SQL } from '../outbox/outbox-repository';
import { relayOutboxBatch } from './relay-outbox-batch';

/**
 * Moves committed outbox rows into BullMQ: woken by the NOTIFY each deciding transaction sends, and
 * polling as a fallback (a missed notification only delays a job, never loses it).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loop: WorkLoop;
  private listener: Listener | null = null;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly queues: StepQueues,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {
    const batch = options.relayBatchSize;
    this.loop = new WorkLoop(
      'outbox relay',
      async () => (await this.store.transaction((tx) => relayOutboxBatch(tx, this.queues, batch))) === batch,
      options.relayPollMs,
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.relay) return;
    await this.listen();
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    await this.listener?.close();
  }

  private async listen(): Promise<void> {
    this.listener = await this.store
      .listen(OUTBOX_CHANNEL_SQL, () => this.loop.wake(), (error) => {
        this.logger.warn(logFields(`outbox LISTEN connection lost (${String(error)}); polling until it is back`, { error: String(error) }));
        if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), this.options.relayPollMs);
      })
      .catch((error: unknown) => {
        this.logger.warn(logFields(`cannot LISTEN for outbox rows (${String(error)}); polling only`, { error: String(error) }));
        return null;
      });
  }
}
