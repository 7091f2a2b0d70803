import type { SubscriptionFilter } from '@retrace/domain';

export type { SubscriptionFilter };

/** One event of the log as a subscription delivers it (the shape of `GET /v1/events`). */
export interface SubscriptionEvent {
  /** Global order of the log; the batch is in increasing position order. */
  position: number;
  streamId: string;
  /** The event's version within its stream. */
  version: number;
  type: string;
  data: unknown;
  metadata: { actor: string | null; reason: string | null; runId: string | null; causationId: string | null; correlationId: string | null; operationId?: string };
  /** ISO-8601, the database's clock. */
  createdAt: string;
}

/** What a batch handler is told besides the events. */
export interface BatchContext {
  subscription: string;
  /** The position the batch is acknowledged up to once the handler returns. */
  cursor: number;
}

/**
 * Handles one batch, in order. Return (or resolve) to have it acknowledged; throw to have it
 * delivered again after the subscription's `ackTimeoutMs`. Make it idempotent: delivery is
 * at-least-once (a crash between handling and acknowledging delivers the batch again).
 */
export type BatchHandler = (events: SubscriptionEvent[], ctx: BatchContext) => Promise<void> | void;

/** Where `subscribe` reports what happens; `console` fits. */
export interface SubscribeLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** Options of {@link subscribe}. Only `url` is required. */
export interface SubscribeOptions {
  /** Retrace's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Which events to deliver (default `{}`: all but other subscriptions' own). Part of the definition: it must match an existing subscription's. */
  filter?: SubscriptionFilter;
  /** Where a new subscription starts (default `beginning`); ignored once it exists. */
  startAt?: 'beginning' | 'end';
  /** How long a batch may stay unacknowledged before it is delivered again (default 30000). */
  ackTimeoutMs?: number;
  /** Events per batch, 1-1000 (default 100). */
  batchSize?: number;
  /** First back-off after an empty batch or an error, doubled each time up to `maxBackoffMs` (default 100). */
  minBackoffMs?: number;
  /** Longest back-off (default 5000): also the longest a new event waits while the subscription is idle. */
  maxBackoffMs?: number;
  /** Per-request timeout (default 30000). */
  requestTimeoutMs?: number;
  /** Aborting it is `close()`. */
  signal?: AbortSignal;
  logger?: SubscribeLogger;
  /** The fetch to use (default the global one); for tests and custom agents. */
  fetch?: typeof fetch;
}

/**
 * A running subscription. `close()` lets the batch in hand finish and be acknowledged, then stops.
 *
 * @example
 * process.once('SIGTERM', () => void subscription.close());
 */
export interface Subscription {
  readonly name: string;
  /** Resolves once the subscription is defined on the server; rejects with what stopped it first. */
  ready(): Promise<void>;
  /** Stops after the batch in hand is handled and acknowledged; resolves once stopped. Safe to call twice. */
  close(): Promise<void>;
  /** Resolves when stopped by close(); rejects with the error that stopped it (a refused definition, a revoked key). */
  readonly running: Promise<void>;
}
