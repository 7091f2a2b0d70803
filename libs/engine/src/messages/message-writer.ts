import { Inject, Injectable } from '@nestjs/common';
import { evolve, isTerminalStatus, type MessageEvent, type MessageState, type SagaDefinition } from '@retrace/domain';
import { EventStore, StreamVersionConflictError, type AppendResult, type EventMetadata, type SqlRunner } from '@retrace/event-store';
import { Signal } from '../background/signal';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { MessageNotFoundError } from '../errors';
import { EngineMetrics } from '../metrics/engine-metrics';
import { OutboxRepository } from '../outbox/outbox-repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { planStepJobs } from '../outbox/plan-step-jobs';
import { SagaRepository } from '../sagas/saga-repository';
import { scheduleAfter } from '../scheduling/step-schedule';
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

/** A message's first events, decided by the caller on the initial state. */
export interface NewMessage {
  id: string;
  events: MessageEvent[];
  state: MessageState;
  metadata: EventMetadata;
  saga: SagaDefinition;
}

const isTerminal = (state: MessageState) => state.status !== null && isTerminalStatus(state.status);

/**
 * The one way messages are written: decide on the current state, then append the events at the
 * version that state was folded from, with the read-model row, its sweeper schedule and the jobs
 * the events dispatch riding in the same statement (one round trip, one commit). When another
 * writer got there first, the version check fails and the decision is taken again on the newer
 * state. The state comes from the rows this process wrote last (MessageCache) or the read model.
 */
@Injectable()
export class MessageWriter {
  private readonly cache = new MessageCache();
  /** Emitted after each commit that settled a message (the bulk-operation runner listens). */
  readonly settled = new Signal();

  constructor(
    private readonly store: EventStore,
    private readonly messages: MessageRepository,
    private readonly sagas: SagaRepository,
    private readonly outbox: OutboxRepository,
    private readonly outboxSignal: OutboxSignal,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
    private readonly metrics: EngineMetrics,
  ) {}

  /**
   * Records a new message (its stream must not exist).
   * @throws StreamVersionConflictError when a message with this id exists
   */
  async create({ id, events, state, metadata, saga }: NewMessage): Promise<AppendResult> {
    const jobs = planStepJobs(id, state, events, saga);
    const appended = await this.store.appendToStream(
      messageStreamId(id),
      events.map((e) => ({ type: e.type, data: e.data, metadata })),
      0,
      undefined,
      [this.messages.saveWith(id, state, null, scheduleAfter(state, events, saga, this.options.firstCheckMs)), ...this.outbox.addWith(jobs)],
    );
    this.outboxSignal.committed(jobs);
    const now = new Date();
    const stored = { id, state, streamVersion: appended.streamVersion, acceptedPosition: appended.positions[0], lastPosition: appended.lastPosition, createdAt: now, updatedAt: now };
    this.cache.remember(stored, isTerminal(state));
    return appended;
  }

  /** `decide` may throw a DomainError (a refusal): nothing is written then. */
  async write(
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
        this.cache.remember(message, isTerminal(message.state));
        this.metrics.recordWrite(current, events);
        if (events.some((e) => e.type === 'MessageSettled')) this.settled.emit();
        return { message, events };
      } catch (error) {
        // Stale, or the outcome of the commit is unknown: read the row again next time.
        this.cache.forget(id);
        if (!(error instanceof StreamVersionConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  private async append(
    current: StoredMessage,
    events: MessageEvent[],
    metadata: EventMetadata,
    beforeAppend?: BeforeAppend,
  ): Promise<StoredMessage> {
    const state = events.reduce(evolve, current.state);
    const saga = await this.sagas.definition(state.saga, state.sagaVersion);
    const jobs = planStepJobs(current.id, state, events, saga);
    const schedule = scheduleAfter(state, events, saga, this.options.firstCheckMs);
    const commit = (tx?: SqlRunner) =>
      this.store.appendToStream(
        messageStreamId(current.id),
        // `saga` lets GET /v1/events?saga= find the message's events through events_saga_idx.
        events.map((e) => ({ type: e.type, data: e.data, metadata: { ...metadata, saga: state.saga } })),
        current.streamVersion,
        tx,
        [this.messages.saveWith(current.id, state, current.acceptedPosition, schedule), ...this.outbox.addWith(jobs)],
      );
    const appended = beforeAppend
      ? await this.store.transaction(async (tx) => {
          await beforeAppend(tx, current, events);
          return commit(tx);
        })
      : await commit();
    this.outboxSignal.committed(jobs);
    return { ...current, state, streamVersion: appended.streamVersion, lastPosition: appended.lastPosition, updatedAt: new Date() };
  }
}
