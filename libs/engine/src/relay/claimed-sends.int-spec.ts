import { MESSAGE_STREAM_PREFIX, REPLY_STREAM, stepJobId, type MessageState } from '@retrace/domain';
import type { StoreSession } from '@retrace/event-store';
import { createTestEventStore, deleteRedisPrefix, testDatabaseUrl, testRedisUrl, uniqueQueueNamespace, waitUntil, type TestEventStore } from '@retrace/testing';
import { StepQueues } from '../dispatch/step-queues';
import { StepWithdrawer } from '../dispatch/step-withdrawer';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { ENGINE_MIGRATIONS } from '../migrations';
import type { OutboxJob } from '../outbox/outbox-job';
import { OutboxRepository } from '../outbox/outbox-repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { createQueueBackend } from '../queue-backend/create-queue-backend';
import type { QueueBackend } from '../queue-backend/queue-backend';
import { ClaimedSends } from './claimed-sends';
import { relayOutboxBatch } from './relay-outbox-batch';

const QUEUE = 'orders.reserve';
const RUN = 'run-1';

const outboxJob = (messageId: string): OutboxJob => ({
  jobId: stepJobId({ messageId, runId: RUN, step: 'reserve', kind: 'action' }),
  queue: QUEUE,
  messageId,
  data: {
    messageId,
    saga: 'orders',
    sagaVersion: 1,
    step: 'reserve',
    kind: 'action',
    runId: RUN,
    replayOf: null,
    payload: {},
    results: {},
    timeoutMs: 30_000,
    replyTo: 'retrace.replies',
  },
  options: { attempts: 1, backoff: { type: 'fixed', delay: 0 }, delay: 0 },
});

/** The message state a withdrawal reads: waiting on its first step's action. */
const waitingOnReserve = { runId: RUN, current: { step: 'reserve', kind: 'action' } } as unknown as MessageState;

/** Step queues whose addBulk waits for `open()`, or fails when `refuse` is set. */
function gatedQueues(real: StepQueues, refuse = false) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const queues = {
    replyStream: undefined,
    get: (name: string) => ({
      addBulk: async (jobs: never[]) => {
        await gate;
        if (refuse) throw new Error('Redis is away');
        return real.get(name).addBulk(jobs);
      },
    }),
  } as unknown as StepQueues;
  return { queues, open };
}

