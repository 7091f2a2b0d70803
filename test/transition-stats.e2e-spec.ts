import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

describe('transition statistics: the log as an absorbing Markov chain (e2e)', () => {
  let t: TestApp;
  const workers: { close(): Promise<void> }[] = [];
  const behave = async ({ data }: PlainJob) => {
    if (data.kind === 'action' && data.payload.fail === data.step) throw new Permanent(`${data.step} refused`);
    return { ok: true };
  };

  beforeAll(async () => {
    t = await startTestApp('stats');
    for (const q of ['stats.charge', 'stats.refund', 'stats.ship', 'stats.pay']) workers.push(startPlainWorker(q, t.prefix, behave));
    await t.http
      .put('/v1/sagas/order')
      .send({
        version: 1,
        steps: [
          { name: 'charge', action: { queue: 'stats.charge' }, compensation: { queue: 'stats.refund' } },
          { name: 'ship', action: { queue: 'stats.ship' }, compensation: null },
        ],
      })
      .expect(201);
    await t.http.put('/v1/sagas/payout').send({ version: 1, steps: [{ name: 'pay', action: { queue: 'stats.pay' } }] }).expect(201);
    // 8 orders complete; 2 fail at `ship` and are compensated (charge refunded); 2 payouts complete.
    for (let i = 1; i <= 10; i++) {
      await t.http
        .post('/v1/messages')
        .send({ saga: 'order', id: `o-${i}`, payload: i > 8 ? { fail: 'ship' } : {} })
        .expect(202);
    }
    for (let i = 1; i <= 2; i++) await t.http.post('/v1/messages').send({ saga: 'payout', id: `p-${i}` }).expect(202);
    await waitFor(async () => {
      const { body } = await t.http.get('/v1/messages?status=COMPLETED,COMPENSATED&limit=100').expect(200);
      return body.items.length === 12;
    }, 'every message to settle');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
  });

  const stats = async (query: Record<string, string> = {}) => (await t.http.get('/v1/admin/stats/transitions').query(query).expect(200)).body;

  it("counts one saga's transitions and solves where its messages end", async () => {
    const body = await stats({ saga: 'order' });
    expect(body.states).toEqual(['PENDING', 'PROCESSING', 'COMPLETED', 'COMPENSATING', 'COMPENSATED']);
    expect(body.counts).toEqual({
      PENDING: { PROCESSING: 10 },
      PROCESSING: { COMPLETED: 8, COMPENSATING: 2 },
      COMPENSATING: { COMPENSATED: 2 },
    });
    expect(body.transitions).toBe(22);
    expect(body.probabilities.PROCESSING.COMPLETED).toBeCloseTo(0.8, 12);
    expect(body.probabilities.PROCESSING.COMPENSATING).toBeCloseTo(0.2, 12);
    expect(Object.keys(body.absorption.PENDING).sort()).toEqual(['COMPENSATED', 'COMPLETED']);
    expect(body.absorption.PENDING.COMPLETED).toBeCloseTo(0.8, 12);
    expect(body.absorption.PENDING.COMPENSATED).toBeCloseTo(0.2, 12);
    expect(body.absorption.COMPLETED).toEqual({ COMPLETED: 1 });
    expect(body.counts.COMPLETED).toBeUndefined();
    for (const s of ['PENDING', 'PROCESSING', 'COMPENSATING']) expect(body.meanTimeMs[s]).toBeGreaterThanOrEqual(0);
    expect(body.notes).toBeUndefined();
  });

  it("leaves another saga's messages out of a saga's chain, and counts them without a filter", async () => {
    expect((await stats({ saga: 'payout' })).counts).toEqual({ PENDING: { PROCESSING: 2 }, PROCESSING: { COMPLETED: 2 } });
    const all = await stats();
    expect(all.counts.PROCESSING).toEqual({ COMPLETED: 10, COMPENSATING: 2 });
    expect(all.absorption.PENDING.COMPLETED).toBeCloseTo(10 / 12, 12);
  });

  it('selects transitions by the time of the event that made them', async () => {
    // The times of every status change of the orders, as the API shows them (to the millisecond).
    const changes: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const { body } = await t.http.get(`/v1/messages/o-${i}/events`).expect(200);
      let status: string | undefined;
      for (const e of body.events as { data: { status?: string }; createdAt: string }[]) {
        if (e.data.status === undefined || e.data.status === status) continue;
        if (status !== undefined) changes.push(e.createdAt);
        status = e.data.status;
      }
    }
    expect(changes).toHaveLength(22);
    const { body } = await t.http.get('/v1/messages/o-9/events').expect(200);
    const settled = body.events.find((e: { type: string }) => e.type === 'MessageSettled').createdAt;
    // from = to = an event's createdAt: PostgreSQL keeps microseconds, the window still holds it
    const one = await stats({ saga: 'order', from: settled, to: settled });
    expect(one.transitions).toBe(changes.filter((at) => at === settled).length);
    expect(one.counts.COMPENSATING.COMPENSATED).toBeGreaterThanOrEqual(1);
    expect(one.meanTimeMs.COMPENSATING).toBeGreaterThanOrEqual(0);
    const later = await stats({ saga: 'order', from: new Date(Date.parse(settled) + 1).toISOString() });
    expect(later.transitions).toBe(changes.filter((at) => at > settled).length);
  });

  it('answers an empty chain for a window in the future', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await stats({ from: future })).toEqual({ states: [], counts: {}, probabilities: {}, absorption: {}, meanTimeMs: {}, transitions: 0 });
  });

  it('refuses bad queries with 400 naming the field', async () => {
    for (const [q, field] of [
      ['stauts=FAILED', 'stauts'],
      ['from=yesterday', 'from'],
      ['saga=Order', 'saga'],
      ['from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ]) {
      const res = await t.http.get(`/v1/admin/stats/transitions?${q}`).expect(400);
      expect(res.body.error.details.issues[0].path).toBe(field);
    }
  });
});
