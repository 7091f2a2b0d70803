import type { RedisOptions } from 'ioredis';
import { HTTP_STEP_QUEUE, QUEUE_NAME_PATTERN, REPLY_QUEUE, type JsonObject } from '@retrace/domain';
import { InvalidWorkerOptionsError } from './invalid-worker-options.error';
import type { StepHandler, StepHandlers } from './step-context';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_PG_SCHEMA,
  DEFAULT_PREFIX,
  DEFAULT_REPORT_STARTED_AFTER_MS,
  DEFAULT_SHUTDOWN_GRACE_MS,
  type WorkerLogger,
  type WorkerOptions,
} from './worker-options';

export type ResolvedConnection =
  | { kind: 'redis'; options: RedisOptions & { url?: string } }
  | { kind: 'postgres'; connectionString: string; schema: string; migrate: boolean };

/** {@link WorkerOptions} checked, with every default filled in. */
export interface ResolvedWorkerOptions {
  handlers: ReadonlyMap<string, StepHandler<JsonObject, unknown>>;
  connection: ResolvedConnection;
  prefix: string;
  concurrency: number;
  reportStarted: boolean;
  reportStartedAfterMs: number;
  shutdownGraceMs: number;
  logger: WorkerLogger;
}

const KNOWN_OPTIONS = ['connection', 'prefix', 'concurrency', 'reportStarted', 'reportStartedAfterMs', 'shutdownGraceMs', 'logger'];
const RESERVED_QUEUES = new Map([
  [REPLY_QUEUE, 'is where workers send replies; the orchestrator takes jobs from it'],
  [HTTP_STEP_QUEUE, "is where the orchestrator's own worker takes HTTP steps from"],
]);
const QUEUE_RULE = "1-128 letters, digits, '.', '_' or '-', starting with a letter or digit (no ':')";
const SCHEMA_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MAX_TIMER_MS = 2_147_483_647;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function show(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'object':
      return v === null ? 'null' : Array.isArray(v) ? 'an array' : 'an object';
    case 'function':
      return 'a function';
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
    default:
      return typeof v;
  }
}

/**
 * Checks `createWorker`'s arguments before anything connects, so a typo stops startup with the
 * reason instead of surfacing as a job nobody takes.
 *
 * @throws InvalidWorkerOptionsError listing every problem.
 */
export function validateWorkerOptions(handlers: StepHandlers, options: WorkerOptions): ResolvedWorkerOptions {
  const problems: string[] = [];
  const queues = readHandlers(handlers, problems);
  if (!isRecord(options)) {
    throw new InvalidWorkerOptionsError([...problems, `options must be an object with at least a connection, got ${show(options)}`]);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) problems.push(`options.${key} is not an option; known: ${KNOWN_OPTIONS.join(', ')}`);
  }
  const connection = readConnection(options.connection, problems);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || prefix === '' || /\s/.test(prefix)) {
    problems.push(`options.prefix must be a non-empty string without spaces (the orchestrator's, default "${DEFAULT_PREFIX}"), got ${show(prefix)}`);
  }
  const concurrency = readInteger('concurrency', options.concurrency, DEFAULT_CONCURRENCY, 1, problems);
  const shutdownGraceMs = readInteger('shutdownGraceMs', options.shutdownGraceMs, DEFAULT_SHUTDOWN_GRACE_MS, 0, problems);
  const reportStartedAfterMs = readInteger('reportStartedAfterMs', options.reportStartedAfterMs, DEFAULT_REPORT_STARTED_AFTER_MS, 0, problems);
  const reportStarted = options.reportStarted ?? true;
  if (typeof reportStarted !== 'boolean') problems.push(`options.reportStarted must be true or false, got ${show(reportStarted)}`);
  const logger = options.logger ?? { warn: console.warn, error: console.error };
  if (!isRecord(logger) || typeof logger.warn !== 'function' || typeof logger.error !== 'function') {
    problems.push('options.logger must have warn() and error() methods (info() and debug() are optional); console fits');
  }
  if (problems.length > 0) throw new InvalidWorkerOptionsError(problems);
  return { handlers: queues, connection: connection!, prefix, concurrency, reportStarted, reportStartedAfterMs, shutdownGraceMs, logger };
}

function readHandlers(handlers: StepHandlers, problems: string[]): Map<string, StepHandler<JsonObject, unknown>> {
  const queues = new Map<string, StepHandler<JsonObject, unknown>>();
  if (!isRecord(handlers)) {
    problems.push(`handlers must be an object mapping queue names to async functions, got ${show(handlers)}`);
    return queues;
  }
  for (const [queue, handler] of Object.entries(handlers)) {
    if (!QUEUE_NAME_PATTERN.test(queue)) problems.push(`handlers[${JSON.stringify(queue)}]: a queue name is ${QUEUE_RULE}`);
    else if (RESERVED_QUEUES.has(queue)) problems.push(`handlers[${JSON.stringify(queue)}]: this queue ${RESERVED_QUEUES.get(queue)}; name the step's own queue`);
    if (typeof handler !== 'function') problems.push(`handlers[${JSON.stringify(queue)}] must be a function (input, ctx) => result, got ${show(handler)}`);
    else queues.set(queue, handler);
  }
  if (Object.keys(handlers).length === 0) problems.push('handlers is empty: map at least one queue name to its handler');
  return queues;
}

function readConnection(connection: unknown, problems: string[]): ResolvedConnection | undefined {
  if (typeof connection === 'string') {
    if (!/^rediss?:\/\/[^/]/.test(connection) || !URL.canParse(connection)) {
      problems.push('options.connection as a string must be a redis:// or rediss:// URL (for PostgreSQL pass { postgres: { connectionString } })');
      return undefined;
    }
    return { kind: 'redis', options: { url: connection } };
  }
  if (!isRecord(connection)) {
    problems.push(`options.connection is required: a redis:// URL, ioredis options, or { postgres: { connectionString } }; got ${show(connection)}`);
    return undefined;
  }
  if (typeof connection.duplicate === 'function' || typeof connection.connect === 'function') {
    problems.push('options.connection must be options or a URL, not a client: the worker opens (and closes) connections of its own');
    return undefined;
  }
  if (!('postgres' in connection)) return { kind: 'redis', options: { ...connection } };
  const pg = connection.postgres;
  if (!isRecord(pg) || typeof pg.connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(pg.connectionString)) {
    problems.push('options.connection.postgres.connectionString must be a postgres:// URL');
    return undefined;
  }
  const schema = pg.schema ?? DEFAULT_PG_SCHEMA;
  if (typeof schema !== 'string' || !SCHEMA_PATTERN.test(schema)) {
    problems.push(`options.connection.postgres.schema must be a plain PostgreSQL identifier (letters, digits, '_'), got ${show(schema)}`);
  }
  const migrate = pg.migrate ?? true;
  if (typeof migrate !== 'boolean') problems.push(`options.connection.postgres.migrate must be true or false, got ${show(migrate)}`);
  return { kind: 'postgres', connectionString: pg.connectionString, schema: schema as string, migrate: migrate as boolean };
}

function readInteger(name: string, value: unknown, fallback: number, min: number, problems: string[]): number {
  const n = value ?? fallback;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > MAX_TIMER_MS) {
    problems.push(`options.${name} must be an integer ≥ ${min}, got ${show(n)}`);
  }
  return n as number;
}
