import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@retrace/event-store';
import { WorkLoop } from '../background/work-loop';
import { OutboxSignal } from '../outbox/outbox-signal';
import { StepQueues } from '../dispatch/step-queues';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { relayOutboxBatch, sendCommittedJobs } from './relay-outbox-batch';

/**
 * Moves committed outbox rows into BullMQ. The rows this process commits are handed over right
 * after the commit (OutboxSignal) and sent by job id; every `relayPollMs`, and when asked (a
 * re-send), the relay also looks for unsent rows in the table — ones other processes left (their
 * relay off, or dead between commit and send). A lost hand-over only delays a job, never loses it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loop: WorkLoop;
  private unsubscribe: (() => void) | null = null;
  private lastLook = 0;
  /** Hand-over sends in flight: a job committed while one runs goes out at once in another. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly queues: StepQueues,
    private readonly signal: OutboxSignal,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {
    this.loop = new WorkLoop('outbox relay', () => this.tick(), options.relayPollMs, this.logger);
  }

  onApplicationBootstrap(): void {
    if (!this.options.relay) return;
    this.signal.acceptHandOver(true);
    this.unsubscribe = this.signal.subscribe(() => {
      this.sendHandedOver();
      if (this.signal.lookWanted()) this.loop.wake();
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.signal.acceptHandOver(false);
    this.unsubscribe?.();
    await this.loop.stop();
    await Promise.all(this.sending);
  }

  /**
   * Sends the jobs handed over and not taken yet, in up to `relaySendsInFlight` transactions at
   * once; the rest wait for a free one. A send that fails leaves its rows unsent for the poll.
   */
  private sendHandedOver(): void {
    while (this.sending.size < this.options.relaySendsInFlight) {
      const chunk = this.signal.takeCommitted(this.options.relayBatchSize);
      if (chunk.length === 0) return;
      const send: Promise<void> = this.store
        .transaction((tx) => sendCommittedJobs(tx, this.queues, chunk))
        .then(
          () => undefined,
          (error: unknown) => this.logger.warn(`could not send ${chunk.length} handed-over jobs (the poll sends them): ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          this.sending.delete(send);
          this.sendHandedOver();
        });
      this.sending.add(send);
    }
  }

  /** The poll; returns whether there may be more to send at once. */
  private async tick(): Promise<boolean> {
    const batch = this.options.relayBatchSize;
    const lookWanted = this.signal.takeLookWanted();
    if (!lookWanted && Date.now() - this.lastLook < this.options.relayPollMs) return false;
    this.lastLook = Date.now();
    // Rows younger than a poll interval are most likely handed over to their committer's relay.
    const minAgeMs = lookWanted ? 0 : this.options.relayPollMs;
    return (await this.store.transaction((tx) => relayOutboxBatch(tx, this.queues, batch, minAgeMs))) === batch;
  }
}
