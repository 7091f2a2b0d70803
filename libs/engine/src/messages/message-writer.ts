import { Inject, Injectable } from '@nestjs/common';
import { evolve, isTerminalStatus, type MessageEvent, type MessageState, type SagaDefinition } from '@retrace/domain';
import { EventStore, StreamVersionConflictError, type AppendResult, type EventMetadata, type SqlRunner } from '@retrace/event-store';
import { Signal } from '../background/signal';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { MessageNotFoundError } from '../errors';
import { EngineMetrics } from '../metrics/engine-metrics';
import { planStepJobs } from '../outbox/plan-step-jobs';
import { SagaRepository } from '../sagas/saga-repository';
import { scheduleAfter } from '../scheduling/step-schedule';
import { DecisionCommitter, type Decision } from './decision-committer';
import { MessageCache } from './message-cache';
import { MessageRepository } from './message-repository';
import { messageStreamId, type StoredMessage } from './stored-message';

const MAX_CONFLICT_RETRIES = 20;

/** Work that must commit (or fail) with the decision, run in its transaction before the append. */
export type BeforeAppend = (tx: SqlRunner, current: StoredMessage, events: MessageEvent[]) => Promise<void>;

export interface WriteResult {
  message: StoredMessage;
  events: MessageEvent[];
}

/** One message's part of writeTogether: how to decide on it (`decide` may throw a refusal). */
export interface TogetherWrite {
  id: string;
  decide: (state: MessageState) => MessageEvent[];
  metadata: (state: MessageState) => EventMetadata;
}

/** What writeTogether did for one message: written (events empty: nothing to write), refused (its stream moved on), or failed. */
export type TogetherOutcome =
  | { id: string; kind: 'written'; result: WriteResult }
  | { id: string; kind: 'refused' }
  | { id: string; kind: 'failed'; error: unknown };

/** The work writeTogether's transaction does around the decisions. */
export interface TogetherWork {
  /** First: answers the ids (of the writes) that may go ahead. */
  admit: (tx: SqlRunner) => Promise<ReadonlySet<string>>;
  /** Per message with events, before the append (as `BeforeAppend` for write). */
  beforeAppend?: BeforeAppend;
  /** Last, with every admitted message's outcome; throwing rolls everything back. */
  settle: (tx: SqlRunner, outcomes: TogetherOutcome[]) => Promise<void>;
}

/** A message's first events, decided by the caller on the initial state. */
export interface NewMessage {
  id: string;
  events: MessageEvent[];
  state: MessageState;
  metadata: EventMetadata;
  saga: SagaDefinition;
  /** The saga's stream as the caller read it: refused (SagaChangedError) if it has moved on since. */
  sagaGuard?: Decision['guard'];
}

/** A new message was refused because its saga got a registration since the caller read it: read it again. */
export class SagaChangedError extends Error {
  constructor(readonly saga: string) {
    super(`saga ${saga} was registered again while the message was being accepted`);
    this.name = 'SagaChangedError';
  }
}

const isTerminal = (state: MessageState) => state.status !== null && isTerminalStatus(state.status);

/**
 * The one way messages are written: decide on the current state, then append the events at the
 * version that state was folded from, with the read-model row, its sweeper schedule and the jobs
 * the events dispatch riding in the same statement, which decisions of other messages taken at the
 * same time share (DecisionCommitter). When another writer got there first, the version check
 * refuses that message alone and its decision is taken again on the newer state. Writes of one
 * message in this process take turns. The state comes from the rows this process wrote last
 * (MessageCache) or the read model.
 */
@Injectable()
export class MessageWriter {
  private readonly cache = new MessageCache();
  /** The write in progress per message: the next one waits for it and decides on its outcome. */
  private readonly turns = new Map<string, Promise<unknown>>();
  /** Emitted after each commit that settled a message (the bulk-operation runner listens). */
  readonly settled = new Signal();

  constructor(
    private readonly store: EventStore,
    private readonly messages: MessageRepository,
    private readonly sagas: SagaRepository,
    private readonly decisions: DecisionCommitter,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
    private readonly metrics: EngineMetrics,
  ) {}

  /**
   * Records a new message (its stream must not exist).
   * @throws StreamVersionConflictError when a message with this id exists
   * @throws SagaChangedError when `sagaGuard`'s stream moved on (nothing was written)
   */
  async create({ id, events, state, metadata, saga, sagaGuard }: NewMessage): Promise<AppendResult> {
    const schedule = scheduleAfter(state, events, saga, this.options.firstCheckMs);
    const jobs = planStepJobs(id, state, events, saga);
    const decision: Decision = { expectedVersion: 0, events, metadata, row: { id, state, acceptedPosition: null, schedule }, jobs, guard: sagaGuard };
    const appended = await this.decisions.submit(decision);
    if (!appended) {
      const version = await this.store.readStreamVersion(messageStreamId(id));
      if (version === 0 && sagaGuard) throw new SagaChangedError(saga.name);
      throw new StreamVersionConflictError(messageStreamId(id), 0, version);
    }
    const now = new Date();
    const stored = { id, state, streamVersion: appended.streamVersion, acceptedPosition: appended.positions[0], lastPosition: appended.lastPosition, createdAt: now, updatedAt: now };
    this.cache.remember(stored, isTerminal(state));
    return appended;
  }

  /** `decide` may throw a DomainError (a refusal): nothing is written then. */
  write(
    id: string,
    decide: (state: MessageState) => MessageEvent[] | Promise<MessageEvent[]>,
    metadata: (state: MessageState) => EventMetadata,
    beforeAppend?: BeforeAppend,
  ): Promise<WriteResult> {
    const previous = this.turns.get(id);
    const write = (previous ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.writeInTurn(id, decide, metadata, beforeAppend));
    this.turns.set(id, write);
    const leave = () => {
      if (this.turns.get(id) === write) this.turns.delete(id);
    };
    write.then(leave, leave);
    return write;
  }

