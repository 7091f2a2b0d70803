import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  createRetraceDataSource,
  EventStore,
  EVENT_STORE_MIGRATIONS,
  migrateDatabase,
  type MigrationClass,
} from '@retrace/event-store';
import { Client } from 'pg';

// pg ships no type declarations (and @types/pg is not installed): type the little we use.

const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The database integration tests use: `RETRACE_TEST_DATABASE_URL`, else the local `test` database. */
export function testDatabaseUrl(): string {
  return process.env.RETRACE_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}

/** A fresh schema of its own for one test file. */
export interface TestSchema {
  url: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** A migrated schema with a DataSource and an EventStore on it. */
export interface TestEventStore extends TestSchema {
  dataSource: DataSource;
  eventStore: EventStore;
}

/**
 * Creates an empty schema `t_<label>_<random>`, so test files run in parallel in any order.
 * Call `drop()` in afterAll.
 */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const url = testDatabaseUrl();
  const schema = `t_${label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 40)}_${randomBytes(5).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    url,
    schema,
    drop: () => withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

/**
 * A fresh schema migrated with EVENT_STORE_MIGRATIONS plus `migrations`, an initialized DataSource
 * and an EventStore. `drop()` closes the DataSource, then drops the schema.
 */
export async function createTestEventStore(
  label: string,
  opts: { migrations?: MigrationClass[]; poolSize?: number } = {},
): Promise<TestEventStore> {
  const test = await createTestSchema(label);
  const dataSource = createRetraceDataSource({
    url: test.url,
    schema: test.schema,
    migrations: [...EVENT_STORE_MIGRATIONS, ...(opts.migrations ?? [])],
    poolSize: opts.poolSize ?? 10,
    applicationName: `retrace-test-${label}`,
  });
  try {
    await migrateDatabase(dataSource, test.schema);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await test.drop();
    throw error;
  }
  return {
    ...test,
    dataSource,
    eventStore: new EventStore(dataSource),
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await test.drop();
    },
  };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach the test database at ${url} (${String(error)}); start PostgreSQL or set RETRACE_TEST_DATABASE_URL`, {
      cause: error,
    });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