describe('claimed sends: jobs a decision inserted already sent, added right after its commit', () => {
  let db: TestEventStore;
  let backend: QueueBackend;
  let queues: StepQueues;
  const outbox = new OutboxRepository();
  const signal = new OutboxSignal();
  const options: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, claimedSendsInFlight: 2 };

  /** Commits each message's first event with its job claimed on `session`, as DecisionCommitter does; returns the ids inserted. */
  const commitClaimed = async (session: StoreSession, jobs: OutboxJob[]) => {
    let inserted: string[] = [];
    await db.eventStore.appendToStreams(
      jobs.map((job) => ({ streamId: `${MESSAGE_STREAM_PREFIX}${job.messageId}`, expectedVersion: 0, events: [{ type: 'MessageAccepted', data: {} }] })),
      [outbox.addAllWith(jobs, true, (ids) => (inserted = ids))],
      session.sql,
    );
    return inserted;
  };
  const sent = async (job: OutboxJob) =>
    (await db.eventStore.sql.query<{ sent: boolean }>(`SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE job_id = $1`, [job.jobId]))[0]?.sent;
  const queued = (job: OutboxJob) => queues.get(QUEUE).getJob(job.jobId);
  /** Send locks of this spec's keys only: pg_locks is the whole cluster's, and suites in parallel hold send locks of their own. */
  const sendLocks = async () =>
    Number(
      (
        await db.eventStore.sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_locks
            WHERE locktype = 'advisory' AND classid = x'52545243'::int::oid AND objsubid = 2
              AND objid IN (SELECT hashtext(key)::oid FROM unnest($1::text[]) AS k(key))`,
          [[...['a', 'b', 'c', 'd', 'e'].map((id) => outboxJob(id).jobId), 'never-committed']],
        )
      )[0].n,
    );
  const withdraw = (job: OutboxJob) =>
    db.eventStore.transaction((tx) => new StepWithdrawer(queues, outbox).withdraw(tx, job.messageId, waitingOnReserve));

  beforeAll(async () => {
    db = await createTestEventStore('claimed_sends', { migrations: ENGINE_MIGRATIONS });
    backend = await createQueueBackend({ redisUrl: testRedisUrl(), databaseUrl: testDatabaseUrl(), prefix: uniqueQueueNamespace('claimed') });
    queues = new StepQueues(backend, DEFAULT_ENGINE_OPTIONS);
  });

  afterAll(async () => {
    await queues.onApplicationShutdown();
    await backend.close();
    await deleteRedisPrefix(backend.prefix);
    await db.drop();
  });

  it('adds the jobs the statement inserted right after its commit, then gives back their send locks and the session', async () => {
    const sends = new ClaimedSends(db.eventStore, queues, outbox, signal, options);
    const [a, b] = [outboxJob('a'), outboxJob('b')];
    const session = (await sends.open())!;

    const inserted = await commitClaimed(session, [a, b]);

    expect(inserted).toEqual([a.jobId, b.jobId]);
    expect([await sent(a), await sent(b)]).toEqual([true, true]);
    expect(await sendLocks()).toBe(2);
    sends.send(session, [a, b]);
    await sends.onApplicationShutdown();
    expect((await queued(a))?.data).toEqual({ ...a.data, replyStream: REPLY_STREAM });
    expect(await queued(b)).toBeDefined();
    expect(await sendLocks()).toBe(0);
  });

  it('makes a withdrawal wait for a send in flight, so it finds the job queued and takes it back', async () => {
    const gated = gatedQueues(queues);
    const sends = new ClaimedSends(db.eventStore, gated.queues, outbox, signal, options);
    const job = outboxJob('c');
    const session = (await sends.open())!;
    await commitClaimed(session, [job]);
    sends.send(session, [job]);

    let withdrawn = false;
    const withdrawal = withdraw(job).then(() => (withdrawn = true));
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(withdrawn).toBe(false);
    } finally {
      gated.open();
      await withdrawal;
      await sends.onApplicationShutdown();
    }

    expect(await queued(job)).toBeUndefined();
  });

  it('marks the rows unsent again when BullMQ refuses the jobs, wakes the relay, and a poll sends them', async () => {
    const gated = gatedQueues(queues, true);
    const sends = new ClaimedSends(db.eventStore, gated.queues, outbox, signal, options);
    const job = outboxJob('d');
    let woken = 0;
    const unsubscribe = signal.subscribe(() => woken++);
    const session = (await sends.open())!;
    await commitClaimed(session, [job]);
    sends.send(session, [job]);
    gated.open();
    await sends.onApplicationShutdown();
    unsubscribe();

    expect(await sent(job)).toBe(false);
    expect(woken).toBe(1);
    expect(await sendLocks()).toBe(0);
    await expect(db.eventStore.transaction((tx) => relayOutboxBatch(tx, queues, 100))).resolves.toBe(1);
    expect(await queued(job)).toBeDefined();
  });

  it('opens at most claimedSendsInFlight sessions at once, none without a relay, and one again when a send ends', async () => {
    const sends = new ClaimedSends(db.eventStore, queues, outbox, signal, options);
    const [first, second] = [await sends.open(), await sends.open()];
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(await sends.open()).toBeNull();

    sends.send(first!, []);
    await waitUntil(async () => {
      const again = await sends.open();
      if (again) sends.abandon(again);
      return again !== null;
    }, 'a session to be free again');
    sends.abandon(second!);
    await sends.onApplicationShutdown();
    expect(await sends.open()).toBeNull();
    expect(await new ClaimedSends(db.eventStore, queues, outbox, signal, { ...options, relay: false }).open()).toBeNull();
  });

  it('gives back the locks a failed statement left on its session', async () => {
    const sends = new ClaimedSends(db.eventStore, queues, outbox, signal, options);
    const session = (await sends.open())!;
    // A session lock taken by a statement outlives that statement's rollback.
    await expect(
      session.sql.query(`SELECT pg_advisory_lock(x'52545243'::int, hashtext('never-committed')), 1 / 0`),
    ).rejects.toThrow(/division by zero/);
    await session.sql.query(`SELECT pg_advisory_lock(x'52545243'::int, hashtext('never-committed'))`);
    expect(await sendLocks()).toBe(1);

    sends.abandon(session);
    await sends.onApplicationShutdown();

    expect(await sendLocks()).toBe(0);
  });

  it('closes a session whose connection was lost during the send; its lock goes with it and the job is still added', async () => {
    const gated = gatedQueues(queues);
    const sends = new ClaimedSends(db.eventStore, gated.queues, outbox, signal, options);
    const job = outboxJob('e');
    const session = (await sends.open())!;
    const [{ pid }] = await session.sql.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
    await commitClaimed(session, [job]);
    sends.send(session, [job]);

    await db.eventStore.sql.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await waitUntil(async () => (await sendLocks()) === 0, 'the lost connection to free its lock');
    gated.open();
    await sends.onApplicationShutdown();

    expect(await sent(job)).toBe(true);
    expect(await queued(job)).toBeDefined();
  });
});
