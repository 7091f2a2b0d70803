import { Queue } from 'bullmq';
import { foldMessage, type MessageEvent } from '@retrace/domain';
import { testRedisUrl } from '@retrace/testing';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

type Effect = { step: string; kind: string; message: string; runId: string; replayOf: string | null; payload: unknown };

describe('operator actions on one message: retract, cancel, undo, replay (e2e)', () => {
  let t: TestApp;
  const effects: Effect[] = [];
  const workers: { close(): Promise<void> }[] = [];
  let releaseSlow: (() => void) | null = null;

  const behave = async (job: PlainJob) => {
    const { step, kind, payload, messageId, runId, replayOf } = job.data;
    effects.push({ step, kind, message: messageId, runId, replayOf, payload });
    if (kind === 'action' && payload.slow === step) await new Promise<void>((r) => (releaseSlow = r));
    if (kind === 'action' && payload.fail === step) throw new Permanent(`${step} refused`);
    return kind === 'action' ? { [`${step}Id`]: `${step}-${messageId}` } : { undone: step };
  };

  beforeAll(async () => {
    t = await startTestApp('operator');
    for (const q of ['a.do', 'a.undo', 'b.do', 'b.undo', 'c.do']) workers.push(startPlainWorker(q, t.prefix, behave));
    const steps = [
      { name: 'a', action: { queue: 'a.do' }, compensation: { queue: 'a.undo' } },
      { name: 'b', action: { queue: 'b.do' }, compensation: { queue: 'b.undo' } },
      { name: 'c', action: { queue: 'c.do' }, compensation: null },
    ];
    await t.http.put('/v1/sagas/flow').send({ version: 1, steps }).expect(201);
    await t.http.put('/v1/sagas/paused').send({ version: 1, onFailure: 'pause', steps }).expect(201);
    await t.http.put('/v1/sagas/nobody').send({ version: 1, steps: [{ name: 'x', action: { queue: 'nobody.here' } }] }).expect(201);
  });
  afterAll(async () => {
    releaseSlow?.();
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
  });

  const publish = (saga: string, id: string, payload: Record<string, unknown> = {}, extra = {}) =>
    t.http.post('/v1/messages').send({ saga, id, payload, ...extra }).expect(202);
  const view = async (id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body;
  const history = async (id: string) =>
    (await t.http.get(`/v1/messages/${id}/events`).expect(200)).body.events as (MessageEvent & { metadata: Record<string, unknown> })[];
  const settled = (id: string, status: string) =>
    waitFor(async () => ((await view(id)).status === status ? view(id) : undefined), `${id} to be ${status}`);
  const act = (id: string, action: string, body: Record<string, unknown>) => t.http.post(`/v1/admin/messages/${id}/${action}`).send(body);
  const ran = (id: string) => effects.filter((e) => e.message === id).map((e) => `${e.step}.${e.kind}`);
  const expectFold = async (id: string) => expect(foldMessage(await history(id)).status).toBe((await view(id)).status);

  describe('retract', () => {
    it('withdraws a delayed message: its job leaves the queue and RETRACTED is recorded with actor and reason', async () => {
      await publish('flow', 'later', {}, { delayMs: 60_000 });
      const queue = new Queue('a.do', { connection: { url: testRedisUrl() }, prefix: t.prefix });
      try {
        const jobId = `later~${(await view('later')).runId}~a~action`;
        await waitFor(async () => (await queue.getJob(jobId)) ?? undefined, 'the relay to queue the job');
        const res = await act('later', 'retract', { reason: 'customer cancelled' }).expect(202);
        expect(res.body).toMatchObject({ id: 'later', status: 'RETRACTED' });
        expect(await queue.getJob(jobId)).toBeUndefined();
      } finally {
        await queue.close();
      }
      const last = (await history('later')).pop()!;
      expect(last).toMatchObject({ type: 'MessageRetracted', metadata: { actor: 'anonymous', reason: 'customer cancelled' } });
      await expectFold('later');
    });

    it('refuses once a worker has the job (409: use cancel), and after completion (409: use undo)', async () => {
      await publish('flow', 'busy', { slow: 'a' });
      await waitFor(async () => effects.some((e) => e.message === 'busy'), 'the worker to take the job');
      const busy = await act('busy', 'retract', { reason: 'too late' }).expect(409);
      expect(busy.body.error.message).toMatch(/cancel/);
      releaseSlow?.();
      await settled('busy', 'COMPLETED');
      const done = await act('busy', 'retract', { reason: 'too late' }).expect(409);
      expect(done.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
      expect(done.body.error.message).toMatch(/COMPLETED.*undo/);
    });
  });

  it('cancel: no further step starts, the running one is awaited, completed steps are compensated in reverse', async () => {
    await publish('flow', 'stop-me', { slow: 'b' });
    await waitFor(async () => ran('stop-me').includes('b.action'), 'step b to be running');
    const res = await act('stop-me', 'cancel', { reason: 'wrong address' }).expect(202);
    expect(res.body.status).toBe('COMPENSATING');
    releaseSlow?.();
    await settled('stop-me', 'COMPENSATED');
    expect(ran('stop-me')).toEqual(['a.action', 'b.action', 'b.compensation', 'a.compensation']);
    const cancel = (await history('stop-me')).find((e) => e.type === 'CancelRequested')!;
    expect(cancel.metadata).toMatchObject({ reason: 'wrong address' });
    await expectFold('stop-me');
  });

  describe('undo', () => {
    it('names an irreversible step and changes nothing without force', async () => {
      await publish('flow', 'done-1');
      await settled('done-1', 'COMPLETED');
      const before = (await history('done-1')).length;
      const res = await act('done-1', 'undo', { reason: 'refund' }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'IRREVERSIBLE_STEPS' });
      expect(res.body.error.message).toMatch(/c/);
      expect((await history('done-1')).length).toBe(before);
    });

    it('with force, skips it (recorded), compensates the rest in reverse with their results, ends REVOKED', async () => {
      await act('done-1', 'undo', { reason: 'refund', force: true }).expect(202);
      const v = await settled('done-1', 'REVOKED');
      expect(ran('done-1')).toEqual(['a.action', 'b.action', 'c.action', 'b.compensation', 'a.compensation']);
      const events = await history('done-1');
      expect(events.find((e) => e.type === 'CompensationSkipped')).toMatchObject({ data: { step: 'c', reason: 'irreversible' } });
      expect(v.steps.map((s: { status: string }) => s.status)).toEqual(['COMPENSATED', 'COMPENSATED', 'SKIPPED']);
      await expectFold('done-1');
    });
  });

  describe('replay', () => {
    it('restarts a compensated message as a new run with a patched payload; jobs carry replayOf', async () => {
      await publish('flow', 'fix-me', { fail: 'b', qty: 0 });
      const failed = await settled('fix-me', 'COMPENSATED');
      await act('fix-me', 'replay', { reason: 'fixed the quantity', mode: 'restart', patch: { fail: null, qty: 1 } }).expect(202);
      const v = await settled('fix-me', 'COMPLETED');
      expect(v.runId).not.toBe(failed.runId);
      expect(v.payload).toEqual({ qty: 1 });
      const replayed = effects.filter((e) => e.message === 'fix-me' && e.runId === v.runId);
      expect(replayed.map((e) => `${e.step}.${e.kind}`)).toEqual(['a.action', 'b.action', 'c.action']);
      expect(replayed.every((e) => e.replayOf === failed.runId)).toBe(true);
      const started = (await history('fix-me')).find((e) => e.type === 'ReplayStarted')!;
      expect(started).toMatchObject({ data: { patch: { fail: null, qty: 1 }, replayOf: failed.runId }, metadata: { reason: 'fixed the quantity' } });
    });

    it('resumes a paused failure from the failed step, reusing the results before it', async () => {
      await publish('paused', 'resume-me', { fail: 'b' });
      const failed = await settled('resume-me', 'FAILED');
      expect(ran('resume-me')).toEqual(['a.action', 'b.action']);
      await act('resume-me', 'replay', { reason: 'dependency is back', patch: { fail: null } }).expect(202);
      const v = await settled('resume-me', 'COMPLETED');
      expect(ran('resume-me')).toEqual(['a.action', 'b.action', 'b.action', 'c.action']);
      expect(v.steps[0].result).toEqual(failed.steps[0].result);
    });

    it('needs force to replay a COMPLETED message', async () => {
      await publish('flow', 'again');
      await settled('again', 'COMPLETED');
      const res = await act('again', 'replay', { reason: 'again', mode: 'restart' }).expect(409);
      expect(res.body.error.message).toMatch(/force/);
      await act('again', 'replay', { reason: 'again', mode: 'restart', force: true }).expect(202);
      await waitFor(async () => ran('again').length === 6, 'the forced replay to run every step');
      await settled('again', 'COMPLETED');
    });

    it('refuses an unknown fromStep with 400 naming the steps', async () => {
      const res = await act('again', 'replay', { reason: 'x', fromStep: 'zzz', force: true }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'UNKNOWN_STEP' });
    });
  });

  it('lets exactly one of two conflicting actions (undo and replay) win; the other gets 409', async () => {
    await publish('flow', 'contested');
    await settled('contested', 'COMPLETED');
    const [undo, replay] = await Promise.all([
      act('contested', 'undo', { reason: 'refund it', force: true }),
      act('contested', 'replay', { reason: 'run it again', mode: 'restart', force: true }),
    ]);
    expect([undo.status, replay.status].sort()).toEqual([202, 409]);
    const loser = undo.status === 409 ? undo : replay;
    expect(loser.body.error.message).toMatch(/REVOKING|REPLAYING/);
    const events = await history('contested');
    expect(events.filter((e) => e.type === 'UndoRequested' || e.type === 'ReplayStarted')).toHaveLength(1);
  });

  it('answers bad requests with 400 and unknown messages with 404, changing nothing', async () => {
    expect((await act('again', 'undo', {}).expect(400)).body.error.details.issues[0].path).toBe('reason');
    await act('again', 'replay', { reason: 'x', mode: 'sideways' }).expect(400);
    await act('again', 'cancel', { reason: 'x', extra: 1 }).expect(400);
    await act('no-such', 'undo', { reason: 'x' }).expect(404);
  });

  it('keeps a message with no worker PENDING and retractable', async () => {
    await publish('nobody', 'orphan');
    await act('orphan', 'retract', { reason: 'no consumer' }).expect(202);
    expect((await view('orphan')).status).toBe('RETRACTED');
  });
});
