import type {
  ConnectionOptions,
  IQueueBackend,
  Job,
  PostgresConnectionOptions,
  Processor,
  Queue,
  QueueEvents,
  QueueEventsOptions,
  QueueOptions,
  Worker,
  WorkerOptions,
} from 'bullmq';
import type { Redis } from 'ioredis';

export type QueueBackendKind = 'redis' | 'postgres';

/** What a BullMQ connection is for: producers share one, workers and event listeners block. */
export type QueueConnectionRole = 'queue' | 'worker' | 'events';

/** A BullMQ `connection` option for either backend. */
export type QueueConnection = ConnectionOptions | PostgresConnectionOptions;

export interface QueueBackendOptions {
  /** Set: BullMQ on Redis (a `/N` database index is honoured). Unset: BullMQ's PostgreSQL backend. */
  readonly redisUrl?: string;
  /** The database the PostgreSQL backend uses (and `ping()` checks when there is no Redis). */
  readonly databaseUrl: string;
  /** Redis key prefix (default `retrace`); wrap it in `{}` for Redis Cluster hash tags. */
  readonly prefix?: string;
  /** PostgreSQL schema of BullMQ's tables (default `bullmq`). */
  readonly pgSchema?: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors BullMQ's own defaults for job types */
// BullMQ's Extract*Type helpers are not exported; these are the same conditional types.
type DataOf<D> = D extends Job<infer X, any, any> ? X : D;
type ResultOf<D, R> = D extends Job<any, infer X, any> ? X : R;
type NameOf<D> = D extends Job<any, any, infer X> ? X : string;
export type BackendQueue<D = any, R = any> = Queue<D, R, string, DataOf<D>, ResultOf<D, R>, NameOf<D>, IQueueBackend, QueueConnection>;
export type BackendWorker<D = any, R = any> = Worker<D, R, string, IQueueBackend, any, QueueConnection>;
export type BackendQueueEvents<R = any> = QueueEvents<R, IQueueBackend, QueueConnection>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export type QueueExtras = Omit<QueueOptions<QueueConnection>, 'connection' | 'prefix'>;
export type WorkerExtras = Omit<WorkerOptions<QueueConnection>, 'connection' | 'prefix'>;
export type QueueEventsExtras = Omit<QueueEventsOptions<QueueConnection>, 'connection' | 'prefix'>;

/**
 * BullMQ bound to one backend. Engine code builds its queues through `queue()`, `worker()` and
 * `queueEvents()` and never needs to know which datastore is underneath.
 *
 * @example
 * const replies = backend.queue<ReplyJob>('retrace-replies');
 * const worker = backend.worker<ReplyJob>('retrace-replies', async (job) => apply(job.data));
 */
export interface QueueBackend {
  readonly kind: QueueBackendKind;
  /** Redis key prefix given to every queue (ignored by the PostgreSQL backend). */
  readonly prefix: string;
  /** PostgreSQL schema holding BullMQ's tables; undefined on Redis. */
  readonly pgSchema?: string;
  /** Fresh connection options for a role; spread and adjust them when building classes by hand. */
  connectionFor(role: QueueConnectionRole): QueueConnection;
  queue<D = unknown, R = unknown>(name: string, opts?: QueueExtras): BackendQueue<D, R>;
  worker<D = unknown, R = unknown>(name: string, processor: Processor<D, R>, opts?: WorkerExtras): BackendWorker<D, R>;
  queueEvents<R = unknown>(name: string, opts?: QueueEventsExtras): BackendQueueEvents<R>;
  /**
   * Redis only (null on PostgreSQL): a new ioredis client of the caller's own, for what BullMQ does
   * not cover (the reply stream). It may block and never gives up on a command; connection errors
   * surface through the commands that fail. The caller closes it.
   */
  newRedisClient(): Redis | null;
  /** Resolves when the datastore answers; rejects with the reason otherwise (used by /health). */
  ping(): Promise<void>;
  /** Closes the backend's own connections. Close your queues and workers first. */
  close(): Promise<void>;
}
