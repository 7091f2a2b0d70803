import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HTTP_STEP_QUEUE, MESSAGE_STATUSES, REPLY_QUEUE, REPLY_STREAM, type MessageEvent, type MessageState } from '@retrace/domain';
import { EventStore } from '@retrace/event-store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { StepQueues } from '../dispatch/step-queues';
import type { StoredMessage } from '../messages/stored-message';
import { logFields } from '../logging/log-fields';
import type { QueueBackend } from '../queue-backend/queue-backend';
import { QUEUE_BACKEND } from '../queue-backend/queue-backend.token';
import { readReplyStreamDepth } from '../replies/reply-stream';
import { STEP_QUEUES_SQL } from '../sagas/step-queues.sql';
import type { Redis } from 'ioredis';

/** BullMQ job states reported by `retrace_queue_depth`. */
export const QUEUE_DEPTH_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

/** A slow database or Redis must not hang a scrape: some gauges missing is better than no metrics at all. */
const SCRAPE_TIMEOUT_MS = 2000;

/** Seconds, from a few ms (an in-process step) to the longest step deadline (7 days). */
const STEP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400, 604800];

interface ScrapeRow {
  messages: Record<string, number> | null;
  outbox_unsent: number;
  outbox_lag_seconds: number | null;
  operations_in_flight: number;
  queues: string[] | null;
}

/** Everything the gauges need from PostgreSQL, in one round trip. */
const SCRAPE_SQL = `
  SELECT (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM messages GROUP BY status) s) AS messages,
         (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS outbox_unsent,
         (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM outbox WHERE sent_at IS NULL) AS outbox_lag_seconds,
         (SELECT count(*)::int FROM operations WHERE status IN ('running', 'cancelling')) AS operations_in_flight,
         (SELECT array_agg(queue) FROM (${STEP_QUEUES_SQL}) known) AS queues`;

/**
 * The engine's Prometheus metrics, in a registry of this app's own (several apps share a Jest
 * process, and prom-client's global registry would mix them). Counters and the step histogram are
 * recorded as the message writer commits events (a few map lookups per write); gauges over the read
 * models and queues are read when `/metrics` is scraped: one SQL round trip and one `getJobCounts`
 * per known queue (and the reply stream's length and pending count), bounded by a timeout.
 */