  private async writeInTurn(
    id: string,
    decide: (state: MessageState) => MessageEvent[] | Promise<MessageEvent[]>,
    metadata: (state: MessageState) => EventMetadata,
    beforeAppend?: BeforeAppend,
  ): Promise<WriteResult> {
    for (let attempt = 0; ; attempt++) {
      const current = (attempt === 0 ? this.cache.get(id) : undefined) ?? (await this.messages.find(id));
      if (!current) throw new MessageNotFoundError(id);
      const events = await decide(current.state);
      if (events.length === 0) return { message: current, events };
      try {
        const message = await this.append(current, events, metadata(current.state), beforeAppend);
        if (message) {
          this.cache.remember(message, isTerminal(message.state));
          this.metrics.recordWrite(current, events);
          if (events.some((e) => e.type === 'MessageSettled')) this.settled.emit();
          return { message, events };
        }
        // Refused: another writer appended since `current` was read.
        this.cache.forget(id);
      } catch (error) {
        // Stale, or the outcome of the commit is unknown: read the row again next time.
        this.cache.forget(id);
        if (!(error instanceof StreamVersionConflictError)) throw error;
      }
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw new StreamVersionConflictError(messageStreamId(id), current.streamVersion, await this.store.readStreamVersion(messageStreamId(id)));
      }
    }
  }

  /**
   * Decides on many messages and commits what they decide in one transaction and one statement:
   * `work.admit` first (the writes it does not admit are left out), each `work.beforeAppend`, the
   * append, then `work.settle` with each admitted message's outcome. A message whose stream moved
   * on is `refused`, not decided again: the caller chooses (in `settle`) what becomes of it. Writes
   * of these messages do not take turns with write(): the version check keeps them apart.
   */
  async writeTogether(writes: readonly TogetherWrite[], work: TogetherWork): Promise<TogetherOutcome[]> {
    const outcomes: TogetherOutcome[] = [];
    const written: { write: TogetherWrite; current: StoredMessage; events: MessageEvent[]; decision: Decision }[] = [];
    await this.decisions.commitTogether(
      async (tx) => {
        const admitted = await work.admit(tx);
        const going = writes.filter((w) => admitted.has(w.id));
        const rows = new Map((await this.messages.findAll(going.map((w) => w.id), tx)).map((row) => [row.id, row]));
        for (const write of going) {
          const current = rows.get(write.id);
          try {
            if (!current) throw new MessageNotFoundError(write.id);
            const events = write.decide(current.state);
            if (events.length === 0) {
              outcomes.push({ id: write.id, kind: 'written', result: { message: current, events } });
              continue;
            }
            await work.beforeAppend?.(tx, current, events);
            written.push({ write, current, events, decision: await this.decisionFor(current, events, write.metadata(current.state)) });
          } catch (error) {
            outcomes.push({ id: write.id, kind: 'failed', error });
          }
        }
        return written.map((w) => w.decision);
      },
      async (tx, results) => {
        written.forEach(({ write, current, events, decision }, i) => {
          const appended = results[i];
          outcomes.push(appended ? { id: write.id, kind: 'written', result: { message: this.after(current, decision, appended), events } } : { id: write.id, kind: 'refused' });
        });
        await work.settle(tx, outcomes);
      },
    ).catch((error: unknown) => {
      for (const write of writes) this.cache.forget(write.id);
      throw error;
    });
    const previous = new Map(written.map((w) => [w.write.id, w.current]));
    for (const outcome of outcomes) {
      if (outcome.kind === 'refused') this.cache.forget(outcome.id);
      if (outcome.kind !== 'written' || outcome.result.events.length === 0) continue;
      const { message, events } = outcome.result;
      this.cache.remember(message, isTerminal(message.state));
      this.metrics.recordWrite(previous.get(outcome.id)!, events);
      if (events.some((e) => e.type === 'MessageSettled')) this.settled.emit();
    }
    return outcomes;
  }

  /** The message after `events`, or null when its stream had moved past `current` (nothing written). */
  private async append(current: StoredMessage, events: MessageEvent[], metadata: EventMetadata, beforeAppend?: BeforeAppend): Promise<StoredMessage | null> {
    const decision = await this.decisionFor(current, events, metadata);
    const appended = beforeAppend
      ? await this.decisions.commitAlone(decision, (tx) => beforeAppend(tx, current, events))
      : await this.decisions.submit(decision);
    return appended ? this.after(current, decision, appended) : null;
  }

  /** What committing `events` on `current` writes: the events, the row, its schedule and its jobs. */
  private async decisionFor(current: StoredMessage, events: MessageEvent[], metadata: EventMetadata): Promise<Decision> {
    const state = events.reduce(evolve, current.state);
    const saga = await this.sagas.definition(state.saga, state.sagaVersion);
    return {
      expectedVersion: current.streamVersion,
      events,
      // `saga` lets GET /v1/events?saga= find the message's events through events_saga_idx.
      metadata: { ...metadata, saga: state.saga },
      row: { id: current.id, state, acceptedPosition: current.acceptedPosition, schedule: scheduleAfter(state, events, saga, this.options.firstCheckMs) },
      jobs: planStepJobs(current.id, state, events, saga),
    };
  }

  private after(current: StoredMessage, decision: Decision, appended: AppendResult): StoredMessage {
    return { ...current, state: decision.row.state, streamVersion: appended.streamVersion, lastPosition: appended.lastPosition, updatedAt: new Date() };
  }
}
