import { parseArgs } from 'node:util';
import type { WorkerConnection } from '@retrace/sdk';

export const USAGE = `Usage: npm run example:orders -- [options]

Publishes orders to the saga "orders" (reserve stock → charge card → ship) on a running Retrace,
runs its workers and payments service, waits until every order has ended and sums up.

  --count <n>            orders to publish (default 200)
  --fail-rate <0..1>     share of cards the payments service declines (default 0.2)
  --url <url>            Retrace's base URL (default $RETRACE_URL or http://127.0.0.1:3000)
  --redis <url>          the orchestrator's Redis (default $REDIS_URL); without it, the workers use
                         BullMQ's PostgreSQL backend in $DATABASE_URL (schema $RETRACE_DB_SCHEMA_bullmq)
  --concurrency <n>      publishes in flight, and jobs per worker queue (default 20)
  --timeout <seconds>    how long to wait for every order to end (default 120)
  --seed <text>          fixes which orders are declined: same seed and count, same split (default: random)
  --busy-rate <0..1>     share of orders whose first reserve attempt fails and is retried (default 0.1)
  --payments-port <n>    port of the payments service (default 7001; the saga's HTTP steps name it)
  --saga <name>          saga name (default orders)
  --api-key <key>        Retrace API key with a service role (default $RETRACE_API_KEY)
  --verbose              log every failed attempt of the workers
  --help                 this text

Retrace must be started with REDIS_URL (or DATABASE_URL) so these workers reach its queues:
  REDIS_URL=redis://127.0.0.1:6379 npm start`;

const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const OPTIONS = {
  count: text,
  'fail-rate': text,
  url: text,
  redis: text,
  concurrency: text,
  timeout: text,
  seed: text,
  'busy-rate': text,
  'payments-port': text,
  saga: text,
  'api-key': text,
  verbose: flag,
  help: flag,
};

/** The command line was wrong; the message lists every problem. */
export class UsageError extends Error {
  constructor(problems: string[]) {
    super(`${problems.map((p) => `error: ${p}`).join('\n')}\n\nRun with --help for every option.`);
    this.name = 'UsageError';
  }
}

/** What the command line sets: `runOrders`' options, plus how to talk about them. */
export interface CliOptions {
  url: string;
  count: number;
  failRate: number;
  concurrency: number;
  timeoutMs: number;
  busyRate: number;
  paymentsPort: number;
  saga: string;
  seed: string;
  apiKey?: string;
  connection: WorkerConnection;
  prefix?: string;
  /** Where the queues are, for people (no password). */
  queues: string;
  verbose: boolean;
}

/**
 * Reads `argv` (without node and the script) and `env` into run options, or throws
 * {@link UsageError} naming every bad option. Returns `'help'` for `--help`.
 */
export function parseOrdersArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }));
  } catch (error) {
    throw new UsageError([(error as Error).message]);
  }
  if (values.help === true) return 'help';
  const problems: string[] = [];
  const textOf = (name: string) => values[name] as string | undefined;
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = textOf(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    }
    return value;
  };
  const rate = (name: string, fallback: number): number => {
    const raw = textOf(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      problems.push(`--${name} must be a number from 0 to 1, e.g. 0.2 (got ${JSON.stringify(raw)})`);
    }
    return value;
  };
  const url = textOf('url') ?? env.RETRACE_URL ?? 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^/]+/.test(url) || !URL.canParse(url)) problems.push(`--url must be an http(s) URL such as http://127.0.0.1:3000 (got ${JSON.stringify(url)})`);
  const saga = textOf('saga') ?? 'orders';
  if (!/^[a-z][a-z0-9._-]{0,99}$/.test(saga)) problems.push(`--saga must match ^[a-z][a-z0-9._-]{0,99}$ (got ${JSON.stringify(saga)})`);
  const seed = textOf('seed') ?? Math.random().toString(36).slice(2, 10);
  if (seed === '') problems.push('--seed must not be empty');
  const options = {
    url,
    count: integer('count', 200, 1, 100_000),
    failRate: rate('fail-rate', 0.2),
    concurrency: integer('concurrency', 20, 1, 500),
    timeoutMs: integer('timeout', 120, 1, 86_400) * 1000,
    busyRate: rate('busy-rate', 0.1),
    paymentsPort: integer('payments-port', 7001, 0, 65_535),
    saga,
    seed,
    verbose: values.verbose === true,
    ...(textOf('api-key') ?? env.RETRACE_API_KEY ? { apiKey: textOf('api-key') ?? env.RETRACE_API_KEY } : {}),
  };
  const queues = queuesFrom(textOf('redis') ?? env.REDIS_URL, env, problems);
  if (problems.length > 0 || queues === undefined) throw new UsageError(problems);
  return { ...options, ...queues };
}

function queuesFrom(
  redis: string | undefined,
  env: NodeJS.ProcessEnv,
  problems: string[],
): { connection: WorkerConnection; prefix?: string; queues: string } | undefined {
  if (redis !== undefined) {
    if (!/^rediss?:\/\/./.test(redis) || !URL.canParse(redis)) {
      problems.push(`--redis must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (got ${JSON.stringify(redis)})`);
      return undefined;
    }
    return { connection: redis, prefix: 'retrace', queues: `Redis ${withoutPassword(redis)} (prefix retrace)` };
  }
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === '') {
    problems.push(
      'the workers need the orchestrator\'s queues: pass --redis redis://127.0.0.1:6379 (or set REDIS_URL) matching the ' +
        'orchestrator\'s REDIS_URL, or set DATABASE_URL to the database it was started with. An orchestrator started ' +
        'with neither runs an embedded PostgreSQL that other processes cannot use; restart it as ' +
        '`REDIS_URL=redis://127.0.0.1:6379 npm start`',
    );
    return undefined;
  }
  const schema = `${env.RETRACE_DB_SCHEMA || 'retrace'}_bullmq`;
  return { connection: { postgres: { connectionString: databaseUrl, schema } }, queues: `PostgreSQL ${withoutPassword(databaseUrl)} (schema ${schema})` };
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
