import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@retrace/event-store';
import type { DataSource } from 'typeorm';
import { GetMessageHandler } from './get-message/get-message.handler';
import { GetMessageEventsHandler } from './get-message-events/get-message-events.handler';
import { GetSagaHandler } from './get-saga/get-saga.handler';
import { ListMessagesHandler } from './list-messages/list-messages.handler';
import { ListSagasHandler } from './list-sagas/list-sagas.handler';
import { MessageRepository } from './messages/message-repository';
import { OutboxRepository } from './outbox/outbox-repository';
import { PublishMessageHandler } from './publish-message/publish-message.handler';
import { ReadEventsHandler } from './read-events/read-events.handler';
import { RegisterSagaHandler } from './register-saga/register-saga.handler';
import { SagaRepository } from './sagas/saga-repository';

const HANDLERS = [
  RegisterSagaHandler,
  GetSagaHandler,
  ListSagasHandler,
  PublishMessageHandler,
  GetMessageHandler,
  GetMessageEventsHandler,
  ListMessagesHandler,
  ReadEventsHandler,
];

export interface EngineModuleOptions {
  dataSource: DataSource;
}

/** The engine: use cases behind the command and query buses, over the event store. */
@Module({})
export class EngineModule {
  static forRoot({ dataSource }: EngineModuleOptions): DynamicModule {
    return {
      module: EngineModule,
      imports: [CqrsModule.forRoot(), EventStoreModule.forRoot({ dataSource })],
      providers: [SagaRepository, MessageRepository, OutboxRepository, ...HANDLERS],
      exports: [CqrsModule, EventStoreModule],
    };
  }
}
