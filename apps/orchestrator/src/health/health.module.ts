import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QUEUE_BACKEND } from '../bootstrap/runtime-tokens';
import type { QueueBackend } from '@retrace/engine/queue-backend';
import { HEALTH_CHECKS, type HealthCheck } from './health-check';
import { HealthController } from './health.controller';

/** `GET /health`: PostgreSQL (the event log) and the queue backend. */
@Module({
  controllers: [HealthController],
  providers: [
    {
      provide: HEALTH_CHECKS,
      inject: [DataSource, QUEUE_BACKEND],
      useFactory: (dataSource: DataSource, queueBackend: QueueBackend): HealthCheck[] => [
        { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
        { name: 'queue', check: () => queueBackend.ping() },
      ],
    },
  ],
})
export class HealthModule {}
