import { foldMessage, type MessageEvent } from '@retrace/domain';
import { createTestSchema, deleteRedisPrefix, testRedisUrl, uniqueQueueNamespace, type TestSchema } from '@retrace/testing';
import { buildOrchestrator, spawnOrchestrator, type OrchestratorProcess } from './support/orchestrator-process';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { waitFor } from './support/wait-for';

/**
 * The orchestrator as a real process, killed with SIGKILL mid-way through a bulk replay: a second
 * process on the same database and queues carries the operation to the end, and no message is
 * acted on twice.
 */
describe('kill -9 of the orchestrator mid-operation (e2e, real processes)', () => {
  let build: Awaited<ReturnType<typeof buildOrchestrator>>;
  let db: TestSchema;
  const prefix = uniqueQueueNamespace('kill9');
  const processes: OrchestratorProcess[] = [];
  const workers: { close(): Promise<void> }[] = [];
  /** Side effects by idempotency key: a real service applies each key once. */
  const applied = new Map<string, number>();
  const calls: string[] = [];

  const behave = async (job: PlainJob) => {
    const { step, kind, payload } = job.data;
    calls.push(job.id);
    if (kind === 'action' && payload.fail === step) throw new Permanent(`${step} refused`);
    applied.set(job.id, (applied.get(job.id) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
    return { step };
  };

  beforeAll(async () => {
    [build, db] = await Promise.all([buildOrchestrator(), createTestSchema('kill9')]);
    for (const q of ['a.do', 'a.undo', 'b.do', 'b.undo']) workers.push(startPlainWorker(q, prefix, behave));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await Promise.all(workers.map((w) => w.close()));
    await deleteRedisPrefix(prefix);
    await db?.drop();
    await build?.remove();
  });

  const start = async () => {
    const p = await spawnOrchestrator(build.main, {
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      RETRACE_DB_SCHEMA: db.schema,
      RETRACE_QUEUE_PREFIX: prefix,
    });
    processes.push(p);
    return p;
  };
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items?: unknown[] } };
  };

  it('finishes the operation on a second process with every message acted on once', async () => {
    const a = await start();
    const steps = [
      { name: 'a', action: { queue: 'a.do' }, compensation: { queue: 'a.undo' } },
      { name: 'b', action: { queue: 'b.do' }, compensation: { queue: 'b.undo' } },
    ];
    expect((await call(a.url, 'PUT', '/v1/sagas/k9', { version: 1, steps })).status).toBe(201);
    const ids = Array.from({ length: 40 }, (_, i) => `k-${i + 1}`);
    for (const id of ids) expect((await call(a.url, 'POST', '/v1/messages', { saga: 'k9', id, payload: { fail: 'b' } })).status).toBe(202);
    await waitFor(async () => {
      const page = await call(a.url, 'GET', '/v1/messages?status=COMPENSATED&limit=100');
      return page.body.items?.length === ids.length;
    }, 'every message to be compensated', 60_000);

    const created = await call(a.url, 'POST', '/v1/admin/operations', {
      action: 'replay',
      mode: 'restart',
      reason: 'survive kill -9',
      selector: { fromPosition: 1, saga: 'k9' },
      patch: { fail: null },
      maxInFlight: 4,
    });
    expect(created.status).toBe(202);
    const opId = created.body.id as string;
    await waitFor(async () => ((await call(a.url, 'GET', `/v1/admin/operations/${opId}`)).body.done as number) >= 8, 'the operation to be under way');
    await a.stop('SIGKILL');
    const midway = await call(a.url, 'GET', `/v1/admin/operations/${opId}`).catch(() => null);
    expect(midway).toBeNull(); // really gone

    const b = await start();
    const op = await waitFor(async () => {
      const got = await call(b.url, 'GET', `/v1/admin/operations/${opId}`);
      return got.body.status === 'completed' ? got.body : undefined;
    }, 'the second process to finish the operation', 120_000);
    expect(op).toMatchObject({ total: 40, done: 40, succeeded: 40, failed: 0, skipped: 0 });

    for (const id of ids) {
      const events = (await call(b.url, 'GET', `/v1/messages/${id}/events`)).body.events as (MessageEvent & { metadata: { operationId?: string } })[];
      const replays = events.filter((e) => e.type === 'ReplayStarted');
      expect(replays).toHaveLength(1);
      expect(replays[0].metadata.operationId).toBe(opId);
      const view = (await call(b.url, 'GET', `/v1/messages/${id}`)).body;
      expect(view.status).toBe('COMPLETED');
      expect(foldMessage(events).status).toBe('COMPLETED');
    }
    // Each step job of the replay ran its side effect under exactly one key, at most once.
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
  }, 240_000);
});
