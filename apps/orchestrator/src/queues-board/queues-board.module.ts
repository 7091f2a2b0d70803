import { Module } from '@nestjs/common';
import { KnownQueueNames } from './known-queue-names';
import { QueuesBoard } from './queues-board';

/** The queue dashboard's state; `mountQueuesBoard` puts it on the HTTP server. */
@Module({ providers: [KnownQueueNames, QueuesBoard], exports: [QueuesBoard] })
export class QueuesBoardModule {}
