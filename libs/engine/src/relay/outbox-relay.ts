import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@retrace/event-store';
import { GroupCommit } from '../background/group-commit';
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
  /**
   * Hand-over sends: up to `relaySendsInFlight` at once, each of up to `relayBatchSize` jobs; a job
   * committed while they run goes out in the next free one.
   */
  private readonly sends: GroupCommit<string, void>;

  constructor(
    private readonly store: EventStore,
    private readonly queues: StepQueues,
    private readonly signal: OutboxSignal,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {
    this.loop = new WorkLoop('outbox relay', () => this.tick(), options.relayPollMs, this.logger);
    this.sends = new GroupCommit((jobIds) => this.send(jobIds), (jobId) => jobId, {
      batchSize: options.relayBatchSize,
      inFlight: options.relaySendsInFlight,
    });
  }

  onApplicationBootstrap(): void {
    if (!this.options.relay) return;
    this.signal.acceptHandOver(true);
    this.unsubscribe = this.signal.subscribe(() => {
      for (const jobId of this.signal.takeCommitted()) void this.sends.submit(jobId);
      if (this.signal.lookWanted()) this.loop.wake();
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.signal.acceptHandOver(false);
    this.unsubscribe?.();
    await this.loop.stop();
    await this.sends.drain();
  }

  /** One hand-over send (a claim, an addBulk, a commit). A send that fails leaves its rows unsent for the poll. */
  private async send(jobIds: string[]): Promise<void[]> {
    try {
      await this.store.transaction((tx) => sendCommittedJobs(tx, this.queues, jobIds));
    } catch (error) {
      this.logger.warn(`could not send ${jobIds.length} handed-over jobs (the poll sends them): ${error instanceof Error ? error.message : String(error)}`);
    }
    return jobIds.map(() => undefined);
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
