import { Inject, Injectable } from '@nestjs/common';
import type { MessageEvent } from '@retrace/domain';
import { EventStore, StreamVersionConflictError, type AppendResult, type EventMetadata, type SqlRunner, type StreamAppend } from '@retrace/event-store';
import { GroupCommit } from '../background/group-commit';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import type { OutboxJob } from '../outbox/outbox-job';
import { OutboxRepository } from '../outbox/outbox-repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { MessageRepository, type MessageRowWrite } from './message-repository';
import { messageStreamId } from './stored-message';

/** One message's decision as it is committed: its events after `expectedVersion`, its row, its jobs. */
export interface Decision {
  expectedVersion: number;
  events: MessageEvent[];
  metadata: EventMetadata;
  row: MessageRowWrite;
  jobs: OutboxJob[];
  /** Another stream the decision read that must not have moved on (a publish: its saga's registrations). */
  guard?: StreamAppend['guard'];
}

const DEADLOCK_DETECTED = '40P01';
/** Statements a batch may take when writers in flight keep failing it (each retry refuses what they took). */
const BATCH_ATTEMPTS = 3;

/**
 * Commits message decisions. Those submitted at the same time share one statement and one commit
 * (a GroupCommit over EventStore.appendToStreams): under load one round trip and one WAL flush
 * serve a batch. Each decision's stream is checked on its own: one that moved on is refused (null)
 * and the rest commit. Decisions go in message-id order, so writers on two replicas take their row
 * locks in one order; a deadlock PostgreSQL reports anyway rolls the batch back and it goes again.
 * So does a batch failed by a writer in flight (the unique key): that writer has committed by then,
 * so the statement taken again refuses its stream by the version check, like any other that moved on.
 */
@Injectable()
export class DecisionCommitter {
  private readonly commits: GroupCommit<Decision, AppendResult | null>;

  constructor(
    private readonly store: EventStore,
    private readonly messages: MessageRepository,
    private readonly outbox: OutboxRepository,
    private readonly outboxSignal: OutboxSignal,
    @Inject(ENGINE_OPTIONS) options: EngineOptions,
  ) {
    const commit = async (decisions: Decision[]) => {
      const results = await this.appendBatch(decisions);
      this.handOver(decisions, results);
      return results;
    };
    this.commits = new GroupCommit(commit, (decision) => decision.row.id, {
      batchSize: options.decisionBatchSize,
      inFlight: options.decisionCommitsInFlight,
    });
  }

  /** Commits `decision` with the others waiting now. What it appended, or null when its stream had moved on. */
  submit(decision: Decision): Promise<AppendResult | null> {
    return this.commits.submit(decision);
  }

  /** Appends `decision` inside `tx`; call `handOver` once `tx` has committed. */
  async appendIn(tx: SqlRunner, decision: Decision): Promise<AppendResult | null> {
    return (await this.append([decision], tx))[0];
  }

  /** After the commit: the relay takes the jobs of the decisions that were appended. */
  handOver(decisions: Decision[], results: (AppendResult | null)[]): void {
    this.outboxSignal.committed(decisions.flatMap((d, i) => (results[i] ? d.jobs : [])));
  }

  /** One statement for the batch, in message-id order; results in the batch's order. */
  private async appendBatch(decisions: Decision[]): Promise<(AppendResult | null)[]> {
    const order = decisions.map((_, i) => i).sort((a, b) => (decisions[a].row.id < decisions[b].row.id ? -1 : 1));
    const sorted = order.map((i) => decisions[i]);
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await this.append(sorted);
        const inOrder = new Array<AppendResult | null>(decisions.length);
        order.forEach((i, k) => (inOrder[i] = results[k]));
        return inOrder;
      } catch (error) {
        const retryable = error instanceof StreamVersionConflictError || (error as { code?: string }).code === DEADLOCK_DETECTED;
        if (!retryable || attempt >= BATCH_ATTEMPTS) throw error;
      }
    }
  }

  private append(decisions: Decision[], tx?: SqlRunner): Promise<(AppendResult | null)[]> {
    return this.store.appendToStreams(
      decisions.map((d) => ({
        streamId: messageStreamId(d.row.id),
        expectedVersion: d.expectedVersion,
        events: d.events.map((e) => ({ type: e.type, data: e.data, metadata: d.metadata })),
        guard: d.guard,
      })),
      [...this.messages.saveAllWith(decisions.map((d) => d.row)), this.outbox.addAllWith(decisions.flatMap((d) => d.jobs))],
      tx,
    );
  }
}
