import { ReplyApplier } from '@retrace/engine/replies/reply-applier';
import { StepQueues } from '@retrace/engine/dispatch/step-queues';
import { DataSource } from 'typeorm';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { auditCalls, auditStream, history, terminalCount, view, type StepCall } from './support/saga-audit';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * Two orchestrator replicas — two whole apps, each with its own DataSource, queue backend, relay,
 * reply consumer and sweeper — on one schema and one queue prefix, as DESIGN.md "Processes and scale"
 * runs them. Correctness must come from stream versions and SKIP LOCKED, not from there being one.
 */
describe('two orchestrator replicas on one database and one Redis prefix (e2e)', () => {
  const COUNT = 300;
  let a: TestApp;
  let b: TestApp;
  const workers: { close(): Promise<void> }[] = [];
  /** Every handler call, in arrival order (a retry is a second call under the same key). */
  const calls: StepCall[] = [];
  /** Side effects applied, by idempotency key: handlers here do NOT dedupe, so a double delivery shows. */
  const applied = new Map<string, number>();
  /** What each replica's relay moved into BullMQ, and how many replies each one applied. */
  const work = { a: { relayed: 0, replies: 0 }, b: { relayed: 0, replies: 0 } };

  /** Message i: every 10th from 3 fails for good at step 2; every 10th from 7 flakes once at step 1. */
  const kindOf = (i: number) => (i % 10 === 3 ? 'fails' : i % 10 === 7 ? 'flaky' : 'happy');
  const idOf = (i: number) => `m${String(i).padStart(3, '0')}-${kindOf(i)}`;
  const expectedStatus = { happy: 'COMPLETED', flaky: 'COMPLETED', fails: 'COMPENSATED' } as const;
  const expectedCalls = {
    happy: ['reserve.action', 'charge.action', 'ship.action'],
    flaky: ['reserve.action', 'reserve.action', 'charge.action', 'ship.action'],
    fails: ['reserve.action', 'charge.action', 'reserve.compensation'],
  };

  const handle = async (job: PlainJob) => {
    const { step, kind, payload, messageId, runId } = job.data;
    calls.push({ key: job.id, message: messageId, runId, step, kind, attempt: job.attempt });
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 10)));
    if (kind === 'action' && payload.failAt === step) throw new Permanent(`${step} refused`);
    if (kind === 'action' && payload.flakeAt === step && job.attempt === 1) throw new Error(`${step} flaked`);
    applied.set(job.id, (applied.get(job.id) ?? 0) + 1);
    return { [`${step}Id`]: `${step}-${messageId}` };
  };

  /** Counts, per app, the jobs its relay got into BullMQ (after addBulk succeeded). */
  const countRelayed = (t: TestApp, into: { relayed: number }) => {
    const queues = t.app.get(StepQueues, { strict: false });
    const get = queues.get.bind(queues);
    const wrapped = new WeakSet<object>();
    jest.spyOn(queues, 'get').mockImplementation((name: string) => {
      const queue = get(name);
      if (!wrapped.has(queue)) {
        wrapped.add(queue);
        const addBulk = queue.addBulk.bind(queue);
        queue.addBulk = async (jobs) => {
          const added = await addBulk(jobs);
          into.relayed += jobs.length;
          return added;
        };
      }
      return queue;
    });
  };
  const countReplies = (t: TestApp, into: { replies: number }) => {
    const applier = t.app.get(ReplyApplier, { strict: false });
    const apply = applier.apply.bind(applier);
    jest.spyOn(applier, 'apply').mockImplementation(async (reply, causation) => {
      const result = await apply(reply, causation);
      into.replies++;
      return result;
    });
  };

  beforeAll(async () => {
    // A short first check makes both sweepers look at jobs while their replies are still coming,
    // so they race the reply consumers for the same transitions.
    const engine = { firstCheckMs: 1000, recheckMs: 1000 };
    a = await startTestApp('replicas', {}, engine);
    b = await startTestApp('replicas', {}, engine, { join: { schema: a.schema, prefix: a.prefix } });
    countRelayed(a, work.a);
    countRelayed(b, work.b);
    countReplies(a, work.a);
    countReplies(b, work.b);
    // Two instances of each service, as a team would run them.
    for (const queue of ['inv.reserve', 'inv.release', 'pay.charge', 'pay.refund', 'ship.send']) {
      workers.push(startPlainWorker(queue, a.prefix, handle), startPlainWorker(queue, a.prefix, handle));
    }
    const retry = { attempts: 3, backoff: { type: 'fixed', delayMs: 50 } };
    await a.http
      .put('/v1/sagas/order')
      .send({
        version: 1,
        steps: [
          { name: 'reserve', action: { queue: 'inv.reserve' }, compensation: { queue: 'inv.release' }, retry },
          { name: 'charge', action: { queue: 'pay.charge' }, compensation: { queue: 'pay.refund' }, retry },
          { name: 'ship', action: { queue: 'ship.send' }, compensation: null, retry },
        ],
      })
      .expect(201);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await b?.close();
    await a?.close();
  }, 60_000);

  it(`runs ${COUNT} messages published to both replicas exactly once each, to the right end`, async () => {
    const ids = Array.from({ length: COUNT }, (_, i) => i);
    for (let i = 0; i < COUNT; i += 20) {
      await Promise.all(
        ids.slice(i, i + 20).map((n) => {
          const kind = kindOf(n);
          const payload = kind === 'fails' ? { failAt: 'charge' } : kind === 'flaky' ? { flakeAt: 'reserve' } : {};
          return (n % 2 === 0 ? a : b).http.post('/v1/messages').send({ saga: 'order', id: idOf(n), payload }).expect(202);
        }),
      );
    }
    const sql = a.app.get(DataSource);
    await waitFor(
      async () => {
        const c = await terminalCount(sql);
        return c.total === COUNT && c.terminal === COUNT ? c : undefined;
      },
      `all ${COUNT} messages to be terminal`,
      180_000,
    );

    const problems: string[] = [];
    const statuses = new Map(
      (await sql.query<{ id: string; status: string }[]>(`SELECT id, status FROM messages`)).map((r) => [r.id, r.status]),
    );
    const ignoredReplies = new Map<string, number>();
    let sweeperEvents = 0;
    for (const n of ids) {
      const id = idOf(n);
      const kind = kindOf(n);
      if (statuses.get(id) !== expectedStatus[kind]) problems.push(`${id}: ${statuses.get(id)}, expected ${expectedStatus[kind]}`);
      // Read through both replicas: each serves the other's messages.
      const reader = n % 2 === 0 ? b : a;
      const [events, v] = await Promise.all([history(reader, id), view(reader, id)]);
      problems.push(...auditStream(id, events, v.status), ...auditCalls(id, calls, expectedCalls[kind]));
      for (const e of events) {
        if (e.type !== 'ReplyIgnored') continue;
        const why = `${e.data.outcome}: ${e.data.why}`;
        ignoredReplies.set(why, (ignoredReplies.get(why) ?? 0) + 1);
      }
      sweeperEvents += events.filter((e) => e.metadata.actor === 'retrace').length;
    }
    for (const [key, times] of applied) if (times !== 1) problems.push(`side effect ${key} applied ${times} times`);
    expect(problems).toEqual([]);

    // Every job the engine decided is in the outbox once, was sent, and ran (the `calls` keys).
    const [outbox] = await sql.query<{ total: number; unsent: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent FROM outbox`,
    );
    const keys = new Set(calls.map((c) => c.key));
    expect(outbox).toEqual({ total: keys.size, unsent: 0 });
    const successes = [...applied.keys()].length;
    expect(successes).toBe(COUNT * 3 - ids.filter((n) => kindOf(n) === 'fails').length); // 3 effects each; a failure: reserve + release

    // Both replicas did the background work, and between them sent each outbox row exactly once.
    console.log(
      `replicas: a relayed ${work.a.relayed} jobs, applied ${work.a.replies} replies; b relayed ${work.b.relayed}, applied ${work.b.replies}; ` +
        `${sweeperEvents} events recorded by a sweeper; replies recorded as ignored: ${JSON.stringify([...ignoredReplies])}`,
    );
    expect(work.a.relayed).toBeGreaterThan(0);
    expect(work.b.relayed).toBeGreaterThan(0);
    expect(work.a.relayed + work.b.relayed).toBe(outbox.total);
    expect(work.a.replies).toBeGreaterThan(0);
    expect(work.b.replies).toBeGreaterThan(0);
  }, 300_000);

  it('pins a version registered on the other replica at once, though each replica keeps the latest it read', async () => {
    const steps = (count: number) =>
      ['reserve', 'charge', 'ship'].slice(0, count).map((name, i) => ({ name, action: { queue: ['inv.reserve', 'pay.charge', 'ship.send'][i] }, compensation: null }));
    await a.http.put('/v1/sagas/pinned').send({ version: 1, steps: steps(3) }).expect(201);
    await b.http.post('/v1/messages').send({ saga: 'pinned', id: 'pinned-1', payload: {} }).expect(202); // b now keeps v1
    await a.http.put('/v1/sagas/pinned').send({ version: 2, steps: steps(2) }).expect(201);

    await b.http.post('/v1/messages').send({ saga: 'pinned', id: 'pinned-2', payload: {} }).expect(202);
    await a.http.post('/v1/messages').send({ saga: 'pinned', id: 'pinned-3', payload: {} }).expect(202);

    expect((await view(b, 'pinned-1')).sagaVersion).toBe(1);
    expect((await view(b, 'pinned-2')).sagaVersion).toBe(2);
    expect((await view(a, 'pinned-3')).sagaVersion).toBe(2);
    await waitFor(async () => (await view(a, 'pinned-2')).status === 'COMPLETED', 'pinned-2 to run its two steps', 30_000);
    expect((await view(a, 'pinned-2')).steps.map((s: { name: string }) => s.name)).toEqual(['reserve', 'charge']);
  }, 60_000);
});
