import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@retrace/event-store';
import type { DataSource } from 'typeorm';
import { StepQueues } from './dispatch/step-queues';
import { StepWithdrawer } from './dispatch/step-withdrawer';
import { CancelOperationHandler } from './cancel-operation/cancel-operation.handler';
import { CreateOperationHandler } from './create-operation/create-operation.handler';
import { GetOperationHandler } from './get-operation/get-operation.handler';
import { ListOperationsHandler } from './list-operations/list-operations.handler';
import { OperationRepository } from './operations/operation-repository';
import { OperationRunner } from './operations/operation-runner';
import { CancelMessageHandler } from './cancel-message/cancel-message.handler';
import { ReplayMessageHandler } from './replay-message/replay-message.handler';
import { RetractMessageHandler } from './retract-message/retract-message.handler';
import { UndoMessageHandler } from './undo-message/undo-message.handler';
import { DEFAULT_ENGINE_OPTIONS, ENGINE_OPTIONS, type EngineOptions } from './engine-options';
import { DecisionCommitter } from './messages/decision-committer';
import { MessageWriter } from './messages/message-writer';
import { EngineMetrics } from './metrics/engine-metrics';
import type { QueueBackend } from './queue-backend/queue-backend';
import { QUEUE_BACKEND } from './queue-backend/queue-backend.token';
import { OutboxPruner } from './outbox/outbox-pruner';
import { ClaimedSends } from './relay/claimed-sends';
import { OutboxRelay } from './relay/outbox-relay';
import { ReplyApplier } from './replies/reply-applier';
import { ReplyConsumer } from './replies/reply-consumer';
import { ReplyStreamConsumer } from './replies/reply-stream-consumer';
import { StepSweeper } from './sweeper/step-sweeper';
import { HTTP_STEP_QUEUE_BACKEND, HTTP_STEP_WORKER_OPTIONS, HttpStepWorker } from './http-steps';
import { GetMessageHandler } from './get-message/get-message.handler';
import { GetMessageEventsHandler } from './get-message-events/get-message-events.handler';
import { GetSagaHandler } from './get-saga/get-saga.handler';
import { ListMessagesHandler } from './list-messages/list-messages.handler';
import { ListSagasHandler } from './list-sagas/list-sagas.handler';
import { MessageRepository } from './messages/message-repository';
import { OutboxRepository } from './outbox/outbox-repository';
import { OutboxSignal } from './outbox/outbox-signal';
import { PublishMessageHandler } from './publish-message/publish-message.handler';
import { ReadEventsHandler } from './read-events/read-events.handler';
import { LIVE_TAIL_PROVIDERS } from './live-tail';
import { RegisterSagaHandler } from './register-saga/register-saga.handler';
import { PROJECTION_PROVIDERS } from './projections/projection-providers';
import { SagaRepository } from './sagas/saga-repository';
import { SUBSCRIPTION_PROVIDERS } from './subscriptions/subscription-providers';
import { TransitionStatsHandler } from './transition-stats/transition-stats.handler';

const HANDLERS = [
  RegisterSagaHandler,
  GetSagaHandler,
  ListSagasHandler,
  PublishMessageHandler,
  GetMessageHandler,
  GetMessageEventsHandler,
  ListMessagesHandler,
  ReadEventsHandler,
  RetractMessageHandler,
  CancelMessageHandler,
  UndoMessageHandler,
  ReplayMessageHandler,
  CreateOperationHandler,
  GetOperationHandler,
  ListOperationsHandler,
  CancelOperationHandler,
  TransitionStatsHandler,
];

export interface EngineModuleOptions {
  dataSource: DataSource;
  queueBackend: QueueBackend;
  /** Which background work runs here, and its tuning; defaults run everything. */
  options?: Partial<EngineOptions>;
}

const BACKGROUND = [StepQueues, StepWithdrawer, OperationRepository, OperationRunner, OutboxRelay, ClaimedSends, OutboxPruner, ReplyApplier, ReplyConsumer, ReplyStreamConsumer, StepSweeper];

/** The engine: use cases behind the command and query buses, over the event store. */
@Module({})
export class EngineModule {
  static forRoot({ dataSource, queueBackend, options }: EngineModuleOptions): DynamicModule {
    const engine = { ...DEFAULT_ENGINE_OPTIONS, ...options };
    const httpSteps = engine.httpSteps
      ? [
          { provide: HTTP_STEP_QUEUE_BACKEND, useExisting: QUEUE_BACKEND },
          { provide: HTTP_STEP_WORKER_OPTIONS, useValue: { concurrency: engine.httpStepConcurrency } },
          HttpStepWorker,
        ]
      : [];
    return {
      module: EngineModule,
      imports: [CqrsModule.forRoot(), EventStoreModule.forRoot({ dataSource })],
      providers: [
        { provide: QUEUE_BACKEND, useValue: queueBackend },
        { provide: ENGINE_OPTIONS, useValue: engine },
        SagaRepository,
        MessageRepository,
        OutboxRepository,
        OutboxSignal,
        DecisionCommitter,
        MessageWriter,
        EngineMetrics,
        ...BACKGROUND,
        ...httpSteps,
        ...HANDLERS,
        ...LIVE_TAIL_PROVIDERS,
        ...SUBSCRIPTION_PROVIDERS,
        ...PROJECTION_PROVIDERS,
      ],
      exports: [CqrsModule, EventStoreModule, EngineMetrics],
    };
  }
}
