import type { RedisOptions } from 'ioredis';

/**
 * Where the queues live. A `redis://` or `rediss://` URL, ioredis options, or BullMQ 6's
 * PostgreSQL backend. It must be the datastore (and, on Redis, the `prefix`) the orchestrator uses.
 *
 * @example
 * const connection: WorkerConnection = process.env.REDIS_URL ?? { postgres: { connectionString: process.env.DATABASE_URL! } };
 */
export type WorkerConnection = string | RedisOptions | PostgresWorkerConnection;

/**
 * BullMQ's PostgreSQL backend (`createPostgresBackend`), for orchestrators run without Redis.
 *
 * @example
 * const connection = { postgres: { connectionString: 'postgres://retrace@db/retrace', schema: 'retrace_bullmq' } };
 */
export interface PostgresWorkerConnection {
  postgres: {
    connectionString: string;
    /** Schema of BullMQ's tables: the orchestrator's `<RETRACE_DB_SCHEMA>_bullmq`, default `retrace_bullmq`. */
    schema?: string;
    /** Create or upgrade BullMQ's tables on connect (default true); false needs them in place. */
    migrate?: boolean;
  };
}

/**
 * Where the worker writes what it does. `console` fits; so do pino-style and Nest loggers wrapped
 * in two lines. Without one, warnings and errors go to `console`.
 *
 * @example
 * createWorker(handlers, { connection, logger: console });
 */
export interface WorkerLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Options of {@link createWorker}; only `connection` is required.
 *
 * @example
 * const options: WorkerOptions = { connection: 'redis://127.0.0.1:6379', concurrency: 20, shutdownGraceMs: 30_000 };
 */
export interface WorkerOptions {
  connection: WorkerConnection;
  /** Redis key prefix of every queue; default `retrace`. Must match the orchestrator's (ignored on PostgreSQL). */
  prefix?: string;
  /** Jobs run at once, per queue; default 10. */
  concurrency?: number;
  /** Send a `started` reply for each attempt (shows the message PROCESSING sooner); default true. */
  reportStarted?: boolean;
  /**
   * Send `started` only once an attempt has run this long; default 100 ms, 0 sends it before the
   * handler runs. An attempt that ends sooner sends just its outcome, which implies the start (the
   * orchestrator records both at once): half the replies and decisions for fast steps.
   */
  reportStartedAfterMs?: number;
  /** How long `close()` lets running attempts finish before it aborts their signals; default 10 000 ms. */
  shutdownGraceMs?: number;
  logger?: WorkerLogger;
}

export const DEFAULT_PREFIX = 'retrace';
/** The orchestrator keeps BullMQ's tables in `<RETRACE_DB_SCHEMA>_bullmq`; its default schema is `retrace`. */
export const DEFAULT_PG_SCHEMA = 'retrace_bullmq';
export const DEFAULT_CONCURRENCY = 10;
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
export const DEFAULT_REPORT_STARTED_AFTER_MS = 100;
