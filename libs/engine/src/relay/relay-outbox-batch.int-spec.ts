import { REPLY_STREAM } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';
import { createTestEventStore, deleteRedisPrefix, holdTransaction, testDatabaseUrl, testRedisUrl, uniqueQueueNamespace, waitUntil, type TestEventStore } from '@retrace/testing';
import { StepQueues } from '../dispatch/step-queues';
import { ENGINE_MIGRATIONS } from '../migrations';
import type { OutboxJob } from '../outbox/outbox-job';
import { createQueueBackend } from '../queue-backend/create-queue-backend';
import type { QueueBackend } from '../queue-backend/queue-backend';
import { DEFAULT_ENGINE_OPTIONS } from '../engine-options';
import { OutboxSignal } from '../outbox/outbox-signal';
import { OutboxRelay } from './outbox-relay';
import { relayOutboxBatch, sendCommittedJobs } from './relay-outbox-batch';

const QUEUE = 'orders.reserve';

const outboxJob = (id: string, delay = 0): OutboxJob => ({
  jobId: `job-${id}`,
  queue: QUEUE,
  messageId: id,
  data: {
    messageId: id,
    saga: 'orders',
    sagaVersion: 1,
    step: 'reserve',
    kind: 'action',
    runId: 'run-1',
    replayOf: null,
    payload: { n: 1 },
    results: {},
    timeoutMs: 30_000,
    replyTo: 'retrace.replies',
  },
  options: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, delay },
});

