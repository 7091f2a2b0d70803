import { foldMessage, type MessageEvent } from '@retrace/domain';
import { EventStore } from '@retrace/event-store';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Side effects the test workers applied, keyed by idempotency key as a real service would. */
type Effect = { step: string; kind: string; key: string; attempt: number; message: string };

describe('saga engine: steps on plain BullMQ workers, compensation in reverse (e2e)', () => {
  let t: TestApp;
  const effects: Effect[] = [];
  const workers: { close(): Promise<void> }[] = [];

  /** Payload switches: fail[step] = 'permanent' | number of transient failures; failCompensation[step]. */
  const behave = async (job: PlainJob) => {
    const { step, kind, payload, messageId } = job.data;
    effects.push({ step, kind, key: job.id, attempt: job.attempt, message: messageId });
    const fail = (kind === 'action' ? payload.fail : payload.failCompensation) as Record<string, unknown> | undefined;
    const rule = fail?.[step];
    if (rule === 'permanent') throw new Permanent(`${step} ${kind} refused`);
    if (typeof rule === 'number' && job.attempt <= rule) throw new Error(`${step} ${kind} flaked (attempt ${job.attempt})`);
    return kind === 'action' ? { [`${step}Id`]: `${step}-${messageId}`, saw: Object.keys(job.data.results) } : { undone: job.data.results[step] };
  };

  beforeAll(async () => {
    // Outbox rows are pruned as soon as they may be: every case here must hold with that.
    t = await startTestApp('engine', {}, { outboxKeepSentMs: 0, outboxPruneIntervalMs: 100 });
    for (const q of ['inv.reserve', 'inv.release', 'pay.charge', 'pay.refund', 'ship.send']) {
      workers.push(startPlainWorker(q, t.prefix, behave));
    }
    const retry = { attempts: 3, backoff: { type: 'fixed', delayMs: 50 } };
    await t.http
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
    await t.http
      .put('/v1/sagas/slow')
      .send({ version: 1, steps: [{ name: 'hang', action: { queue: 'nobody.listens' }, timeoutMs: 100 }] })
      .expect(201);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
  });

  const publish = async (id: string, payload: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    t.http.post('/v1/messages').send({ saga: 'order', id, payload, ...extra }).expect(202);
  const view = async (id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body;
  const history = async (id: string) =>
    (await t.http.get(`/v1/messages/${id}/events`).expect(200)).body.events as (MessageEvent & { metadata: unknown })[];
  const settled = (id: string, status: string) =>
    waitFor(async () => {
      const v = await view(id);
      return v.status === status ? v : undefined;
    }, `${id} to be ${status}`);
  const effectsOf = (id: string) => effects.filter((e) => e.message === id).map((e) => `${e.step}.${e.kind}`);
  const expectFoldMatches = async (id: string) => {
    const v = await view(id);
    expect(foldMessage(await history(id)).status).toBe(v.status);
  };

  it('runs every step in order and completes, handing each step the results before it', async () => {
    await publish('happy');
    const v = await settled('happy', 'COMPLETED');
    expect(v.steps.map((s: { status: string }) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    // results is a JSON object: its keys are the earlier steps, in no particular order
    expect(v.steps[2].result).toEqual({ shipId: 'ship-happy', saw: expect.arrayContaining(['reserve', 'charge']) });
    expect(v.steps[2].result.saw).toHaveLength(2);
    expect(effectsOf('happy')).toEqual(['reserve.action', 'charge.action', 'ship.action']);
    // A late duplicate reply may be recorded after the settle (as ReplyIgnored): transitions end there.
    const types = (await history('happy')).map((e) => e.type).filter((type) => type !== 'ReplyIgnored');
    expect(types[0]).toBe('MessageAccepted');
    expect(types[types.length - 1]).toBe('MessageSettled');
    await expectFoldMatches('happy');
  });

  it('compensates steps k-1 … 1 in reverse order, and nothing else, when step k fails for good', async () => {
    await publish('fail-ship', { fail: { ship: 'permanent' } });
    const v = await settled('fail-ship', 'COMPENSATED');
    expect(effectsOf('fail-ship')).toEqual([
      'reserve.action',
      'charge.action',
      'ship.action',
      'charge.compensation',
      'reserve.compensation',
    ]);
    expect(v.steps.map((s: { status: string }) => s.status)).toEqual(['COMPENSATED', 'COMPENSATED', 'FAILED']);
    expect(v.steps[2].error).toMatchObject({ message: 'ship action refused' });
    const refund = effects.find((e) => e.message === 'fail-ship' && e.kind === 'compensation' && e.step === 'charge');
    expect(refund).toBeDefined();
    await expectFoldMatches('fail-ship');
  });

  it('hands a compensation its own action result', async () => {
    await publish('fail-charge', { fail: { charge: 'permanent' } });
    await settled('fail-charge', 'COMPENSATED');
    const release = await history('fail-charge');
    const started = release.filter((e) => e.type === 'StepSucceeded').map((e) => e.data);
    expect(started).toContainEqual(
      expect.objectContaining({ step: 'reserve', kind: 'compensation', result: { undone: { reserveId: 'reserve-fail-charge', saw: [] } } }),
    );
  });

  it('retries a transient failure with the same idempotency key', async () => {
    await publish('flaky', { fail: { charge: 2 } });
    const v = await settled('flaky', 'COMPLETED');
    const charges = effects.filter((e) => e.message === 'flaky' && e.step === 'charge');
    expect(charges.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(new Set(charges.map((e) => e.key)).size).toBe(1);
    expect(v.steps[1].attempts).toBe(3);
    const attemptsFailed = (await history('flaky')).filter((e) => e.type === 'StepAttemptFailed');
    expect(attemptsFailed).toHaveLength(2);
  });

  it('leaves a compensation that fails for good in COMPENSATION_FAILED, listed and visible', async () => {
    await publish('stuck-refund', { fail: { ship: 'permanent' }, failCompensation: { charge: 'permanent' } });
    const v = await settled('stuck-refund', 'COMPENSATION_FAILED');
    expect(v.steps.map((s: { status: string }) => s.status)).toEqual(['SUCCEEDED', 'COMPENSATION_FAILED', 'FAILED']);
    expect(effectsOf('stuck-refund')).not.toContain('reserve.compensation');
    const listed = await t.http.get('/v1/messages?status=COMPENSATION_FAILED').expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).toContain('stuck-refund');
  });

  it('records a duplicate reply as ignored and changes nothing', async () => {
    await publish('dup');
    await settled('dup', 'COMPLETED');
    const before = await history('dup');
    const first = before.find((e) => e.type === 'StepSucceeded')!.data as { runId: string; step: string; kind: string; attempt: number };
    const { Queue } = await import('bullmq');
    const replies = new Queue('retrace.replies', { connection: { url: 'redis://127.0.0.1:6379' }, prefix: t.prefix });
    const jobId = `dup~${first.runId}~${first.step}~${first.kind}`;
    await replies.add('succeeded', { type: 'succeeded', jobId, messageId: 'dup', ...first, result: { again: true } }, { jobId: `${jobId}~again` });
    await replies.close();
    const after = await waitFor(async () => {
      const h = await history('dup');
      return h.length > before.length ? h : undefined;
    }, 'the duplicate to be recorded');
    expect(after[after.length - 1]).toMatchObject({ type: 'ReplyIgnored', data: { outcome: 'succeeded' } });
    expect((await view('dup')).status).toBe('COMPLETED');
    expect((await view('dup')).steps[0].result).not.toEqual({ again: true });
  });

  it('records a step whose worker never answers as timed out at its deadline', async () => {
    await t.http.post('/v1/messages').send({ saga: 'slow', id: 'hangs' }).expect(202);
    const v = await waitFor(async () => {
      const m = await view('hangs');
      return m.status === 'FAILED' ? m : undefined;
    }, 'the deadline', 20_000);
    expect(v.steps[0].error).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    const settledEvent = (await history('hangs')).find((e) => e.type === 'StepFailed');
    expect(settledEvent?.metadata).toMatchObject({ actor: 'retrace' });
  });

  it('keeps a delayed message waiting in the queue, then runs it', async () => {
    const published = Date.now();
    await publish('later', {}, { delayMs: 1500 });
    expect((await view('later')).status).toBe('PENDING');
    await settled('later', 'COMPLETED');
    const first = effects.find((e) => e.message === 'later');
    expect(first).toBeDefined();
    const started = (await history('later')).find((e) => e.type === 'StepStarted') as unknown as { createdAt: string };
    expect(Date.parse(started.createdAt) - published).toBeGreaterThanOrEqual(1400);
  });

  it('prunes the outbox rows of a settled message, and keeps the row of a job still waiting in its queue', async () => {
    const rows = async (id: string) =>
      (await t.app.get(EventStore).sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE message_id = $1`, [id]))[0].n;
    await publish('pruned');
    await publish('waiting', {}, { delayMs: 60_000 });
    await settled('pruned', 'COMPLETED');

    await waitFor(async () => (await rows('pruned')) === 0, 'the settled message to have no outbox rows');
    expect(await rows('waiting')).toBe(1);
    expect((await view('waiting')).status).toBe('PENDING');
  });
});
