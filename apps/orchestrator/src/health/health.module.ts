import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DependencyIndicators } from './dependency-indicators';
import { HealthController } from './health.controller';

/**
 * `GET /health` on @nestjs/terminus: PostgreSQL (the event log) and the queue backend. Terminus's
 * own logger is off: it prints outside the JSON log format, and a failed check is in the answer.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DependencyIndicators],
})
export class HealthModule {}
