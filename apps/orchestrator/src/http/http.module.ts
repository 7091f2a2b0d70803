import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { RetraceExceptionFilter } from './errors/retrace-exception.filter';
import { MessageActionsController } from './admin/message-actions.controller';
import { OperationsController } from './admin/operations.controller';
import { ProjectionsController } from './admin/projections.controller';
import { StatsController } from './admin/stats.controller';
import { SubscriptionsAdminController } from './admin/subscriptions-admin.controller';
import { EventsController } from './events/events.controller';
import { MessagesController } from './messages/messages.controller';
import { SagasController } from './sagas/sagas.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

/** The service plane of the HTTP API (API.md). Controllers only translate; the engine decides. */
@Module({
  controllers: [SagasController, MessagesController, EventsController, MessageActionsController, OperationsController, StatsController, SubscriptionsController, SubscriptionsAdminController, ProjectionsController],
  providers: [{ provide: APP_FILTER, useClass: RetraceExceptionFilter }],
})
export class HttpModule {}
