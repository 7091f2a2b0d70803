import { Logger } from '@nestjs/common';
import { createTestSchema, startPrivateRedis, uniqueQueueNamespace, type PrivateRedis, type TestSchema } from '@retrace/testing';
import { DataSource } from 'typeorm';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { auditCalls, auditStream, history, terminalCount, view, type StepCall } from './support/saga-audit';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Losing what is only in Redis — queued jobs, replies, BullMQ's records of finished jobs — or the
 * orchestrator process itself, mid-flight, must not lose a message or run a step under a second
 * key: PostgreSQL holds every decision, the sweeper sends again what Redis forgot, and handlers
 * dedupe by the job id as DESIGN.md tells services to.
 */
describe('losing Redis, then the orchestrator, mid-flight (e2e)', () => {
  let redis: PrivateRedis;
  let db: TestSchema;
  const prefix = uniqueQueueNamespace('redisloss');
  let app: TestApp | null = null;
  const workers: ReturnType<typeof startPlainWorker>[] = [];
  const workerErrors: string[] = [];

  /** First delivery of each idempotency key: the side effects that happened, in order. */
  const effects: StepCall[] = [];
  /** Outcome recorded per key, as a real service's idempotency table would hold it. */
  const outcomes = new Map<string, Promise<unknown>>();
  let duplicateDeliveries = 0;
  const warnings: string[] = [];

  const handle = (job: PlainJob): Promise<unknown> => {
    const recorded = outcomes.get(job.id);
    if (recorded) {
      duplicateDeliveries++;
      return recorded; // the recorded result (or refusal); nothing happens a second time
    }
    const { step, kind, payload, messageId, runId } = job.data;
    effects.push({ key: job.id, message: messageId, runId, step, kind, attempt: job.attempt });
    const outcome = (async () => {
      await sleep(50 + Math.floor(Math.random() * 150));
      if (kind === 'action' && payload.failAt === step) throw new Permanent(`${step} refused`);
      return { [`${step}Id`]: `${step}-${messageId}` };
    })();
    outcomes.set(job.id, outcome);
    outcome.catch(() => undefined); // awaited by the worker; this only keeps Node quiet about a duplicate's copy
    return outcome;
  };

  const engine = { firstCheckMs: 1000, recheckMs: 1000, sweepIntervalMs: 200 };
  const start = () => startTestApp('redisloss', { REDIS_URL: redis.url }, engine, { join: { schema: db.schema, prefix } });
  const sql = () => app!.app.get(DataSource);

  const expected = {
    happy: { status: 'COMPLETED', calls: ['reserve.action', 'charge.action', 'ship.action'] },
    fails: { status: 'COMPENSATED', calls: ['reserve.action', 'charge.action', 'reserve.compensation'] },
  };
  type Kind = keyof typeof expected;
  interface Planned {
    id: string;
    kind: Kind;
    delayMs?: number;
  }
  /** Every 10th message (from the 5th) fails for good at step 2 and is compensated. */
  const kindAt = (i: number): Kind => (i % 10 === 4 ? 'fails' : 'happy');

  /** Publishes `ids` a few at a time, spread out, so publishing overlaps the trouble. */
  const publishSpread = async (t: TestApp, ids: Planned[]) => {
    for (let i = 0; i < ids.length; i += 5) {
      await Promise.all(
        ids.slice(i, i + 5).map(({ id, kind, delayMs }) =>
          t.http
            .post('/v1/messages')
            .send({ saga: 'order', id, payload: kind === 'fails' ? { failAt: 'charge' } : {}, ...(delayMs ? { delayMs } : {}) })
            .expect(202),
        ),
      );
      await sleep(250);
    }
  };

  /** Terminal messages among `ids` (read from PostgreSQL directly, so it works while Redis is down). */
  const terminalAmong = async (ids: string[]) => {
    const rows = await sql().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM messages WHERE id = ANY($1) AND status IN ('COMPLETED','COMPENSATED','COMPENSATION_FAILED','FAILED')`,
      [ids],
    );
    return rows[0].n;
  };

  const auditAll = async (t: TestApp, ids: Planned[]) => {
    const problems: string[] = [];
    for (const { id, kind } of ids) {
      const [events, v] = await Promise.all([history(t, id), view(t, id)]);
      if (v.status !== expected[kind].status) problems.push(`${id}: ${v.status}, expected ${expected[kind].status}`);
      problems.push(...auditStream(id, events, v.status), ...auditCalls(id, effects, expected[kind].calls));
    }
    return problems;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    // startPlainWorker connects to testRedisUrl(); Jest gives each test file its own process.env.
    process.env.RETRACE_TEST_REDIS_URL = redis.url;
    db = await createTestSchema('redisloss');
    app = await start();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    for (const queue of ['inv.reserve', 'inv.release', 'pay.charge', 'pay.refund', 'ship.send']) {
      const w = startPlainWorker(queue, prefix, handle);
      w.worker.on('error', (error) => workerErrors.push(error.message));
      workers.push(w);
    }
    const step = (name: string, q: string, undo: string | null) => ({
      name,
      action: { queue: q },
      compensation: undo === null ? null : { queue: undo },
      retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 100 } },
      timeoutMs: 60_000, // deadlines must not be what finishes a message here
    });
    await app.http
      .put('/v1/sagas/order')
      .send({
        version: 1,
        steps: [step('reserve', 'inv.reserve', 'inv.release'), step('charge', 'pay.charge', 'pay.refund'), step('ship', 'ship.send', null)],
      })
      .expect(201);
  }, 60_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await Promise.all(workers.map((w) => w.close()));
    await app?.close();
    await db?.drop();
    await redis?.stop();
  }, 60_000);

  it('finishes every message, each step once, after Redis is SIGKILLed and comes back empty', async () => {
    const t = app!;
    // 50 messages; the first 8 wait 5 s in BullMQ's delayed
    // set, so they are certainly only in Redis when it dies.
    const ids = Array.from({ length: 50 }, (_, i): Planned => ({
      id: `r${String(i).padStart(2, '0')}`,
      kind: kindAt(i),
      ...(i < 8 ? { delayMs: 5000 } : {}),
    }));
    const publishing = publishSpread(t, ids);
    const names = ids.map((m) => m.id);
    await waitFor(async () => (await terminalAmong(names)) >= 5, 'a few messages to finish', 60_000);
    const terminalAtKill = await terminalAmong(names);

    // BullMQ prints each refused reconnection of a queue that has no 'error' listener (the engine's step
    // queues, the workers' reply queues): keep them, and show a count instead of pages of stack traces.
    const printed: string[] = [];
    const consoleError = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    });
    await redis.kill();
    const effectsAtKill = effects.length;
    await sleep(1500);
    await redis.restart();
    await publishing;

    await waitFor(
      async () => {
        const c = await terminalCount(sql());
        return c.total === ids.length && c.terminal === ids.length ? c : undefined;
      },
      'every message to be terminal after Redis came back',
      120_000,
    );
    consoleError.mockRestore();
    const generic = (m: string) => m.replace(/job \S+/g, 'job <id>').replace(/:\d+/g, ':<port>');
    const distinct = (list: string[]) => JSON.stringify([...new Set(list.map(generic))]);
    const resent = warnings.filter((w) => /missing from queue .*sending it again/.test(w)).length;
    console.log(
      `redis loss: ${terminalAtKill}/${ids.length} terminal at the kill; ${effectsAtKill} effects before it, ${effects.length} after; ` +
        `sweeper re-sent ${resent} lost jobs; ${duplicateDeliveries} duplicate deliveries deduped by key; ` +
        `${workerErrors.length} worker errors ${distinct(workerErrors)}; ${printed.length} console errors ${distinct(printed)}`,
    );
    expect(terminalAtKill).toBeLessThan(ids.length);
    expect(await auditAll(t, ids)).toEqual([]);
    expect(new Set(effects.map((e) => e.key)).size).toBe(effects.length);
    // The 8 delayed jobs existed only in Redis: nothing but the sweeper could have brought them back.
    expect(resent).toBeGreaterThanOrEqual(8);
    const [outbox] = await sql().query<{ unsent: number }[]>(`SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent FROM outbox`);
    expect(outbox.unsent).toBe(0);
  }, 240_000);

  it('finishes every message when the orchestrator goes away mid-flight and a fresh instance takes over', async () => {
    const first = app!;
    const ids = Array.from({ length: 40 }, (_, i): Planned => ({
      id: `o${String(i).padStart(2, '0')}`,
      kind: kindAt(i),
      ...(i % 4 === 0 ? { delayMs: 2000 } : {}),
    }));
    const names = ids.map((m) => m.id);
    const publishing = publishSpread(first, ids);
    await waitFor(async () => (await terminalAmong(names)) >= 5, 'a few messages to finish', 60_000);
    await publishing;
    const terminalAtClose = await terminalAmong(names);

    // Stop the instance with its work in flight; the workers keep going and their replies wait in Redis.
    app = null;
    await first.close();
    const effectsWhileDown = effects.length;
    await sleep(1500);
    const effectsAfterGap = effects.length;
    app = await start();

    await waitFor(
      async () => {
        const n = await terminalAmong(names);
        return n === ids.length ? n : undefined;
      },
      'every message to be terminal on the new instance',
      120_000,
    );
    console.log(
      `orchestrator loss: ${terminalAtClose}/${ids.length} terminal at the close; ` +
        `workers applied ${effectsAfterGap - effectsWhileDown} effects while no orchestrator ran`,
    );
    expect(terminalAtClose).toBeLessThan(ids.length);
    expect(await auditAll(app, ids)).toEqual([]);
    expect(new Set(effects.map((e) => e.key)).size).toBe(effects.length);
    const [outbox] = await sql().query<{ unsent: number }[]>(`SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent FROM outbox`);
    expect(outbox.unsent).toBe(0);
  }, 240_000);
});
