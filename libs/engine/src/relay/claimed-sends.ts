import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore, type StoreSession } from '@retrace/event-store';
import { StepQueues } from '../dispatch/step-queues';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import type { OutboxJob } from '../outbox/outbox-job';
import { OutboxRepository } from '../outbox/outbox-repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { addStepJobs } from './add-step-jobs';

/**
 * Sends the jobs a decision claimed in its own statement — rows inserted already sent, their send
 * locks taken by the statement's session (OutboxRepository.addAllWith) — right after that commit,
 * with no claim of the relay's: no UPDATE, no second commit, two round trips fewer per hop. A
 * decision asks for a session first (`open`); with none free (`claimedSendsInFlight` claimed sends
 * running, or no relay in this process) it commits its rows unsent and hands them to the relay.
 * A send that fails marks its rows unsent again for the relay's poll. If the process dies between
 * the commit and the send, its connection's locks go with it and the rows stay sent without a
 * job: the sweeper finds the job missing and sends it again (after `firstCheckMs`).
 */
@Injectable()
export class ClaimedSends implements OnApplicationShutdown {
  private readonly logger = new Logger(ClaimedSends.name);
  /** Sessions that may be opened now. */
  private free: number;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly queues: StepQueues,
    private readonly outbox: OutboxRepository,
    private readonly signal: OutboxSignal,
    @Inject(ENGINE_OPTIONS) options: EngineOptions,
  ) {
    this.free = options.relay ? options.claimedSendsInFlight : 0;
  }

  /** A session to commit claimed jobs on, or null: commit them unclaimed. Pass it on to `send` or `abandon`. */
  async open(): Promise<StoreSession | null> {
    if (this.free <= 0) return null;
    this.free--;
    try {
      return await this.store.session();
    } catch (error) {
      this.free++;
      throw error;
    }
  }

  /** After the commit on `session` that inserted `jobs` claimed: adds them to BullMQ, then frees the session. */
  send(session: StoreSession, jobs: readonly OutboxJob[]): void {
    this.track(this.addThenRelease(session, jobs));
  }

  /** A session whose statement failed: it may hold locks of rows that were never committed. */
  abandon(session: StoreSession): void {
    this.track(this.addThenRelease(session, []));
  }

  async onApplicationShutdown(): Promise<void> {
    this.free = Number.NEGATIVE_INFINITY;
    await Promise.all(this.running);
  }

  private track(sending: Promise<void>): void {
    const done = sending.finally(() => {
      this.running.delete(done);
      this.free++;
    });
    this.running.add(done);
  }

  private async addThenRelease(session: StoreSession, jobs: readonly OutboxJob[]): Promise<void> {
    let broken = false;
    try {
      if (jobs.length > 0) await this.add(session, jobs);
      await this.outbox.releaseSendLocks(session.sql);
    } catch (error) {
      // PostgreSQL is away: closing the connection frees its locks; a row left sent without its job is the sweeper's.
      broken = true;
      this.logger.warn(`claimed send of ${jobs.length} jobs ended with its connection lost: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      session.release(broken);
    }
  }

  private async add(session: StoreSession, jobs: readonly OutboxJob[]): Promise<void> {
    try {
      await addStepJobs(this.queues, jobs.map((job) => ({ ...job, waitedMs: 0 })));
    } catch (error) {
      this.logger.warn(`could not send ${jobs.length} claimed jobs (the poll sends them): ${error instanceof Error ? error.message : String(error)}`);
      // Still under their send locks, so a withdrawal waiting for them then finds them unsent.
      await this.outbox.resend(session.sql, jobs.map((job) => job.jobId));
      this.signal.emit();
    }
  }
}
