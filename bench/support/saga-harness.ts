import { createWorker, type RetraceWorker, type StepHandlers } from '@retrace/sdk';
import type { Pool } from 'pg';
import type { BenchContext } from './bench-context';
import { forEachLimited, pollUntil } from './concurrency';
import type { Orchestrator } from './orchestrator-process';
import { schemaPool } from './postgres';
import { RetraceClient } from './retrace-client';
import { ratePerSecond } from './stats';

export const SAGA_STEPS = ['a', 'b', 'c'] as const;
export const WORKER_CONCURRENCY = 50;
export const PUBLISHES_IN_FLIGHT = 50;

/** A registered three-step no-op saga with SDK workers in this process, on a running orchestrator. */
export interface SagaHarness {
  saga: string;
  client: RetraceClient;
  /** The orchestrator's schema, for completion checks straight from the `messages` read model. */
  db: Pool;
  /**
   * Publishes `count` messages over HTTP (50 in flight) with correlation id `tag`, waits until all
   * are COMPLETED and answers sagas/s from the first publish to the last COMPLETED (the database's
   * `updated_at` of the last message: same host, same clock).
   */
  runSagas(count: number, tag: string): Promise<number>;
  /** Waits until every message with correlation id `tag` is COMPLETED; throws on any other end. */
  awaitCompleted(tag: string, count: number): Promise<number>;
}

const QUIET = { warn: () => undefined, error: (message: string) => console.error(`bench worker: ${message}`) };

/** Registers `saga` (steps a, b, c on queues `<saga>.a` …) and starts its workers (concurrency 50 per queue). */
export async function startSagaHarness(
  ctx: BenchContext,
  orchestrator: Orchestrator,
  opts: { schema: string; prefix: string; saga: string; handlers?: (queue: string, step: string) => StepHandlers[string] },
): Promise<SagaHarness> {
  const client = new RetraceClient(orchestrator.url);
  ctx.defer('close the HTTP client', async () => client.close());
  await client.registerNoopSaga(opts.saga, opts.saga, SAGA_STEPS);
  const handlers: StepHandlers = Object.fromEntries(
    SAGA_STEPS.map((step) => [`${opts.saga}.${step}`, opts.handlers?.(`${opts.saga}.${step}`, step) ?? (() => ({}))]),
  );
  const worker: RetraceWorker = createWorker(handlers, {
    connection: ctx.redisUrl,
    prefix: opts.prefix,
    concurrency: WORKER_CONCURRENCY,
    shutdownGraceMs: 2_000,
    logger: QUIET,
  });
  ctx.defer(`close the ${opts.saga} workers`, () => worker.close());
  await worker.waitUntilReady();
  const db = schemaPool(ctx.databaseUrl, opts.schema, 2);
  ctx.defer(`close the ${opts.saga} pool`, () => db.end());

  const awaitCompleted = (tag: string, count: number): Promise<number> =>
    pollUntil(
      async () => {
        const { rows } = await db.query<{ completed: string; ended_otherwise: string; example: string | null; last_ms: string | null }>(
          `SELECT count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                  count(*) FILTER (WHERE status NOT IN ('PENDING', 'PROCESSING', 'REPLAYING', 'COMPLETED')) AS ended_otherwise,
                  min(id || ' is ' || status) FILTER (WHERE status NOT IN ('PENDING', 'PROCESSING', 'REPLAYING', 'COMPLETED')) AS example,
                  (extract(epoch FROM max(updated_at)) * 1000)::float8 AS last_ms
             FROM messages WHERE correlation_id = $1`,
          [tag],
        );
        const row = rows[0];
        if (Number(row.ended_otherwise) > 0) throw new Error(`${row.ended_otherwise} message(s) of ${tag} did not complete, e.g. ${row.example}`);
        return Number(row.completed) >= count ? Number(row.last_ms) : undefined;
      },
      `${count} messages of ${tag} to be COMPLETED`,
      300_000,
      100,
    );

  return {
    saga: opts.saga,
    client,
    db,
    awaitCompleted,
    runSagas: async (count, tag) => {
      const startedAt = Date.now();
      await forEachLimited(
        Array.from({ length: count }, (_, i) => i),
        PUBLISHES_IN_FLIGHT,
        (i) => client.publish({ saga: opts.saga, id: `${tag}-${i}`, correlationId: tag, payload: { n: i } }),
      );
      const lastCompletedAt = await awaitCompleted(tag, count);
      return ratePerSecond(count, lastCompletedAt - startedAt);
    },
  };
}
