import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decide,
  foldMessage,
  INITIAL_MESSAGE_STATE,
  jsonEquals,
  parsePublishRequest,
  type AcceptMessage,
  type MessageAccepted,
  type PublishRequest,
} from '@retrace/domain';
import { EventStore, StreamVersionConflictError } from '@retrace/event-store';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { MessageIdConflictError, UnknownSagaError } from '../errors';
import { MessageRepository } from '../messages/message-repository';
import { messageStreamId } from '../messages/stored-message';
import { OutboxRepository } from '../outbox/outbox-repository';
import { planStepJobs } from '../outbox/plan-step-jobs';
import { SagaRepository } from '../sagas/saga-repository';
import { scheduleAfter } from '../scheduling/step-schedule';
import { PublishMessageCommand, type PublishMessageResult } from './publish-message.command';

/** What a repeated publish is compared on: the request as the first publish recorded it. */
const publishedBody = (r: PublishRequest | MessageAccepted['data']) =>
  'messageType' in r
    ? { saga: r.saga, type: r.messageType, payload: r.payload, delayMs: r.delayMs, correlationId: r.correlationId }
    : { saga: r.saga, type: r.type, payload: r.payload, delayMs: r.delayMs, correlationId: r.correlationId };

/**
 * Accepts a message: validates it (400) before looking up its saga (404), then appends
 * `MessageAccepted` and the first `StepDispatched`, the read-model row and the first step's outbox
 * job in one transaction. The id is an idempotency key: the stream must not exist yet (expected
 * version 0), and a conflict is answered by comparing with what the first publish recorded.
 */
@CommandHandler(PublishMessageCommand)
export class PublishMessageHandler implements ICommandHandler<PublishMessageCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly sagas: SagaRepository,
    private readonly messages: MessageRepository,
    private readonly outbox: OutboxRepository,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {}

  async execute({ body, actor }: PublishMessageCommand): Promise<PublishMessageResult> {
    const request = parsePublishRequest(body);
    const saga = await this.sagas.find(request.saga);
    if (!saga) throw new UnknownSagaError(request.saga);

    const id = request.id ?? randomUUID();
    const runId = randomUUID();
    const accept: AcceptMessage = {
      type: 'AcceptMessage',
      saga: saga.definition.name,
      sagaVersion: saga.definition.version,
      messageType: request.type,
      payload: request.payload,
      correlationId: request.correlationId,
      delayMs: request.delayMs,
      runId,
      steps: saga.definition.steps.map((s) => ({ name: s.name, compensable: s.compensation !== null })),
      onFailure: saga.definition.onFailure,
    };
    const events = decide(INITIAL_MESSAGE_STATE, accept);
    const state = foldMessage(events);
    const metadata = { actor, reason: null, runId, causationId: null, correlationId: request.correlationId, saga: accept.saga };

    try {
      return await this.store.transaction(async (tx) => {
        const appended = await this.store.appendToStream(
          messageStreamId(id),
          events.map((e) => ({ type: e.type, data: e.data, metadata })),
          0,
          tx,
        );
        const acceptedAt = appended.positions[0];
        const schedule = scheduleAfter(state, events, saga.definition, this.options.firstCheckMs);
        await this.messages.save(tx, id, state, appended.streamVersion, acceptedAt, appended.lastPosition, schedule);
        await this.outbox.add(tx, planStepJobs(id, state, events, saga.definition));
        return { answer: { id, status: 'PENDING' as const, position: acceptedAt }, created: true };
      });
    } catch (error) {
      if (!(error instanceof StreamVersionConflictError)) throw error;
      return this.answerRepeat(id, request);
    }
  }

  private async answerRepeat(id: string, request: PublishRequest): Promise<PublishMessageResult> {
    const [first] = await this.store.readStream(messageStreamId(id));
    const accepted = first?.data as MessageAccepted['data'] | undefined;
    if (!first || !accepted || !jsonEquals(publishedBody(accepted), publishedBody(request))) {
      throw new MessageIdConflictError(id);
    }
    return { answer: { id, status: 'PENDING', position: first.position }, created: false };
  }
}
