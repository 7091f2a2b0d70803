import { randomUUID } from 'node:crypto';
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
import { MessageIdConflictError, UnknownSagaError } from '../errors';
import { MessageWriter, SagaChangedError } from '../messages/message-writer';
import { messageStreamId } from '../messages/stored-message';
import type { SagaRecord } from '../sagas/saga-record';
import { SagaRepository, type LatestSaga } from '../sagas/saga-repository';
import { PublishMessageCommand, type PublishMessageResult } from './publish-message.command';

/** What a repeated publish is compared on: the request as the first publish recorded it. */
const publishedBody = (r: PublishRequest | MessageAccepted['data']) =>
  'messageType' in r
    ? { saga: r.saga, type: r.messageType, payload: r.payload, delayMs: r.delayMs, correlationId: r.correlationId }
    : { saga: r.saga, type: r.type, payload: r.payload, delayMs: r.delayMs, correlationId: r.correlationId };

/**
 * Reads of the saga a publish may take when registrations keep landing between read and append;
 * the last goes unguarded (it pins what it just read, as any read-then-append would).
 */
const SAGA_READS = 3;

/**
 * Accepts a message: validates it (400) before looking up its saga (404), then appends
 * `MessageAccepted` and the first `StepDispatched`, the read-model row and the first step's outbox
 * job in one statement (MessageWriter.create). The id is an idempotency key: the stream must not exist yet (expected
 * version 0), and a conflict is answered by comparing with what the first publish recorded.
 * The saga's latest version comes from SagaRepository's cache; the append checks that the saga's
 * stream has not moved on since, and if it has, the publish reads the saga again and decides again.
 */
@CommandHandler(PublishMessageCommand)
export class PublishMessageHandler implements ICommandHandler<PublishMessageCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly sagas: SagaRepository,
    private readonly writer: MessageWriter,
  ) {}

  async execute({ body, actor }: PublishMessageCommand): Promise<PublishMessageResult> {
    const request = parsePublishRequest(body);
    const id = request.id ?? randomUUID();
    for (let attempt = 1; ; attempt++) {
      const saga = await this.sagas.latest(request.saga);
      if (!saga) throw new UnknownSagaError(request.saga);
      try {
        return await this.accept(id, request, saga.record, attempt < SAGA_READS ? saga.guard : undefined, actor);
      } catch (error) {
        if (error instanceof StreamVersionConflictError) return this.answerRepeat(id, request);
        if (!(error instanceof SagaChangedError)) throw error;
        this.sagas.forget(request.saga);
      }
    }
  }

  private async accept(
    id: string,
    request: PublishRequest,
    { definition }: SagaRecord,
    guard: LatestSaga['guard'] | undefined,
    actor: string | null,
  ): Promise<PublishMessageResult> {
    const runId = randomUUID();
    const accept: AcceptMessage = {
      type: 'AcceptMessage',
      saga: definition.name,
      sagaVersion: definition.version,
      messageType: request.type,
      payload: request.payload,
      correlationId: request.correlationId,
      delayMs: request.delayMs,
      runId,
      steps: definition.steps.map((s) => ({ name: s.name, compensable: s.compensation !== null })),
      onFailure: definition.onFailure,
    };
    const events = decide(INITIAL_MESSAGE_STATE, accept);
    const state = foldMessage(events);
    const metadata = { actor, reason: null, runId, causationId: null, correlationId: request.correlationId, saga: accept.saga };
    const appended = await this.writer.create({ id, events, state, metadata, saga: definition, sagaGuard: guard });
    return { answer: { id, status: 'PENDING' as const, position: appended.positions[0] }, created: true };
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
