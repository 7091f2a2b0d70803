import { Injectable } from '@nestjs/common';
import { HTTP_STEP_QUEUE, REPLY_QUEUE } from '@retrace/domain';
import { STEP_QUEUES_SQL } from '@retrace/engine';
import { DataSource } from 'typeorm';

/**
 * Every queue Retrace uses: the step queues of every registered saga version (the same query
 * `/metrics` reads its queue depths by), `retrace.http` and `retrace.replies`.
 */
@Injectable()
export class KnownQueueNames {
  constructor(private readonly dataSource: DataSource) {}

  /** Sorted, without repeats. */
  async list(): Promise<string[]> {
    const rows: Array<{ queue: string }> = await this.dataSource.query(STEP_QUEUES_SQL);
    return [...new Set([...rows.map((r) => r.queue), HTTP_STEP_QUEUE, REPLY_QUEUE])].sort();
  }
}
