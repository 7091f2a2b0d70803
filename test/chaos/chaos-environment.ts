import { createTestSchema, startPrivateRedis, uniqueQueueNamespace, type PrivateRedis, type TestSchema } from '@retrace/testing';
import { buildOrchestratorOnly } from './build-orchestrator';
import { CHAOS_SAGA, CHAOS_SAGA_DEFINITION } from './chaos-saga';
import { OrchestratorPool } from './orchestrator-pool';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { SideEffectLedger } from './side-effect-ledger';
import { WorkerSupervisor } from './worker-supervisor';

/** Everything a chaos run starts, and how to take it all down again. */
export interface ChaosEnvironment {
  pool: OrchestratorPool;
  worker: WorkerSupervisor;
  redis: PrivateRedis;
  postgres: PrivatePostgres;
  ledger: SideEffectLedger;
  /** Stops every process and removes what the run created (the build, the data directories, the ledger's schema). */
  teardown(): Promise<void>;
}

/**
 * The run's own PostgreSQL (the event log), its own Redis, the orchestrator built and started as a
 * real process on them, the `chaos` saga registered, the ledger in a schema of the machine's
 * PostgreSQL, and the step worker process. On failure half-way, what was started is stopped.
 */
export async function startChaosEnvironment(label: string, log: (line: string) => void): Promise<ChaosEnvironment> {
  const undo: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    for (const step of undo.reverse()) await step().catch((error: unknown) => console.error(`chaos teardown: ${String(error)}`));
  };
  try {
    // Started side by side; whatever came up is undone even if another part failed.
    const track = <T>(starting: Promise<T>, stop: (value: T) => Promise<unknown>) =>
      starting.then((value) => {
        undo.push(() => stop(value));
        return value;
      });
    const parts = [
      track(buildOrchestratorOnly(), (b) => b.remove()),
      track(createTestSchema(label), (s) => s.drop()),
      track(startPrivatePostgres(label), (p) => p.remove()),
      track(startPrivateRedis(), (r) => r.stop()),
    ] as const;
    await Promise.allSettled(parts);
    const [build, ledgerSchema, postgres, redis] = await Promise.all(parts);
    const ledger = new SideEffectLedger(ledgerSchema.url, ledgerSchema.schema);
    undo.push(() => ledger.close());
    await ledger.create();

    const prefix = uniqueQueueNamespace(label);
    const pool = new OrchestratorPool(build.main, {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      RETRACE_DB_SCHEMA: 'chaos',
      RETRACE_QUEUE_PREFIX: prefix,
      RETRACE_RATE_LIMIT: '0',
      // e.g. `-r /path/to/diagnostics.cjs`, to look inside the orchestrators of a failing run
      ...(process.env.CHAOS_ORCHESTRATOR_NODE_OPTIONS ? { NODE_OPTIONS: process.env.CHAOS_ORCHESTRATOR_NODE_OPTIONS } : {}),
    }, log);
    undo.push(() => pool.stopAll());
    await pool.start(0);
    await registerSaga(pool.urls()[0]);

    const worker = new WorkerSupervisor(workerEnv(redis, prefix, ledgerSchema));
    undo.push(() => worker.stop('SIGTERM'));
    await worker.start();
    return { pool, worker, redis, postgres, ledger, teardown };
  } catch (error) {
    await teardown();
    throw error;
  }
}

const workerEnv = (redis: PrivateRedis, prefix: string, ledger: TestSchema) => ({
  CHAOS_REDIS_URL: redis.url,
  CHAOS_QUEUE_PREFIX: prefix,
  CHAOS_LEDGER_URL: ledger.url,
  CHAOS_LEDGER_SCHEMA: ledger.schema,
});

async function registerSaga(base: string): Promise<void> {
  const res = await fetch(`${base}/v1/sagas/${CHAOS_SAGA}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(CHAOS_SAGA_DEFINITION),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`registering the chaos saga answered ${res.status}: ${await res.text()}`);
}
