import { randomBytes } from 'node:crypto';
import type { RetraceWorker, WorkerConnection, WorkerLogger } from '@retrace/sdk';
import { awaitTerminal, type Progress } from './await-terminal';
import { forEachLimited, withTimeout } from './concurrency';
import { countStatuses, isTerminal } from './count-statuses';
import { formatProgress, formatSummary } from './format-summary';
import { Inventory, startInventoryWorker } from './inventory';
import type { OrdersSummary } from './orders-summary';

export type { OrdersSummary } from './orders-summary';
import { orderFor } from './order';
import { parseOrdersArgs, USAGE, UsageError } from './parse-args';
import { PaymentsService } from './payments';
import { RetraceClient } from './retrace-client';
import { ORDERS_SAGA_VERSION, ordersSaga } from './saga';
import { Shipping, startShippingWorker } from './shipping';

export interface RunOrdersOptions {
  /** Retrace's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  count: number;
  /** Share of cards the payments service declines (0 … 1). */
  failRate: number;
  /** Publishes in flight at once, and jobs each worker queue runs at once. */
  concurrency: number;
  /** The orchestrator's queues: its Redis, or its PostgreSQL (`{ postgres: … }`). */
  connection: WorkerConnection;
  /** Redis key prefix of the orchestrator's queues; default `retrace`. */
  prefix?: string;
  /** Fixes which orders are declined (and which find the warehouse busy). */
  seed: string;
  /** Default `orders`. */
  saga?: string;
  /** Where the payments service listens; default 127.0.0.1, any free port. */
  paymentsHost?: string;
  paymentsPort?: number;
  /** Share of orders whose first reserve attempt fails transiently (retried); default 0.1. */
  busyRate?: number;
  /** How long to wait for every message to end; default 120 s. */
  timeoutMs?: number;
  pollMs?: number;
  apiKey?: string;
  /** Prefix of the order ids (`<runTag>-1` …); default: new for each run, so runs never collide. */
  runTag?: string;
  /** The workers' logger; default: errors to stderr, retried attempts not at all. */
  logger?: WorkerLogger;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

const QUIET: WorkerLogger = { warn: () => undefined, error: (message) => console.error(`worker: ${message}`) };
const READY_TIMEOUT_MS = 15_000;

/**
 * The whole example: starts the payments service and the inventory and shipping workers,
 * registers the saga, publishes `count` orders over HTTP, waits until each message is terminal,
 * stops what it started and sums up. Throws when Retrace or the queues cannot be reached.
 */
export async function runOrders(options: RunOrdersOptions): Promise<OrdersSummary> {
  const saga = options.saga ?? 'orders';
  const client = new RetraceClient(options.url.replace(/\/+$/, ''), options.apiKey);
  const payments = new PaymentsService({ failRate: options.failRate, seed: options.seed, host: options.paymentsHost, port: options.paymentsPort });
  const inventory = new Inventory(options.busyRate ?? 0.1, options.seed);
  const shipping = new Shipping();
  const workerOptions = {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    logger: options.logger ?? QUIET,
    shutdownGraceMs: 2_000,
  };
  const workers: RetraceWorker[] = [];
  try {
    const paymentsUrl = await payments.start();
    workers.push(startInventoryWorker(inventory, workerOptions), startShippingWorker(shipping, workerOptions));
    await withTimeout(Promise.all(workers.map((w) => w.waitUntilReady())), READY_TIMEOUT_MS, 'the workers could not connect to the queues');
    const registration = await client.registerSaga(saga, ordersSaga(paymentsUrl));

    const runTag = options.runTag ?? `o${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const orders = Array.from({ length: options.count }, (_, i) => orderFor(runTag, i + 1));
    const since = new Date(Date.now() - 5 * 60_000);
    const startedAt = Date.now();
    await forEachLimited(orders, options.concurrency, (order) =>
      client.publish({ saga, id: order.orderId, payload: order, correlationId: runTag }),
    );
    const publishMs = Date.now() - startedAt;
    const { statuses, finished, finishedAt } = await awaitTerminal(
      client,
      orders.map((o) => o.orderId),
      { saga, since, timeoutMs: options.timeoutMs ?? 120_000, pollMs: options.pollMs ?? 500, startedAt, signal: options.signal, onProgress: options.onProgress },
    );
    const elapsedMs = finishedAt - startedAt;
    return {
      saga,
      sagaVersion: ORDERS_SAGA_VERSION,
      registration,
      paymentsUrl,
      runTag,
      count: options.count,
      byStatus: countStatuses(statuses.values()),
      statuses,
      finished,
      publishMs,
      elapsedMs,
      ordersPerSecond: options.count / Math.max(elapsedMs / 1000, 0.001),
      payments: payments.snapshot(),
      inventory: inventory.snapshot(),
      shipping: shipping.snapshot(),
    };
  } finally {
    await Promise.allSettled(workers.map((w) => w.close()));
    await payments.close();
  }
}

/** The CLI: `npm run example:orders -- --count 200 --fail-rate 0.2`. Exit 0 when every order ended. */
async function main(): Promise<number> {
  let cli;
  try {
    cli = parseOrdersArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (cli === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { verbose, queues, ...options } = cli;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  console.log(
    `Publishing ${options.count} orders to ${options.url} (saga ${options.saga}, fail rate ${options.failRate}, seed ${options.seed}); ` +
      `workers on ${queues}`,
  );
  let lastLine = 0;
  const summary = await runOrders({
    ...options,
    signal: stop.signal,
    ...(verbose ? { logger: { warn: console.warn, error: console.error } } : {}),
    onProgress: (progress) => {
      if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${formatProgress(progress)}`);
      else if (Date.now() - lastLine >= 2_000 || progress.terminal === progress.total) {
        lastLine = Date.now();
        console.log(formatProgress(progress));
      }
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`saga ${summary.saga} v${summary.sagaVersion} ${summary.registration}; payments service on ${summary.paymentsUrl}`);
  console.log(formatSummary(summary));
  if (summary.finished) return 0;
  const unfinished = [...summary.statuses].filter(([, status]) => !isTerminal(status));
  console.error(
    `${unfinished.length} order(s) had not ended after ${options.timeoutMs / 1000} s, e.g. ` +
      `${unfinished.slice(0, 5).map(([id, status]) => `${id} (${status})`).join(', ')}; look at GET /v1/messages/<id>/events`,
  );
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`example:orders failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
