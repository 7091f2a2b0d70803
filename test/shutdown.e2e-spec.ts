import type { MessageEvent } from '@retrace/domain';
import { createTestSchema, deleteRedisPrefix, testRedisUrl, uniqueQueueNamespace, type TestSchema } from '@retrace/testing';
import { buildOrchestrator, spawnOrchestrator, type OrchestratorProcess } from './support/orchestrator-process';
import { startPlainWorker } from './support/plain-bullmq-worker';
import { waitFor } from './support/wait-for';

/**
 * SIGTERM while a step is in flight: the orchestrator closes its workers and loops, then the runtime,
 * and exits 0 within the grace period; the step's reply, sent while no orchestrator runs, is applied
 * by the next process, so the message completes and nothing is lost.
 */
describe('graceful shutdown on SIGTERM (e2e, real processes)', () => {
  const GRACE_MS = 15_000;
  let build: Awaited<ReturnType<typeof buildOrchestrator>>;
  let db: TestSchema;
  const prefix = uniqueQueueNamespace('sigterm');
  const processes: OrchestratorProcess[] = [];
  let worker: { close(): Promise<void> } | undefined;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];

  beforeAll(async () => {
    [build, db] = await Promise.all([buildOrchestrator(), createTestSchema('sigterm')]);
    worker = startPlainWorker('sd.slow', prefix, async (job) => {
      started.push(job.id);
      await gate;
      return { done: job.data.messageId };
    });
  }, 120_000);
  afterAll(async () => {
    release();
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await worker?.close();
    await deleteRedisPrefix(prefix);
    await db?.drop();
    await build?.remove();
  });

  const start = async () => {
    const p = await spawnOrchestrator(build.main, { DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), RETRACE_DB_SCHEMA: db.schema, RETRACE_QUEUE_PREFIX: prefix });
    processes.push(p);
    return p;
  };
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('exits 0 with a step in flight, and the next process completes the message', async () => {
    const a = await start();
    const steps = [{ name: 'slow', action: { queue: 'sd.slow' }, compensation: null, timeoutMs: 120_000 }];
    expect((await call(a.url, 'PUT', '/v1/sagas/sd', { version: 1, steps })).status).toBe(201);
    expect((await call(a.url, 'POST', '/v1/messages', { saga: 'sd', id: 'in-flight' })).status).toBe(202);
    await waitFor(async () => (await call(a.url, 'GET', '/v1/messages/in-flight')).body.status === 'PROCESSING', 'the step to be running');

    const before = Date.now();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      a.stop('SIGTERM'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no exit within ${GRACE_MS} ms:\n${a.output()}`)), GRACE_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(Date.now() - before).toBeLessThan(GRACE_MS);
    expect({ code: a.child.exitCode, signal: a.child.signalCode }).toEqual({ code: 0, signal: null });
    // Every line it printed is a JSON log record.
    for (const line of a.output().split('\n').filter((l) => l.trim() !== '')) expect(() => JSON.parse(line) as unknown).not.toThrow();

    release(); // the worker finishes while no orchestrator runs; its reply waits in the reply queue
    const b = await start();
    await waitFor(async () => (await call(b.url, 'GET', '/v1/messages/in-flight')).body.status === 'COMPLETED', 'the message to complete', 30_000);
    const events = (await call(b.url, 'GET', '/v1/messages/in-flight/events')).body.events as MessageEvent[];
    expect(events.filter((e) => e.type === 'StepSucceeded')).toHaveLength(1);
    expect(started).toHaveLength(1); // the step ran once
  }, 120_000);
});
