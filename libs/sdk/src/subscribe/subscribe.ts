import { RetraceHttpError } from './retrace-http.error';
import { SubscriptionClient, type NextBatchAnswer } from './subscription-client';
import type { BatchHandler, Subscription, SubscribeOptions } from './subscription-types';
import { validateSubscribeOptions, type ResolvedSubscribeOptions } from './validate-subscribe-options';

const ACK_ATTEMPTS = 5;

/** Network failures, timeouts and 408/429/5xx are worth retrying; any other HTTP error is not. */
const isTransient = (error: unknown): boolean => !(error instanceof RetraceHttpError) || error.transient;
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Consumes a durable subscription (a consumer group) of Retrace's log over HTTP. It defines the
 * subscription (`PUT /v1/subscriptions/{name}` with `filter`, `startAt`, `ackTimeoutMs`; the same
 * definition again is fine, another one stops it with a 409), then loops: take a batch, hand it to
 * `handler`, acknowledge it. Empty batches and errors back off exponentially from `minBackoffMs` to
 * `maxBackoffMs`. Several processes may subscribe under one name: each batch goes to one of them.
 *
 * Delivery is **at-least-once**, in log order: a batch whose handler throws, or whose consumer dies
 * before acknowledging, is delivered again once `ackTimeoutMs` has passed, possibly to another
 * consumer. Handlers must be idempotent (key on `event.position`, or on stream and version).
 *
 * `close()` (or aborting `options.signal`) lets the batch in hand finish and be acknowledged, then
 * stops; a batch fetched while closing is still handled, never left leased.
 *
 * @throws InvalidSubscribeOptionsError at once when the arguments are wrong, listing every problem.
 *
 * @example
 * const subscription = subscribe(
 *   'billing.projector',
 *   async (events) => {
 *     for (const event of events) await projection.apply(event); // idempotent: keyed by event.position
 *   },
 *   { url: 'http://127.0.0.1:3000', apiKey: process.env.RETRACE_KEY, filter: { saga: 'order', types: ['MessageSettled'] } },
 * );
 * await subscription.ready();
 * process.once('SIGTERM', () => void subscription.close());
 */
export function subscribe(name: string, handler: BatchHandler, options: SubscribeOptions): Subscription {
  const config = validateSubscribeOptions(name, handler, options);
  const client = new SubscriptionClient(config);
  const stop = new AbortController();
  let markReady: () => void = () => undefined;
  const defined = new Promise<void>((resolve) => (markReady = resolve));
  const onAbort = () => stop.abort();
  config.signal?.addEventListener('abort', onAbort, { once: true });
  if (config.signal?.aborted) stop.abort();

  const running = run(name, handler, config, client, stop.signal, () => markReady()).finally(() =>
    config.signal?.removeEventListener('abort', onAbort),
  );
  // Whoever awaits `running` sees a failure; nobody awaiting it must not crash the process.
  running.catch(() => undefined);

  return {
    name,
    ready: () => Promise.race([defined, running]),
    close: async () => {
      stop.abort();
      await running.catch(() => undefined);
    },
    running,
  };
}

async function run(name: string, handler: BatchHandler, config: ResolvedSubscribeOptions, client: SubscriptionClient, stopped: AbortSignal, ready: () => void): Promise<void> {
  const backoff = new Backoff(config.minBackoffMs, config.maxBackoffMs);
  while (!stopped.aborted) {
    try {
      await client.define(name, config.definition);
      ready();
      break;
    } catch (error) {
      if (!isTransient(error)) throw error;
      config.logger.warn(`subscription ${name}: could not define it yet (${describe(error)}); retrying`);
      await sleep(backoff.next(), stopped);
    }
  }
  backoff.reset();
  while (!stopped.aborted) {
    let batch: NextBatchAnswer;
    try {
      batch = await client.next(name, config.batchSize);
    } catch (error) {
      if (!isTransient(error)) throw error;
      config.logger.warn(`subscription ${name}: fetching the next batch failed (${describe(error)}); backing off`);
      await sleep(backoff.next(), stopped);
      continue;
    }
    if (batch.cursor === undefined) {
      await sleep(backoff.next(), stopped);
      continue;
    }
    if (batch.events.length > 0) {
      try {
        await handler(batch.events, { subscription: name, cursor: batch.cursor });
      } catch (error) {
        config.logger.error(`subscription ${name}: the handler failed on positions ${batch.events[0].position}-${batch.cursor} (${describe(error)}); the batch is delivered again after the ack timeout`);
        await sleep(backoff.next(), stopped);
        continue;
      }
    }
    await acknowledge(name, client, config, batch.cursor, batch.leaseId);
    backoff.reset();
  }
}

/** Acks with a few retries even while closing: an ack lost only means the batch comes again. */
async function acknowledge(name: string, client: SubscriptionClient, config: ResolvedSubscribeOptions, position: number, leaseId?: string): Promise<void> {
  const backoff = new Backoff(config.minBackoffMs, config.maxBackoffMs);
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.ack(name, position, leaseId);
    } catch (error) {
      if (error instanceof RetraceHttpError && error.status === 409) {
        config.logger.warn(`subscription ${name}: ack of ${position} refused (${error.message})`);
        return;
      }
      if (!isTransient(error)) throw error;
      if (attempt >= ACK_ATTEMPTS) {
        config.logger.error(`subscription ${name}: could not ack ${position} (${describe(error)}); the batch is delivered again after the ack timeout`);
        return;
      }
      await sleep(backoff.next());
    }
  }
}

/** Exponential back-off: min, 2×min, 4×min, … capped at max. */
class Backoff {
  private current = 0;

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {}

  next(): number {
    this.current = this.current === 0 ? this.min : Math.min(this.current * 2, this.max);
    return this.current;
  }

  reset(): void {
    this.current = 0;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
