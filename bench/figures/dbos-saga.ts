import { forEachLimited } from '../support/concurrency';
import { withClient } from '../support/postgres';
import { ratePerSecond } from '../support/stats';
import type { BenchContext } from '../support/bench-context';
import type { TimedRound } from './timed-round';

const IN_FLIGHT = 50;
const STEPS = ['a', 'b', 'c'] as const;

/** The bench database's URL with another database name. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * dbosSaga: the same three no-op steps as a DBOS Transact workflow (`DBOS.runStep` each, so every
 * step's output is checkpointed in PostgreSQL, as DBOS does), invoked in this process with 50
 * workflows in flight; workflows/s from the first start to the last end. DBOS's system database is
 * a database of this run's own (`bench_dbos_<runTag>`, dropped after); its pool has DBOS's
 * default size.
 */
export async function prepareDbosSaga(ctx: BenchContext): Promise<TimedRound> {
  const count = ctx.sizes.sagas;
  const database = `bench_dbos_${ctx.runTag}`;
  await withClient(ctx.databaseUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  ctx.defer(`drop database ${database}`, () => withClient(ctx.databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)));

  // Loaded here, not at the top: DBOS is a process-wide singleton and only this figure needs it.
  const { DBOS } = await import('@dbos-inc/dbos-sdk');
  DBOS.setConfig({ name: `retrace-bench-${ctx.runTag}`, systemDatabaseUrl: withDatabase(ctx.databaseUrl, database), logLevel: 'error' });
  const noop = async (): Promise<Record<string, never>> => ({});
  const workflow = DBOS.registerWorkflow(
    async (n: number): Promise<number> => {
      for (const name of STEPS) await DBOS.runStep(noop, { name });
      return n;
    },
    { name: 'benchSaga' },
  );
  await DBOS.launch();
  ctx.defer('shut DBOS down', () => DBOS.shutdown());

  const runWorkflows = async (n: number): Promise<number> => {
    const startedAt = performance.now();
    await forEachLimited(
      Array.from({ length: n }, (_, i) => i),
      IN_FLIGHT,
      async (i) => {
        if ((await workflow(i)) !== i) throw new Error(`DBOS workflow ${i} returned something else`);
      },
    );
    return ratePerSecond(n, performance.now() - startedAt);
  };

  await runWorkflows(ctx.sizes.warmupSagas);
  return async (round) => {
    const dbosSaga = await runWorkflows(count);
    ctx.log(`dbosSaga round ${round + 1}: ${dbosSaga.toFixed(0)} workflows/s`);
    return { dbosSaga };
  };
}