@Injectable()
export class EngineMetrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly logger = new Logger(EngineMetrics.name);
  /** For the reply stream's depth; made on the first scrape that needs it. */
  private streamClient: Redis | null = null;

  private readonly messages = new Gauge({ name: 'retrace_messages', help: 'Messages by status (messages read model).', labelNames: ['status'], registers: [this.registry] });
  private readonly stepDuration = new Histogram({
    name: 'retrace_step_duration_seconds',
    help: 'Time from a step attempt being recorded as started (or dispatched, when no started reply came) to its outcome being recorded.',
    labelNames: ['saga', 'step', 'kind', 'outcome'],
    buckets: STEP_DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'retrace_step_retries_total',
    help: 'Failed step attempts that BullMQ will try again (StepAttemptFailed).',
    labelNames: ['saga', 'step', 'kind'],
    registers: [this.registry],
  });
  private readonly compensations = new Counter({
    name: 'retrace_compensations_total',
    help: 'Compensation runs (after a failure, a cancel or an undo) that ended, by the status the message settled in.',
    labelNames: ['saga', 'outcome'],
    registers: [this.registry],
  });
  private readonly outboxLag = new Gauge({ name: 'retrace_outbox_lag_seconds', help: 'Age of the oldest outbox row not yet sent to its queue (0 when none).', registers: [this.registry] });
  private readonly outboxUnsent = new Gauge({ name: 'retrace_outbox_unsent', help: 'Outbox rows not yet sent to their queue.', registers: [this.registry] });
  private readonly queueDepth = new Gauge({
    name: 'retrace_queue_depth',
    help: 'Jobs in each known BullMQ queue by state (step queues of registered sagas, HTTP steps, replies); for the reply stream, entries waiting, active (taken, not applied) and failed (given up).',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });
  private readonly scrapeUp = new Gauge({
    name: 'retrace_scrape_up',
    help: `1 when a source of the gauges read on scrape answered within ${SCRAPE_TIMEOUT_MS} ms (postgres: messages, outbox, operations; queues: queue depths), else 0 and its gauges are left out.`,
    labelNames: ['source'],
    registers: [this.registry],
  });
  private readonly operationsInFlight = new Gauge({ name: 'retrace_operations_in_flight', help: 'Bulk operations running or cancelling.', registers: [this.registry] });

  constructor(
    private readonly store: EventStore,
    @Inject(StepQueues) private readonly queues: StepQueues,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'retrace_' });
    // prom-client names these gauges `*_total`, which Prometheus reserves for counters (promtool
    // lint refuses them); one gauge by resource type takes their place.
    for (const misnamed of ['active_handles', 'active_requests', 'active_resources']) {
      this.registry.removeSingleMetric(`retrace_nodejs_${misnamed}_total`);
      this.registry.removeSingleMetric(`retrace_nodejs_${misnamed}`);
    }
    new Gauge({
      name: 'retrace_nodejs_active_resources',
      help: 'Resources keeping the event loop alive (process.getActiveResourcesInfo), by type.',
      labelNames: ['type'],
      registers: [this.registry],
      collect() {
        this.reset();
        const byType = new Map<string, number>();
        for (const type of process.getActiveResourcesInfo()) byType.set(type, (byType.get(type) ?? 0) + 1);
        for (const [type, n] of byType) this.set({ type }, n);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.streamClient;
    this.streamClient = null;
    await client?.quit().catch(() => client.disconnect());
  }

  /** The Prometheus text exposition, after reading the gauges that are computed on scrape. */
  async scrape(): Promise<string> {
    await this.refresh();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Called by the message writer after it committed `events` on top of `before`: step outcomes feed
   * the histogram, retries and finished compensations the counters. Never throws.
   */
  recordWrite(before: StoredMessage, events: readonly MessageEvent[], endedAt = Date.now()): void {
    const saga = before.state.saga;
    let compensating = before.state.compensationTrigger !== null;
    for (const event of events) {
      switch (event.type) {
        case 'StepAttemptFailed':
          this.retries.inc({ saga, step: event.data.step, kind: event.data.kind });
          this.observeStep(before, saga, event.data, 'retried', endedAt);
          break;
        case 'StepSucceeded':
          this.observeStep(before, saga, event.data, 'succeeded', endedAt);
          break;
        case 'StepFailed':
          this.observeStep(before, saga, event.data, 'failed', endedAt);
          break;
        case 'CompensationStarted':
          compensating = true;
          break;
        case 'ReplayStarted':
          compensating = false;
          break;
        case 'MessageSettled':
          if (compensating) this.compensations.inc({ saga, outcome: event.data.status.toLowerCase() });
          compensating = false;
          break;
        default:
          break;
      }
    }
  }

  /**
   * The attempt began when the message's previous event was recorded (`updated_at`, the database
   * clock): the StepStarted of this attempt when the worker reported it, else the dispatch or the
   * previous attempt's failure. Only an outcome for the step the message waits on is timed.
   */
  private observeStep(before: StoredMessage, saga: string, data: { runId: string; step: string; kind: string }, outcome: string, endedAt: number): void {
    const current: MessageState['current'] = before.state.current;
    if (!current || current.step !== data.step || current.kind !== data.kind || before.state.runId !== data.runId) return;
    const seconds = Math.max(0, (endedAt - before.updatedAt.getTime()) / 1000);
    this.stepDuration.observe({ saga, step: data.step, kind: data.kind, outcome }, seconds);
  }

  private async refresh(): Promise<void> {
    let row: ScrapeRow | undefined;
    try {
      row = await this.store.transaction(async (tx) => {
        await tx.query(`SET LOCAL statement_timeout = ${SCRAPE_TIMEOUT_MS}`);
        const [found] = await tx.query<ScrapeRow>(SCRAPE_SQL);
        return found;
      });
      this.scrapeUp.set({ source: 'postgres' }, 1);
    } catch (error) {
      this.scrapeUp.set({ source: 'postgres' }, 0);
      this.logger.warn(logFields(`read-model gauges left out of this scrape: ${error instanceof Error ? error.message : String(error)}`, { source: 'postgres' }));
    }
    for (const gauge of [this.messages, this.outboxUnsent, this.outboxLag, this.operationsInFlight]) gauge.reset();
    if (row) {
      for (const status of MESSAGE_STATUSES) this.messages.set({ status }, row.messages?.[status] ?? 0);
      this.outboxUnsent.set(row.outbox_unsent);
      this.outboxLag.set(Math.max(0, row.outbox_lag_seconds ?? 0));
      this.operationsInFlight.set(row.operations_in_flight);
    }
    // Without the database, the queues of registered sagas are unknown: the engine's own still count.
    await this.refreshQueueDepths([...(row?.queues ?? []), HTTP_STEP_QUEUE, REPLY_QUEUE]);
  }

  private async refreshQueueDepths(names: string[]): Promise<void> {
    this.queueDepth.reset();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), SCRAPE_TIMEOUT_MS);
    });
    const counts = Promise.all([
      ...[...new Set(names)].sort().map(async (queue) => ({ queue, counts: await this.queues.get(queue).getJobCounts(...QUEUE_DEPTH_STATES) })),
      ...this.replyStreamDepth(),
    ]);
    try {
      const result = await Promise.race([counts, timeout]);
      if (result === 'timeout') throw new Error(`no answer within ${SCRAPE_TIMEOUT_MS} ms`);
      for (const { queue, counts: byState } of result) {
        for (const state of QUEUE_DEPTH_STATES) this.queueDepth.set({ queue, state }, byState[state] ?? 0);
      }
      this.scrapeUp.set({ source: 'queues' }, 1);
    } catch (error) {
      counts.catch(() => undefined);
      this.queueDepth.reset();
      this.scrapeUp.set({ source: 'queues' }, 0);
      this.logger.warn(logFields(`queue depths left out of this scrape: ${error instanceof Error ? error.message : String(error)}`, { source: 'queues' }));
    } finally {
      clearTimeout(timer);
    }
  }

  /** The reply stream's depth as queue counts, when this deployment offers the stream. */
  private replyStreamDepth(): Promise<{ queue: string; counts: Record<string, number> }>[] {
    if (this.queues.replyStream === undefined) return [];
    this.streamClient ??= this.backend.newRedisClient();
    if (!this.streamClient) return [];
    return [readReplyStreamDepth(this.streamClient, this.backend.prefix).then((counts) => ({ queue: REPLY_STREAM, counts: { ...counts } }))];
  }
}
