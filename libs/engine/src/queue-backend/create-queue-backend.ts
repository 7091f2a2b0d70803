import {
  type BackendClasses,
  createPostgresBackend,
  createRedisBackend,
  DEFAULT_SCHEMA,
  type IQueueBackend,
  PostgresConnection,
  type PostgresPoolConfig,
  withBackend,
} from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import type { QueueBackend, QueueBackendKind, QueueBackendOptions, QueueConnection, QueueConnectionRole } from './queue-backend';
import { redisOptionsFromUrl } from './redis-options-from-url';

const DEFAULT_PREFIX = 'retrace';
const PING_TIMEOUT_MS = 3000;
const STARTUP_TIMEOUT_MS = 10_000;

type Classes = BackendClasses<IQueueBackend, QueueConnection>;

interface BackendParts {
  kind: QueueBackendKind;
  classes: Classes;
  pgSchema?: string;
  connectionFor: (role: QueueConnectionRole) => QueueConnection;
  newRedisClient: () => IORedis | null;
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Binds BullMQ to Redis when `redisUrl` is set, else to its PostgreSQL backend in `databaseUrl`
 * (migrating BullMQ's schema once, up front). Resolves only when the datastore answers, so a wrong
 * URL stops startup with the reason instead of surfacing on the first job.
 */
export async function createQueueBackend(options: QueueBackendOptions): Promise<QueueBackend> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const parts = options.redisUrl !== undefined ? await redisParts(options.redisUrl) : await postgresParts(options);
  const { classes, connectionFor } = parts;
  return {
    kind: parts.kind,
    prefix,
    ...(parts.pgSchema !== undefined ? { pgSchema: parts.pgSchema } : {}),
    connectionFor,
    queue: (name, opts = {}) => new classes.Queue(name, { ...opts, connection: connectionFor('queue'), prefix }),
    worker: (name, processor, opts = {}) => new classes.Worker(name, processor, { ...opts, connection: connectionFor('worker'), prefix }),
    queueEvents: (name, opts = {}) => new classes.QueueEvents(name, { ...opts, connection: connectionFor('events'), prefix }),
    newRedisClient: parts.newRedisClient,
    ping: () => withTimeout(parts.ping(), PING_TIMEOUT_MS, `${parts.kind} queue backend did not answer within ${PING_TIMEOUT_MS} ms`),
    close: () => parts.close(),
  };
}

async function redisParts(redisUrl: string): Promise<BackendParts> {
  const base = redisOptionsFromUrl(redisUrl);
  await probeRedis(base);
  // Producers share one connection; workers and QueueEvents block, so each gets its own.
  const shared = new IORedis({ ...base, maxRetriesPerRequest: 3 });
  shared.on('error', () => undefined); // surfaced through ping() and BullMQ's own error events
  return {
    kind: 'redis',
    classes: withBackend(createRedisBackend) as unknown as Classes,
    connectionFor: (role) => (role === 'queue' ? shared : { ...base, maxRetriesPerRequest: null }),
    newRedisClient: () => {
      const client = new IORedis({ ...base, maxRetriesPerRequest: null });
      client.on('error', () => undefined); // surfaced by the commands that fail
      return client;
    },
    ping: async () => {
      await shared.ping();
    },
    close: async () => {
      await shared.quit().catch(() => shared.disconnect());
    },
  };
}

/** One attempt, no retries: at startup a wrong REDIS_URL should fail now, with the reason. */
async function probeRedis(base: RedisOptions): Promise<void> {
  const probe = new IORedis({ ...base, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: STARTUP_TIMEOUT_MS });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new Error(`Redis at ${base.host}:${base.port}/${base.db ?? 0} (REDIS_URL) did not answer: ${(error as Error).message}`, { cause: error });
  } finally {
    probe.disconnect();
  }
}

async function postgresParts(options: QueueBackendOptions): Promise<BackendParts> {
  const schema = options.pgSchema ?? DEFAULT_SCHEMA;
  const config = (max: number): PostgresPoolConfig => ({ connectionString: options.databaseUrl, schema, migrate: true, max });
  const admin = new PostgresConnection({ ...config(1), connectionTimeoutMillis: PING_TIMEOUT_MS });
  try {
    await withTimeout(admin.waitUntilReady(), STARTUP_TIMEOUT_MS, `no answer within ${STARTUP_TIMEOUT_MS} ms`);
  } catch (error) {
    await admin.close().catch(() => undefined);
    throw new Error(`BullMQ's PostgreSQL backend (schema "${schema}") is not ready: ${(error as Error).message}`, { cause: error });
  }
  return {
    kind: 'postgres',
    classes: withBackend(createPostgresBackend) as unknown as Classes,
    pgSchema: schema,
    connectionFor: (role) => config(role === 'queue' ? 4 : 2),
    newRedisClient: () => null,
    ping: async () => {
      await admin.pool.query('SELECT 1');
    },
    close: () => admin.close(),
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
