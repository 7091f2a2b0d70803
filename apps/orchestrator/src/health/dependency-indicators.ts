import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { QueueBackend } from '@retrace/engine/queue-backend';
import { DataSource } from 'typeorm';
import { QUEUE_BACKEND } from '../bootstrap/runtime-tokens';

/** A dependency that hangs counts as down after this long. */
export const CHECK_TIMEOUT_MS = 3000;

/**
 * Terminus indicators for what Retrace cannot work without: PostgreSQL (the event log) and the queue
 * backend (Redis, or BullMQ's PostgreSQL backend, whichever is configured).
 */
@Injectable()
export class DependencyIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(QUEUE_BACKEND) private readonly queueBackend: QueueBackend,
  ) {}

  all(): HealthIndicatorFunction[] {
    return [
      () => this.health.check('postgres').attempt(async () => void (await this.dataSource.query('SELECT 1'))).withTimeout(CHECK_TIMEOUT_MS),
      () => this.health.check('queue').attempt(() => this.queueBackend.ping()).withTimeout(CHECK_TIMEOUT_MS),
    ];
  }
}
