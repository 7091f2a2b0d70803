import { DataSource, type MigrationInterface } from 'typeorm';
import { AlwaysHeardClient } from './always-heard-client';

/** A TypeORM migration class, as `migrations` takes them. */
export type MigrationClass = new () => MigrationInterface;

/** Options of createRetraceDataSource. */
export interface RetraceDataSourceOptions {
  /** postgres:// connection string. */
  url: string;
  /** Schema that holds every table; becomes each connection's search_path. */
  schema: string;
  /** TypeORM migration classes to run with migrateDatabase (EVENT_STORE_MIGRATIONS and others). */
  migrations: MigrationClass[];
  poolSize?: number;
  applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Builds a TypeORM DataSource (postgres, NO synchronize, migrationsRun false) whose every connection
 * uses `search_path` = schema. Not initialized: call migrateDatabase (or initialize()) next.
 */
export function createRetraceDataSource(opts: RetraceDataSourceOptions): DataSource {
  assertSchemaName(opts.schema);
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    migrations: opts.migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    synchronize: false,
    poolSize: opts.poolSize,
    applicationName: opts.applicationName ?? 'retrace',
    // Set at connect, so every pooled connection (and prepared statement) resolves tables in the schema.
    // AlwaysHeardClient: a dropped connection must fail a statement, never crash the process.
    extra: { options: `-c search_path=${opts.schema}`, Client: AlwaysHeardClient },
  });
}

/** Schema names are lower-case identifiers: they go into search_path and DDL unquoted. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new RangeError(`schema "${schema}" is not a valid name; use lower-case letters, digits and _ (max 63, not starting with a digit)`);
  }
}
