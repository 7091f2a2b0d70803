import { Inject, Injectable } from '@nestjs/common';
import { findUnstorableText } from '@retrace/domain';
import { DataSource } from 'typeorm';
import { RETRACE_CONFIG } from '../../bootstrap/runtime-tokens';
import type { RetraceConfig } from '../../config/retrace-config';

/** Whether a record exists and, if so, the saga it belongs to (`null`: none, e.g. an unfiltered subscription). */
export type SagaOf = { found: false } | { found: true; saga: string | null };

/**
 * The saga of a message or subscription, for scoping service keys: one primary-key read of the
 * read model, nothing else (no lag count, no stream read).
 */
@Injectable()
export class SagaLookup {
  private readonly schema: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RETRACE_CONFIG) config: RetraceConfig,
  ) {
    this.schema = `"${config.dbSchema}"`;
  }

  async ofMessage(id: string): Promise<SagaOf> {
    // Text PostgreSQL cannot hold cannot be an id; the query would fail rather than find nothing.
    if (findUnstorableText(id).length > 0) return { found: false };
    const rows: Array<{ saga: string }> = await this.dataSource.query(`SELECT saga FROM ${this.schema}.messages WHERE id = $1`, [id]);
    return rows[0] ? { found: true, saga: rows[0].saga } : { found: false };
  }

  async ofSubscription(name: string): Promise<SagaOf> {
    if (findUnstorableText(name).length > 0) return { found: false };
    const rows: Array<{ saga: string | null }> = await this.dataSource.query(
      `SELECT definition->'filter'->>'saga' AS saga FROM ${this.schema}.subscriptions WHERE name = $1`,
      [name],
    );
    return rows[0] ? { found: true, saga: rows[0].saga } : { found: false };
  }
}
