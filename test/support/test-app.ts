import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EngineOptions } from '@retrace/engine';
import { createQueueBackend } from '@retrace/engine/queue-backend';
import { createRetraceDataSource, migrateDatabase } from '@retrace/event-store';
import { createTestSchema, deleteRedisPrefix, testDatabaseUrl, testRedisUrl, uniqueQueueNamespace, type TestSchema } from '@retrace/testing';
import request from 'supertest';
import { createApp, readyApp } from '../../apps/orchestrator/src/bootstrap/create-app';
import { RETRACE_MIGRATIONS } from '../../apps/orchestrator/src/bootstrap/start-runtime';
import { loadConfig } from '../../apps/orchestrator/src/config/load-config';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  schema: string;
  /** The Redis key prefix of this app's queues: test workers must use it too. */
  prefix: string;
  close(): Promise<void>;
}

/** Where a second app goes: the schema and queue prefix of an app already started (its `schema`, `prefix`). */
export interface SharedTarget {
  schema: string;
  prefix: string;
}

export interface StartTestAppOptions {
  /**
   * Start on an existing app's schema and queue prefix (a replica, or a restarted orchestrator)
   * instead of fresh ones. Such an app's `close()` leaves the schema and the queues alone: they
   * belong to whoever created them.
   */
  join?: SharedTarget;
}

/**
 * The whole orchestrator, as `main.ts` builds it, on a schema and a queue prefix of its own (so e2e
 * files run in parallel), against the machine's PostgreSQL and Redis. `env` overrides configuration
 * (`REDIS_URL` there also moves the app's queues to that Redis). `options.join` starts it on another
 * app's schema and prefix instead.
 */
export async function startTestApp(
  label: string,
  env: Record<string, string> = {},
  engine: Partial<EngineOptions> = {},
  options: StartTestAppOptions = {},
): Promise<TestApp> {
  const redisUrl = env.REDIS_URL ?? testRedisUrl();
  const db: TestSchema = options.join
    ? { url: testDatabaseUrl(), schema: options.join.schema, drop: async () => undefined }
    : await createTestSchema(label);
  const prefix = options.join?.prefix ?? uniqueQueueNamespace(label);
  const ownsQueues = options.join === undefined;
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: redisUrl, RETRACE_DB_SCHEMA: db.schema, ...env });
  const dataSource = createRetraceDataSource({ url: db.url, schema: db.schema, migrations: RETRACE_MIGRATIONS, poolSize: 5 });
  await migrateDatabase(dataSource, db.schema);
  const queueBackend = await createQueueBackend({ databaseUrl: db.url, redisUrl, prefix });
  const fast = { relayPollMs: 100, sweepIntervalMs: 200 };
  const app = await createApp({ config, dataSource, queueBackend, engine: { ...fast, ...engine } }, { logger: false });
  await readyApp(app);
  return {
    app,
    http: request(app.getHttpServer()),
    schema: db.schema,
    prefix,
    close: async () => {
      await app.close();
      await queueBackend.close();
      await dataSource.destroy();
      if (ownsQueues) await deleteRedisPrefix(prefix, redisUrl);
      await db.drop();
    },
  };
}
