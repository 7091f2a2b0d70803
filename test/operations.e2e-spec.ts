import type { MessageEvent } from '@retrace/domain';
import type { OutboxJob } from '@retrace/engine';
import { OutboxSignal } from '@retrace/engine/outbox/outbox-signal';
import { ClaimedSends } from '@retrace/engine/relay/claimed-sends';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

describe('bulk operations: dry run, window replay, undo, confirm, cancel (e2e)', () => {
  let t: TestApp;
  const workers: { close(): Promise<void> }[] = [];
  const gates: (() => void)[] = [];

  const behave = async (job: PlainJob) => {
    const { step, kind, payload } = job.data;
    if (kind === 'action' && payload.gate === step) await new Promise<void>((r) => gates.push(r));
    if (kind === 'action' && payload.fail === step) throw new Permanent(`${step} refused`);
    return { step };
  };

  beforeAll(async () => {
    t = await startTestApp('operations', { RETRACE_CONFIRM_ABOVE: '6' }, { operationTickMs: 50 });
    for (const q of ['a.do', 'a.undo', 'b.do', 'b.undo']) workers.push(startPlainWorker(q, t.prefix, behave));
    const steps = [
      { name: 'a', action: { queue: 'a.do' }, compensation: { queue: 'a.undo' } },
      { name: 'b', action: { queue: 'b.do' }, compensation: { queue: 'b.undo' } },
    ];
    await t.http.put('/v1/sagas/win').send({ version: 1, steps }).expect(201);
  });
  afterAll(async () => {
    gates.forEach((open) => open());
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
  });

  const view = async (id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body;
  const history = async (id: string) => (await t.http.get(`/v1/messages/${id}/events`).expect(200)).body.events as (MessageEvent & { metadata: Record<string, unknown> })[];
  const publishAll = async (ids: string[], payload: Record<string, unknown>) => {
    for (const id of ids) await t.http.post('/v1/messages').send({ saga: 'win', id, payload }).expect(202);
  };
  const allSettled = (ids: string[], status: string) =>
    waitFor(async () => (await Promise.all(ids.map(view))).every((v) => v.status === status), `${ids.join(',')} to be ${status}`);
  const operate = (body: Record<string, unknown>) => t.http.post('/v1/admin/operations').send(body);
  const finished = (id: string) =>
    waitFor(async () => {
      const op = (await t.http.get(`/v1/admin/operations/${id}`).expect(200)).body;
      return ['completed', 'cancelled', 'failed'].includes(op.status) ? op : undefined;
    }, `operation ${id} to finish`);
  const logHead = async () => (await t.http.get('/v1/events?after=0&limit=1').expect(200)).body && (await t.http.get('/v1/events?after=0&limit=1000').expect(200)).body.lastPosition;

  const before = ['w-1', 'w-2', 'w-3'];
  const inside = ['w-4', 'w-5', 'w-6', 'w-7'];
  const after = ['w-8', 'w-9'];
  let window: { from: string; to: string };

  beforeAll(async () => {
    await publishAll(before, { fail: 'b' });
    await allSettled(before, 'COMPENSATED');
    await new Promise((r) => setTimeout(r, 30));
    await publishAll(inside, { fail: 'b' });
    await allSettled(inside, 'COMPENSATED');
    await new Promise((r) => setTimeout(r, 30));
    await publishAll(after, { fail: 'b' });
    await allSettled(after, 'COMPENSATED');
    const times = await Promise.all(inside.map(async (id) => (await view(id)).createdAt as string));
    window = { from: times[0], to: times[times.length - 1] };
  });

  it('dry-runs a window: counts, samples and plans the matches and changes nothing', async () => {
    const head = await logHead();
    const res = await operate({ action: 'replay', mode: 'restart', reason: 'bad deploy', selector: window, dryRun: true, patch: { fail: null } }).expect(200);
    expect(res.body.matched).toBe(4);
    expect(res.body.sample.map((s: { id: string }) => s.id)).toEqual(inside);
    expect(res.body.sample[0].plan).toMatchObject({ acts: true, run: ['a', 'b'] });
    expect(res.body.plan).toEqual({ act: 4, skip: {}, fail: {}, run: { a: 4, b: 4 }, compensate: {} });
    expect(await logHead()).toBe(head);
    expect((await t.http.get('/v1/admin/operations').expect(200)).body.items).toHaveLength(0);
  });

  it('replays exactly the messages accepted in the window; those just outside are untouched', async () => {
    const res = await operate({ action: 'replay', mode: 'restart', reason: 'bad deploy 10:02-10:17', selector: window, patch: { fail: null }, maxInFlight: 2 }).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), matched: 4 });
    const op = await finished(res.body.id);
    expect(op).toMatchObject({ status: 'completed', total: 4, done: 4, succeeded: 4, failed: 0, skipped: 0, action: 'replay', mode: 'restart' });
    await allSettled(inside, 'COMPLETED');
    for (const id of inside) {
      const starts = (await history(id)).filter((e) => e.type === 'ReplayStarted');
      expect(starts).toHaveLength(1);
      expect(starts[0].metadata).toMatchObject({ operationId: res.body.id, reason: 'bad deploy 10:02-10:17', actor: 'anonymous' });
    }
    for (const id of [...before, ...after]) {
      expect((await view(id)).status).toBe('COMPENSATED');
      expect((await history(id)).some((e) => e.type === 'ReplayStarted')).toBe(false);
    }
  });

  it('undoes in bulk, and counts what its status does not allow as skipped', async () => {
    const res = await operate({ action: 'undo', reason: 'refund the window', selector: { ...window, status: ['COMPLETED', 'COMPENSATED'] } }).expect(202);
    const op = await finished(res.body.id);
    expect(op).toMatchObject({ status: 'completed', total: 4, succeeded: 4, skipped: 0 });
    await allSettled(inside, 'REVOKED');
    // One at a time: a skipped item frees its slot at once, and the operation ends only when none is left pending.
    const again = await operate({ action: 'undo', reason: 'twice', selector: window, maxInFlight: 1 }).expect(202);
    expect(await finished(again.body.id)).toMatchObject({ status: 'completed', total: 4, done: 4, succeeded: 0, skipped: 4 });
  });

  it('needs confirm above RETRACE_CONFIRM_ABOVE, and refuses one that no longer matches', async () => {
    const selector = { fromPosition: 1 };
    const matched = (await operate({ action: 'retract', reason: 'x', selector, dryRun: true }).expect(200)).body.matched as number;
    expect(matched).toBeGreaterThan(6);
    const missing = await operate({ action: 'retract', reason: 'x', selector }).expect(400);
    expect(missing.body.error.details.issues[0]).toMatchObject({ path: 'confirm' });
    expect(missing.body.error.message).toContain(String(matched));
    const stale = await operate({ action: 'retract', reason: 'x', selector, confirm: matched - 1 }).expect(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFIRM_MISMATCH', details: { matched } });
    const ok = await operate({ action: 'retract', reason: 'x', selector, confirm: matched }).expect(202);
    expect(await finished(ok.body.id)).toMatchObject({ status: 'completed', total: matched, succeeded: 0, skipped: matched });
  });

  it('cancels: nothing new starts, what is in flight finishes, the rest stays pending', async () => {
    const ids = ['c-1', 'c-2', 'c-3', 'c-4'];
    await publishAll(ids, { fail: 'b' });
    await allSettled(ids, 'COMPENSATED');
    const firstAt = (await view('c-1')).createdAt as string;
    const res = await operate({ action: 'replay', mode: 'restart', reason: 'slowly', selector: { from: firstAt }, patch: { fail: null, gate: 'a' }, maxInFlight: 1 }).expect(202);
    await waitFor(async () => gates.length > 0, 'the first replay to reach its gate');
    const cancelling = await t.http.post(`/v1/admin/operations/${res.body.id}/cancel`).send({ reason: 'enough' }).expect(202);
    expect(cancelling.body.status).toBe('cancelling');
    gates.splice(0).forEach((open) => open());
    const op = await finished(res.body.id);
    expect(op).toMatchObject({ status: 'cancelled', total: 4, done: 1, succeeded: 1 });
    const replayed = await Promise.all(ids.map(async (id) => (await history(id)).some((e) => e.type === 'ReplayStarted')));
    expect(replayed.filter(Boolean)).toHaveLength(1);
    await t.http.post(`/v1/admin/operations/${res.body.id}/cancel`).send({ reason: 'again' }).expect(409);
  });

  it('never has more than maxInFlight messages going at once, and takes a freed slot again', async () => {
    const ids = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'];
    await publishAll(ids, { fail: 'b' });
    await allSettled(ids, 'COMPENSATED');
    const firstAt = (await view('m-1')).createdAt as string;
    const res = await operate({ action: 'replay', mode: 'restart', reason: 'two at a time', selector: { from: firstAt }, patch: { fail: null, gate: 'a' }, maxInFlight: 2 }).expect(202);

    for (let released = 0; released < ids.length; ) {
      await waitFor(async () => gates.length === Math.min(2, ids.length - released), `${Math.min(2, ids.length - released)} replays at their gate`);
      // Several ticks pass (operationTickMs 50) while both slots are held: none may start a third.
      await new Promise((r) => setTimeout(r, 300));
      const going = (await Promise.all(ids.map(view))).filter((v) => v.status === 'REPLAYING').length;
      expect(going).toBe(Math.min(2, ids.length - released));
      expect(gates.length).toBe(going);
      gates.shift()!();
      released++;
    }

    expect(await finished(res.body.id)).toMatchObject({ status: 'completed', total: 5, succeeded: 5 });
  });

  it("sends each replay's first job from its own commit, none handed to the relay", async () => {
    const ids = ['s-1', 's-2', 's-3'];
    await publishAll(ids, { fail: 'b' });
    await allSettled(ids, 'COMPENSATED');
    const firstAt = (await view('s-1')).createdAt as string;
    const jobIds = (calls: readonly (readonly OutboxJob[])[]) => calls.flat().map((job) => job.jobId);
    const handed = jest.spyOn(t.app.get(OutboxSignal), 'committed');
    const claimed = jest.spyOn(t.app.get(ClaimedSends), 'send');
    try {
      const res = await operate({ action: 'replay', mode: 'restart', reason: 'claimed', selector: { from: firstAt }, patch: { fail: null }, maxInFlight: 3 }).expect(202);
      expect(await finished(res.body.id)).toMatchObject({ status: 'completed', total: 3, succeeded: 3 });
      await allSettled(ids, 'COMPLETED');
      const firstJobs = await Promise.all(ids.map(async (id) => `${id}~${(await view(id)).runId}~a~action`));
      expect(jobIds(claimed.mock.calls.map(([, jobs]) => jobs))).toEqual(expect.arrayContaining(firstJobs));
      expect(jobIds(handed.mock.calls.map(([jobs]) => jobs))).not.toEqual(expect.arrayContaining([expect.stringMatching(/^s-\d~.*~a~action$/)]));
    } finally {
      handed.mockRestore();
      claimed.mockRestore();
    }
  });

  it('refuses selectors without a bound and unknown operations', async () => {
    const res = await operate({ action: 'replay', reason: 'all of it', selector: { saga: 'win' } }).expect(400);
    expect(res.body.error.details.issues[0].path).toBe('selector');
    await t.http.get('/v1/admin/operations/nope').expect(404);
  });
});