describe('sending outbox rows to BullMQ', () => {
  let db: TestEventStore;
  let backend: QueueBackend;
  let queues: StepQueues;

  /** Inserts the jobs' rows as a decision commits them (`agoMs` back in time); returns what the writer hands over. */
  const commit = async (jobs: OutboxJob[], agoMs = 0) => {
    for (const job of jobs) {
      await db.eventStore.sql.execute(
        `INSERT INTO outbox (job_id, queue, message_id, data, options, created_at) VALUES ($1, $2, $3, $4, $5, now() - $6 * interval '1 millisecond')`,
        [job.jobId, job.queue, job.messageId, JSON.stringify(job.data), JSON.stringify(job.options), agoMs],
      );
    }
    return jobs.map((job) => job.jobId);
  };
  const sentAt = async (job: OutboxJob) =>
    (await db.eventStore.sql.query<{ sent: boolean }>(`SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE job_id = $1`, [job.jobId]))[0]?.sent;
  const queued = (job: OutboxJob) => queues.get(QUEUE).getJob(job.jobId);
  /** Locks the job's row in a transaction of its own (as a retraction does) until `release`, which runs `then` and commits. */
  const holdRow = (job: OutboxJob, then?: (tx: SqlRunner) => Promise<unknown>) =>
    holdTransaction(db.eventStore, (tx) => tx.query(`SELECT 1 FROM outbox WHERE job_id = $1 FOR UPDATE`, [job.jobId]), then);

  beforeAll(async () => {
    db = await createTestEventStore('relay', { migrations: ENGINE_MIGRATIONS });
    backend = await createQueueBackend({ redisUrl: testRedisUrl(), databaseUrl: testDatabaseUrl(), prefix: uniqueQueueNamespace('relay') });
    queues = new StepQueues(backend, DEFAULT_ENGINE_OPTIONS);
  });

  afterAll(async () => {
    await queues.onApplicationShutdown();
    await backend.close();
    await deleteRedisPrefix(backend.prefix);
    await db.drop();
  });

  it('sends jobs handed over after their commit by id, as their rows have them, and marks the rows sent', async () => {
    const jobs = [outboxJob('a'), outboxJob('b')];
    const handed = await commit(jobs);

    await expect(db.eventStore.transaction((tx) => sendCommittedJobs(tx, queues, handed))).resolves.toBe(2);

    for (const job of jobs) {
      expect(await sentAt(job)).toBe(true);
      const sent = await queued(job);
      expect(sent?.data).toEqual({ ...job.data, replyStream: REPLY_STREAM });
      expect(sent?.name).toBe('orders.reserve.action');
      expect(sent?.opts.attempts).toBe(3);
    }
  });

  it('names no reply stream in the jobs when the deployment does not read one', async () => {
    const withoutStream = new StepQueues(backend, { ...DEFAULT_ENGINE_OPTIONS, replyStream: false });
    const job = outboxJob('no-stream');
    const handed = await commit([job]);

    await db.eventStore.transaction((tx) => sendCommittedJobs(tx, withoutStream, handed));

    expect((await withoutStream.get(QUEUE).getJob(job.jobId))?.data).toEqual(job.data);
    await withoutStream.onApplicationShutdown();
  });

  it('skips a row that is already sent, so a second hand-over or a poll does not add the job again', async () => {
    const job = outboxJob('c');
    const handed = await commit([job], 1_000);
    await db.eventStore.transaction((tx) => relayOutboxBatch(tx, queues, 100));
    await (await queued(job))!.remove();

    await expect(db.eventStore.transaction((tx) => sendCommittedJobs(tx, queues, handed))).resolves.toBe(0);

    expect(await queued(job)).toBeUndefined();
  });

  it('skips a row a retraction deleted while holding its lock, waiting for that retraction to commit', async () => {
    const job = outboxJob('d');
    const handed = await commit([job]);
    const withdrawal = await holdRow(job, (tx) => tx.execute(`DELETE FROM outbox WHERE job_id = $1`, [job.jobId]));

    const sending = db.eventStore.transaction((tx) => sendCommittedJobs(tx, queues, handed));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await withdrawal.release();

    await expect(sending).resolves.toBe(0);
    expect(await queued(job)).toBeUndefined();
  });

  it('takes the time since the row was committed off a delayed job', async () => {
    const job = outboxJob('e', 60_000);
    const handed = await commit([job], 20_000);

    await db.eventStore.transaction((tx) => sendCommittedJobs(tx, queues, handed));

    const delay = (await queued(job))!.opts.delay!;
    expect(delay).toBeGreaterThan(35_000);
    expect(delay).toBeLessThanOrEqual(40_000);
  });

  it('leaves young rows to their hand-over when polling on schedule, and takes them when asked to look', async () => {
    const job = outboxJob('g');
    await commit([job]);

    await expect(db.eventStore.transaction((tx) => relayOutboxBatch(tx, queues, 100, 60_000))).resolves.toBe(0);
    await expect(db.eventStore.transaction((tx) => relayOutboxBatch(tx, queues, 100, 0))).resolves.toBe(1);
    expect(await queued(job)).toBeDefined();
  });

  it('sends jobs committed while a hand-over waits for a locked row in another transaction, not after it', async () => {
    const signal = new OutboxSignal();
    const relay = new OutboxRelay(db.eventStore, queues, signal, { ...DEFAULT_ENGINE_OPTIONS, relayPollMs: 600_000, relaySendsInFlight: 2 });
    const [held, next] = [outboxJob('h'), outboxJob('i')];
    await commit([held, next]);
    const holder = await holdRow(held);
    relay.onApplicationBootstrap();
    try {
      signal.committed([held]);
      signal.committed([next]);

      await waitUntil(async () => (await queued(next)) !== undefined, 'the job committed second to be sent');
      expect(await queued(held)).toBeUndefined();
      await holder.release();
      await waitUntil(async () => (await queued(held)) !== undefined, 'the held job to be sent once its row is free');
    } finally {
      await holder.release();
      await relay.onApplicationShutdown();
    }
  });

  it('leaves the row unsent when BullMQ refuses the jobs, so a poll sends it later', async () => {
    const job = outboxJob('f');
    const handed = await commit([job]);
    const broken = { get: () => ({ addBulk: () => Promise.reject(new Error('Redis is away')) }) } as unknown as StepQueues;

    await expect(db.eventStore.transaction((tx) => sendCommittedJobs(tx, broken, handed))).rejects.toThrow('Redis is away');
    expect(await sentAt(job)).toBe(false);

    await expect(db.eventStore.transaction((tx) => relayOutboxBatch(tx, queues, 100))).resolves.toBe(1);
    expect(await queued(job)).toBeDefined();
  });
});
