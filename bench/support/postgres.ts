import { Client, Pool } from 'pg';
import type { BenchContext } from './bench-context';

/** A pg client for one statement or a few: connects, runs `fn`, ends. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach PostgreSQL at ${url} (${String(error)}); start it or set BENCH_DATABASE_URL`, { cause: error });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty schema `bench_<label>_<runTag>`, dropped (with everything in it) when the bench ends. */
export async function createBenchSchema(ctx: BenchContext, label: string): Promise<string> {
  const schema = `bench_${label}_${ctx.runTag}`;
  await withClient(ctx.databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  ctx.defer(`drop schema ${schema}`, () => withClient(ctx.databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)));
  return schema;
}

/** A pool whose connections use `schema` as search_path. */
export function schemaPool(url: string, schema: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max, options: `-c search_path=${schema}`, application_name: 'retrace-bench' });
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead
  return pool;
}

/** PostgreSQL's version string, e.g. "17.2". */
export const serverVersion = (url: string): Promise<string> =>
  withClient(url, async (client) => (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v);
