import { Inject, Injectable } from '@nestjs/common';
import { evolve, type MessageEvent, type MessageState } from '@retrace/domain';
import { EventStore, StreamVersionConflictError, type EventMetadata, type SqlRunner } from '@retrace/event-store';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { MessageNotFoundError } from '../errors';
import { EngineMetrics } from '../metrics/engine-metrics';
import { OutboxRepository } from '../outbox/outbox-repository';
import { planStepJobs } from '../outbox/plan-step-jobs';
import { SagaRepository } from '../sagas/saga-repository';
import { scheduleAfter } from '../scheduling/step-schedule';
import { MessageRepository } from './message-repository';
import { messageStreamId, type StoredMessage } from './stored-message';

const MAX_CONFLICT_RETRIES = 20;

/** Work that must commit (or fail) with the decision, run in its transaction before the append. */
export type BeforeAppend = (tx: SqlRunner, current: StoredMessage, events: MessageEvent[]) => Promise<void>;

export interface WriteResult {
  message: StoredMessage;
  events: MessageEvent[];
}

/**
 * The one way a message changes after it is accepted: read its state from the read model, decide,
 * then append the events (at the version that state was folded from), save the new state and
 * schedule, and add the jobs the events dispatch — all in one transaction. When another writer got
 * there first, the version check fails and the decision is taken again on the newer state.
 */
@Injectable()
export class MessageWriter {
  constructor(
    private readonly store: EventStore,
    private readonly messages: MessageRepository,
    private readonly sagas: SagaRepository,
    private readonly outbox: OutboxRepository,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
    private readonly metrics: EngineMetrics,
  ) {}

  /** `decide` may throw a DomainError (a refusal): nothing is written then. */
  async write(
    id: string,
    decide: (state: MessageState) => MessageEvent[] | Promise<MessageEvent[]>,
    metadata: (state: MessageState) => EventMetadata,
    beforeAppend?: BeforeAppend,
  ): Promise<WriteResult> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.messages.find(id);
      if (!current) throw new MessageNotFoundError(id);
      const events = await decide(current.state);
      if (events.length === 0) return { message: current, events };
      try {
        const message = await this.append(current, events, metadata(current.state), beforeAppend);
        this.metrics.recordWrite(current, events);
        return { message, events };
      } catch (error) {
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
    return this.store.transaction(async (tx) => {
      await beforeAppend?.(tx, current, events);
      const appended = await this.store.appendToStream(
        messageStreamId(current.id),
        // `saga` lets GET /v1/events?saga= find the message's events through events_saga_idx.
        events.map((e) => ({ type: e.type, data: e.data, metadata: { ...metadata, saga: state.saga } })),
        current.streamVersion,
        tx,
      );
      const schedule = scheduleAfter(state, events, saga, this.options.firstCheckMs);
      await this.messages.save(tx, current.id, state, appended.streamVersion, current.acceptedPosition, appended.lastPosition, schedule);
      await this.outbox.add(tx, planStepJobs(current.id, state, events, saga));
      return { ...current, state, streamVersion: appended.streamVersion, lastPosition: appended.lastPosition, updatedAt: new Date() };
    });
  }
}
