import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@retrace/event-store';
import { WorkLoop } from '../background/work-loop';
import { OutboxSignal } from '../outbox/outbox-signal';
import { StepQueues } from '../dispatch/step-queues';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { relayOutboxBatch } from './relay-outbox-batch';

/**
 * Moves committed outbox rows into BullMQ: woken at once after this process commits outbox rows
 * (OutboxSignal), and polling every `relayPollMs` for rows other processes left (one whose relay
 * is off or died between commit and send). A missed wake-up only delays a job, never loses it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loop: WorkLoop;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly queues: StepQueues,
    private readonly signal: OutboxSignal,
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

  onApplicationBootstrap(): void {
    if (!this.options.relay) return;
    this.unsubscribe = this.signal.subscribe(() => this.loop.wake());
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
  }
}
