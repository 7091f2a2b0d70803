import type { StepJobData, StepReply } from '@retrace/domain';
import {
  type BackendClasses,
  type ConnectionOptions,
  createPostgresBackend,
  createRedisBackend,
  type IQueueBackend,
  type JobProgress,
  type PostgresConnectionOptions,
  type Processor,
  type Queue,
  type Worker,
  withBackend,
} from 'bullmq';
import type { ResolvedConnection } from './validate-worker-options';

type Connection = ConnectionOptions | PostgresConnectionOptions;
type Classes = BackendClasses<IQueueBackend, Connection>;

export type ReplyQueue = Queue<StepReply, unknown, string, StepReply, unknown, string, IQueueBackend, Connection>;
export type StepWorker = Worker<StepJobData, unknown, string, IQueueBackend, JobProgress, Connection>;

/** BullMQ's Queue and Worker bound to the worker's datastore; each object owns its connections. */
export interface QueueClasses {
  readonly kind: 'redis' | 'postgres';
  replyQueue(name: string): ReplyQueue;
  worker(name: string, processor: Processor<StepJobData, unknown>, concurrency: number): StepWorker;
}

/**
 * Builds BullMQ classes for Redis or for BullMQ 6's PostgreSQL backend. Every Queue and Worker gets
 * connection options rather than a client, so BullMQ opens the connections and closes them with
 * the object: nothing outlives `close()`.
 */
export function bindQueueClasses(connection: ResolvedConnection, prefix: string): QueueClasses {
  const classes = (connection.kind === 'redis' ? withBackend(createRedisBackend) : withBackend(createPostgresBackend)) as unknown as Classes;
  const connectionFor = (role: 'queue' | 'worker'): Connection => {
    if (connection.kind === 'redis') {
      // Workers block on Redis: BullMQ requires them never to give up on a command.
      return role === 'worker' ? { ...connection.options, maxRetriesPerRequest: null } : { ...connection.options };
    }
    const { connectionString, schema, migrate } = connection;
    return { connectionString, schema, migrate, max: role === 'worker' ? 4 : 2 };
  };
  return {
    kind: connection.kind,
    replyQueue: (name) => new classes.Queue<StepReply, unknown>(name, { connection: connectionFor('queue'), prefix }),
    worker: (name, processor, concurrency) =>
      new classes.Worker<StepJobData, unknown>(name, processor, { connection: connectionFor('worker'), prefix, concurrency }),
  };
}
