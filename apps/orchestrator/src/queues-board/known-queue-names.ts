import { Inject, Injectable } from '@nestjs/common';
import { HTTP_STEP_QUEUE, REPLY_QUEUE } from '@retrace/domain';
import { DataSource } from 'typeorm';
import { RETRACE_CONFIG } from '../bootstrap/runtime-tokens';
import type { RetraceConfig } from '../config/retrace-config';

/**
 * Every queue Retrace uses: the step queues that any registered saga version names (messages stay
 * pinned to older versions, so their queues still matter), `retrace.http` and `retrace.replies`.
 * One read of the `sagas` read model, as `/metrics` does for its queue depths.
 */
@Injectable()
export class KnownQueueNames {
  private readonly schema: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RETRACE_CONFIG) config: RetraceConfig,
  ) {
    this.schema = `"${config.dbSchema}"`;
  }

  /** Sorted, without repeats. */
  async list(): Promise<string[]> {
    const rows: Array<{ queue: string }> = await this.dataSource.query(
      `SELECT DISTINCT q AS queue FROM ${this.schema}.sagas, jsonb_array_elements(definition->'steps') AS step,
              LATERAL (VALUES (step->'action'->>'queue'), (step->'compensation'->>'queue')) AS t(q)
        WHERE q IS NOT NULL`,
    );
    return [...new Set([...rows.map((r) => r.queue), HTTP_STEP_QUEUE, REPLY_QUEUE])].sort();
  }
}
