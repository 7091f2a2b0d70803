import type { LoggerService } from '@nestjs/common';
import { createQueueBackend } from '@retrace/engine/queue-backend';
import { ENGINE_MIGRATIONS } from '@retrace/engine/migrations';
import { createRetraceDataSource, EVENT_STORE_MIGRATIONS, migrateDatabase } from '@retrace/event-store';
import type { DataSource } from 'typeorm';
import type { RetraceConfig } from '../config/retrace-config';
import type { RuntimeContext } from './runtime-context';
import { startEmbeddedPostgres } from './start-embedded-postgres';

/** Every migration the orchestrator runs, in order. */
export const RETRACE_MIGRATIONS = [...EVENT_STORE_MIGRATIONS, ...ENGINE_MIGRATIONS];

/**
 * PostgreSQL (given, or embedded when DATABASE_URL is unset) → migrated DataSource → queue backend.
 * What was opened is closed again if a later step fails, and by the returned `close()`.
 */
export async function startRuntime(config: RetraceConfig, logger: LoggerService): Promise<RuntimeContext & { close: () => Promise<void> }> {
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch((error: unknown) => {
        logger.error(`shutdown step failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, 'Runtime');
      });
    }
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === undefined) {
      const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, logger });
      closers.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }
    const dataSource: DataSource = createRetraceDataSource({ url: databaseUrl, schema: config.dbSchema, migrations: RETRACE_MIGRATIONS });
    await migrateDatabase(dataSource, config.dbSchema);
    closers.push(() => dataSource.destroy());
    const queueBackend = await createQueueBackend({
      databaseUrl,
      ...(config.redisUrl !== undefined ? { redisUrl: config.redisUrl } : {}),
      pgSchema: `${config.dbSchema}_bullmq`,
      prefix: config.queuePrefix,
    });
    closers.push(() => queueBackend.close());
    logger.log(`Event log in schema "${config.dbSchema}"; queues on ${queueBackend.kind}`, 'Runtime');
    return { config, dataSource, queueBackend, close };
  } catch (error) {
    await close();
    throw error;
  }
}
