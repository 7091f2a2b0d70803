import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EngineOptions } from '@retrace/engine';
import { createQueueBackend } from '@retrace/engine/queue-backend';
import { createRetraceDataSource, migrateDatabase } from '@retrace/event-store';
import { createTestSchema, deleteRedisPrefix, testRedisUrl, uniqueQueueNamespace } from '@retrace/testing';
import request from 'supertest';
import { createApp } from '../../apps/orchestrator/src/bootstrap/create-app';
import { RETRACE_MIGRATIONS } from '../../apps/orchestrator/src/bootstrap/start-runtime';
import { loadConfig } from '../../apps/orchestrator/src/config/load-config';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  schema: string;
  /** The Redis key prefix of this app's queues: test workers must use it too. */
  prefix: string;
  close(): Promise<void>;
}

/**
 * The whole orchestrator, as `main.ts` builds it, on a schema and a queue prefix of its own (so e2e
 * files run in parallel), against the machine's PostgreSQL and Redis. `env` overrides configuration.
 */
export async function startTestApp(
  label: string,
  env: Record<string, string> = {},
  engine: Partial<EngineOptions> = {},
): Promise<TestApp> {
  const db = await createTestSchema(label);
  const prefix = uniqueQueueNamespace(label);
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), RETRACE_DB_SCHEMA: db.schema, ...env });
  const dataSource = createRetraceDataSource({ url: db.url, schema: db.schema, migrations: RETRACE_MIGRATIONS, poolSize: 5 });
  await migrateDatabase(dataSource, db.schema);
  const queueBackend = await createQueueBackend({ databaseUrl: db.url, redisUrl: testRedisUrl(), prefix });
  const fast = { relayPollMs: 100, sweepIntervalMs: 200 };
  const app = await createApp({ config, dataSource, queueBackend, engine: { ...fast, ...engine } }, { logger: false });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    schema: db.schema,
    prefix,
    close: async () => {
      await app.close();
      await queueBackend.close();
      await dataSource.destroy();
      await deleteRedisPrefix(prefix);
      await db.drop();
    },
  };
}
