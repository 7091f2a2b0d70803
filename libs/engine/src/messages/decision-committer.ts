import { Inject, Injectable } from '@nestjs/common';
import type { MessageEvent } from '@retrace/domain';
import { EventStore, StreamVersionConflictError, type AppendResult, type EventMetadata, type SqlRunner, type StoreSession, type StreamAppend } from '@retrace/event-store';
import { GroupCommit } from '../background/group-commit';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import type { OutboxJob } from '../outbox/outbox-job';
import { OutboxRepository } from '../outbox/outbox-repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { ClaimedSends } from '../relay/claimed-sends';
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

/** What a batch's statement appended per decision, and the ids of the outbox rows it inserted. */
interface Appended {
  results: (AppendResult | null)[];
  inserted: string[];
}

/** A commit's decisions with what their statement appended. */
interface Committed extends Appended {
  decisions: Decision[];
}

/** Rolls back a transaction whose append was refused (the stream had moved on). */
class DecisionRefused extends Error {}

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
 * A batch's jobs go in claimed when a ClaimedSends session is free (sent right after the commit by
 * this process), else unclaimed and handed to the relay (OutboxSignal).
 */
@Injectable()
export class DecisionCommitter {
  private readonly commits: GroupCommit<Decision, AppendResult | null>;

  constructor(
    private readonly store: EventStore,
    private readonly messages: MessageRepository,
    private readonly outbox: OutboxRepository,
    private readonly outboxSignal: OutboxSignal,
    private readonly claims: ClaimedSends,
    @Inject(ENGINE_OPTIONS) options: EngineOptions,
  ) {
    const commit = (decisions: Decision[]) =>
      this.withClaims(
        decisions.some((d) => d.jobs.length > 0),
        async (session) => ({ decisions, ...(await this.appendBatch(decisions, session)) }),
      );
    this.commits = new GroupCommit(commit, (decision) => decision.row.id, {
      batchSize: options.decisionBatchSize,
      inFlight: options.decisionCommitsInFlight,
    });
  }

  /** Commits `decision` with the others waiting now. What it appended, or null when its stream had moved on. */
  submit(decision: Decision): Promise<AppendResult | null> {
    return this.commits.submit(decision);
  }

  /**
   * Commits `decision` in a transaction of its own after `before` (work that must commit with it,
   * or not at all: nothing of it commits when the decision is refused), its jobs claimed like a
   * batch's when a session is free. What it appended, or null when its stream had moved on.
   */
  async commitAlone(decision: Decision, before: (tx: SqlRunner) => Promise<void>): Promise<AppendResult | null> {
    const results = await this.commitTogether(
      async (tx) => {
        await before(tx);
        return [decision];
      },
      (_tx, appended) => {
        // Refused: what `before` did must not commit without the decision.
        return appended[0] ? Promise.resolve() : Promise.reject(new DecisionRefused());
      },
    ).catch((error: unknown) => {
      if (error instanceof DecisionRefused) return [null];
      throw error;
    });
    return results[0];
  }

  /**
   * One transaction: `decide` does its work and answers the decisions to commit, which go in one
   * statement (their jobs claimed like a batch's when a session is free), then `settle` sees what
   * each appended (null: its stream had moved on) and may do more work, or throw to roll it all back.
   */
  async commitTogether(
    decide: (tx: SqlRunner) => Promise<Decision[]>,
    settle: (tx: SqlRunner, results: (AppendResult | null)[]) => Promise<void>,
  ): Promise<(AppendResult | null)[]> {
    return this.withClaims(true, (session) => {
      const inTransaction = async (tx: SqlRunner) => {
        const decisions = await decide(tx);
        const appended = await this.append(decisions, tx, session !== null);
        await settle(tx, appended.results);
        return { decisions, ...appended };
      };
      return session ? session.transaction(inTransaction) : this.store.transaction(inTransaction);
    });
  }

  /**
   * Runs `commit` on a ClaimedSends session when `claim` and one is free (its jobs go in claimed),
   * else with null (they go in unclaimed). After it, the jobs it inserted claimed are sent, or the
   * appended decisions' jobs are handed to the relay; a failed commit abandons its session.
   */
  private async withClaims(claim: boolean, commit: (session: StoreSession | null) => Promise<Committed>): Promise<(AppendResult | null)[]> {
    const session = claim ? await this.claims.open() : null;
    try {
      const { decisions, results, inserted } = await commit(session);
      if (!session) {
        this.handOver(decisions, results);
        return results;
      }
      const jobs = new Map(decisions.flatMap((d) => d.jobs).map((job) => [job.jobId, job]));
      this.claims.send(session, inserted.map((jobId) => jobs.get(jobId)!));
      return results;
    } catch (error) {
      if (session) this.claims.abandon(session);
      throw error;
    }
  }

  /** After the commit of unclaimed jobs: the relay takes the jobs of the decisions that were appended. */
  private handOver(decisions: Decision[], results: (AppendResult | null)[]): void {
    this.outboxSignal.committed(decisions.flatMap((d, i) => (results[i] ? d.jobs : [])));
  }

  /**
   * One statement for the batch, in message-id order; results in the batch's order. On `session`
   * the jobs go in claimed (see ClaimedSends), else unclaimed on any pooled connection.
   */
  private async appendBatch(decisions: Decision[], session: StoreSession | null): Promise<Appended> {
    const order = decisions.map((_, i) => i).sort((a, b) => (decisions[a].row.id < decisions[b].row.id ? -1 : 1));
    const sorted = order.map((i) => decisions[i]);
    for (let attempt = 1; ; attempt++) {
      try {
        const { results, inserted } = await this.append(sorted, session?.sql, session !== null);
        const inOrder = new Array<AppendResult | null>(decisions.length);
        order.forEach((i, k) => (inOrder[i] = results[k]));
        return { results: inOrder, inserted };
      } catch (error) {
        const retryable = error instanceof StreamVersionConflictError || (error as { code?: string }).code === DEADLOCK_DETECTED;
        if (!retryable || attempt >= BATCH_ATTEMPTS) throw error;
      }
    }
  }

  private async append(decisions: Decision[], sql?: SqlRunner, claim = false): Promise<Appended> {
    if (decisions.length === 0) return { results: [], inserted: [] };
    let inserted: string[] = [];
    const results = await this.store.appendToStreams(
      decisions.map((d) => ({
        streamId: messageStreamId(d.row.id),
        expectedVersion: d.expectedVersion,
        events: d.events.map((e) => ({ type: e.type, data: e.data, metadata: d.metadata })),
        guard: d.guard,
      })),
      [
        ...this.messages.saveAllWith(decisions.map((d) => d.row)),
        this.outbox.addAllWith(decisions.flatMap((d) => d.jobs), claim, (jobIds) => (inserted = jobIds)),
      ],
      sql,
    );
    return { results, inserted };
  }
}
