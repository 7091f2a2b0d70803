import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { RetraceExceptionFilter } from './errors/retrace-exception.filter';
import { StorableTextPipe } from './errors/storable-text.pipe';
import { ViewerRedaction } from './redaction/viewer-redaction';
import { AuthenticationGuard } from './auth/authentication.guard';
import { AuthorizationGuard } from './auth/authorization.guard';
import { SagaLookup } from './auth/saga-lookup';
import { LimitsModule } from './limits/limits.module';
import { RateLimitGuard } from './limits/rate-limit.guard';
import { MessageActionsController } from './admin/message-actions.controller';
import { OperationsController } from './admin/operations.controller';
import { ProjectionsController } from './admin/projections.controller';
import { StatsController } from './admin/stats.controller';
import { SubscriptionsAdminController } from './admin/subscriptions-admin.controller';
import { EventsController } from './events/events.controller';
import { MessagesController } from './messages/messages.controller';
import { SagasController } from './sagas/sagas.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { MeController } from './me/me.controller';

/**
 * The service plane of the HTTP API (API.md). Controllers only translate; the engine decides.
 * Global guards, in this order, for every route of the app: who is calling (401), the caller's rate
 * limit (429), what the caller's role and sagas allow (403).
 */
@Module({
  imports: [LimitsModule],
  controllers: [SagasController, MessagesController, EventsController, MessageActionsController, OperationsController, StatsController, SubscriptionsController, SubscriptionsAdminController, ProjectionsController, MeController],
  providers: [
    { provide: APP_FILTER, useClass: RetraceExceptionFilter },
    { provide: APP_PIPE, useClass: StorableTextPipe },
    SagaLookup,
    ViewerRedaction,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
})
export class HttpModule {}
