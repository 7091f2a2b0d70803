import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { RETRACE_CONFIG } from '../../bootstrap/runtime-tokens';
import type { RetraceConfig } from '../../config/retrace-config';
import { requestKeyOf } from '../auth/request-key';
import { NO_REDACTION, redactionOf, type PayloadRedaction } from './payload-redaction';

/**
 * What a request may not see of payloads: for a viewer key, each saga's `redact` paths (the union
 * over all its versions, so a path added in a later version also hides it in older messages);
 * for operators, service keys (which see only their own sagas) and unauthenticated setups, nothing.
 * Read on every viewer response, never cached: a version registered on another replica counts at once.
 */
@Injectable()
export class ViewerRedaction {
  private readonly sagas: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RETRACE_CONFIG) config: RetraceConfig,
  ) {
    this.sagas = `"${config.dbSchema}".sagas`;
  }

  async for(req: FastifyRequest, sagas: Iterable<string | null | undefined>): Promise<PayloadRedaction> {
    if (requestKeyOf(req)?.role !== 'viewer') return NO_REDACTION;
    const names = [...new Set([...sagas].filter((s): s is string => typeof s === 'string'))];
    if (names.length === 0) return NO_REDACTION;
    return redactionOf(await this.pathsBySaga(names));
  }

  /**
   * For bulk operations: a replay `patch` over a selector without `saga` may reach any saga's
   * messages, so there it hides the paths of every saga.
   */
  async forOperations(req: FastifyRequest, sagas: ReadonlyArray<string | null | undefined>): Promise<PayloadRedaction> {
    if (requestKeyOf(req)?.role !== 'viewer' || sagas.length === 0) return NO_REDACTION;
    if (sagas.every((s) => typeof s === 'string')) return this.for(req, sagas);
    const bySaga = await this.pathsBySaga(null);
    return redactionOf(bySaga, [...new Set([...bySaga.values()].flat())]);
  }

  private async pathsBySaga(names: string[] | null): Promise<Map<string, string[]>> {
    const rows: Array<{ name: string; paths: string[] }> = await this.dataSource.query(
      `SELECT name, array_agg(DISTINCT path) AS paths
         FROM ${this.sagas}, jsonb_array_elements_text(coalesce(definition->'redact', '[]'::jsonb)) AS path
        WHERE $1::text[] IS NULL OR name = ANY($1::text[]) GROUP BY name`,
      [names],
    );
    return new Map(rows.map((r) => [r.name, r.paths]));
  }
}
