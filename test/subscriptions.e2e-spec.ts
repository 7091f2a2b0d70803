import { foldSubscription } from '@retrace/domain';
import { EventStore } from '@retrace/event-store';
import { subscribe, type SubscriptionEvent } from '@retrace/sdk';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface Batch {
  events: { position: number; type: string; streamId: string; createdAt: string }[];
  cursor?: number;
  leaseId?: string;
  leasedUntil?: string;
  committedPosition: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const accepted = (saga: string) => ({ filter: { types: ['MessageAccepted'], saga } });

describe('durable subscriptions: batches, leases, acks, resets, the SDK (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('subscriptions');
    for (const saga of ['subs', 'side', 'timed', 'sdk', 'late'])
      await t.http.put(`/v1/sagas/${saga}`).send({ version: 1, steps: [{ name: 'a', action: { queue: `${saga}.nobody` } }] }).expect(201);
  });
  afterAll(() => t?.close());

  const publish = async (saga: string, id: string) => (await t.http.post('/v1/messages').send({ saga, id }).expect(202)).body.position as number;
  const define = (name: string, body: object) => t.http.put(`/v1/subscriptions/${name}`).send(body);
  const next = async (name: string, limit = 100): Promise<Batch> => (await t.http.get(`/v1/subscriptions/${name}/next?limit=${limit}`).expect(200)).body;
  const ack = (name: string, body: object) => t.http.post(`/v1/subscriptions/${name}/ack`).send(body);
  const reset = (name: string, body: object) => t.http.post(`/v1/admin/subscriptions/${name}/reset`).send(body);
  const view = async (name: string) => (await t.http.get(`/v1/subscriptions/${name}`).expect(200)).body;
  const positions = (b: Batch) => b.events.map((e) => e.position);

  let m: number[];
  beforeAll(async () => {
    m = [];
    for (let i = 1; i <= 5; i++) m.push(await publish('subs', `m-${i}`));
  });

  it('defines a subscription: 201, the same again 200, another definition 409', async () => {
    const created = await define('acc', accepted('subs')).expect(201);
    expect(created.body).toMatchObject({ name: 'acc', filter: { types: ['MessageAccepted'], saga: 'subs' }, startAt: 'beginning', ackTimeoutMs: 30000, committedPosition: 0, lease: null });
    await define('acc', { ...accepted('subs'), startAt: 'beginning', ackTimeoutMs: 30000 }).expect(200);
    const conflict = await define('acc', { filter: { saga: 'subs' } }).expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'SUBSCRIPTION_DEFINITION_CONFLICT', details: { existing: { filter: { saga: 'subs' } } } });
  });

  it('delivers matching events in batches, leases each batch to one consumer, and acks move the position', async () => {
    const first = await next('acc', 2);
    expect(positions(first)).toEqual(m.slice(0, 2));
    expect(first).toMatchObject({ cursor: m[1], leaseId: expect.any(String), committedPosition: 0 });
    const meanwhile = await next('acc', 2);
    expect(meanwhile).toEqual({ events: [], leasedUntil: first.leasedUntil, committedPosition: 0 });

    expect((await ack('acc', { position: first.cursor, leaseId: first.leaseId }).expect(200)).body).toEqual({ name: 'acc', committedPosition: m[1] });
    const second = await next('acc', 100);
    expect(positions(second)).toEqual(m.slice(2));
    expect(second.cursor).toBeGreaterThanOrEqual(m[4]);
    expect(await view('acc')).toMatchObject({ committedPosition: m[1], lag: 3, lagCapped: false, lease: { active: true, upToPosition: second.cursor } });
    await ack('acc', { position: second.cursor, leaseId: second.leaseId }).expect(200);
    expect(await next('acc')).toEqual({ events: [], committedPosition: second.cursor });
    const listed = (await t.http.get('/v1/subscriptions').expect(200)).body.items;
    expect(listed.find((s: { name: string }) => s.name === 'acc')).toMatchObject({ lag: 0, lease: null, headPosition: expect.any(Number) });
  });

  it('refuses stale acks (409 with the current position) and acks beyond what was delivered', async () => {
    const { committedPosition } = await view('acc');
    const stale = await ack('acc', { position: m[0] }).expect(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_ACK', details: { currentPosition: committedPosition } });
    const nothingLeased = await ack('acc', { position: committedPosition + 1000 }).expect(409);
    expect(nothingLeased.body.error.code).toBe('ACK_BEYOND_DELIVERY');
    const p = await publish('subs', 'm-6');
    const batch = await next('acc');
    expect(positions(batch)).toEqual([p]);
    expect((await ack('acc', { position: batch.cursor! + 1000 }).expect(409)).body.error).toMatchObject({ code: 'ACK_BEYOND_DELIVERY', details: { deliveredUpTo: batch.cursor } });
    await ack('acc', { position: batch.cursor, leaseId: batch.leaseId }).expect(200);
  });

  it('redelivers an unacknowledged batch after ackTimeoutMs, and refuses the first lease’s late ack', async () => {
    await define('redeliver', { ...accepted('subs'), ackTimeoutMs: 300 }).expect(201);
    const first = await next('redeliver', 3);
    expect((await next('redeliver', 3)).events).toEqual([]);
    await sleep(400);
    const again = await next('redeliver', 3);
    expect(positions(again)).toEqual(positions(first));
    expect(again.leaseId).not.toBe(first.leaseId);
    expect((await ack('redeliver', { position: first.cursor, leaseId: first.leaseId }).expect(409)).body.error.code).toBe('STALE_ACK');
    await ack('redeliver', { position: again.cursor, leaseId: again.leaseId }).expect(200);
  });

  it('gives a batch to one of many concurrent consumers, and lets exactly one of concurrent acks advance', async () => {
    await define('race', accepted('subs')).expect(201);
    const batches = await Promise.all(Array.from({ length: 8 }, () => next('race', 2)));
    const winners = batches.filter((b) => b.events.length > 0);
    expect(winners).toHaveLength(1);
    const [won] = winners;
    const acks = await Promise.all(Array.from({ length: 6 }, () => ack('race', { position: won.cursor, leaseId: won.leaseId })));
    expect(acks.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const r of acks.filter((a) => a.status === 409)) expect(r.body.error.details.currentPosition).toBe(won.cursor);
    const stream = await t.app.get(EventStore).readStream('subscription-race');
    expect(stream.map((e) => e.type)).toEqual(['SubscriptionDefined', 'SubscriptionAcked']);
  });

  it('resets to a position the Kafka way (that position is the next consumed); a dry run changes nothing', async () => {
    const before = await view('acc');
    const dry = await reset('acc', { toPosition: m[2], reason: 'reprocess', dryRun: true }).expect(200);
    expect(dry.body).toEqual({ dryRun: true, currentPosition: before.committedPosition, newPosition: m[2] - 1, eventsToRedeliver: 4, eventsToSkip: 0 });
    expect(await view('acc')).toEqual({ ...before, headPosition: expect.any(Number) });

    const done = await reset('acc', { toPosition: m[2], reason: 'reprocess' }).expect(200);
    expect(done.body).toMatchObject({ dryRun: false, newPosition: m[2] - 1, eventsToRedeliver: 4 });
    const batch = await next('acc');
    expect(positions(batch)).toEqual([...m.slice(2), expect.any(Number)]);
    await ack('acc', { position: batch.cursor, leaseId: batch.leaseId }).expect(200);
    const [, ...rest] = (await t.app.get(EventStore).readStream('subscription-acc')).filter((e) => e.type === 'SubscriptionReset');
    expect(rest).toEqual([]);
    const resetEvent = (await t.app.get(EventStore).readStream('subscription-acc')).find((e) => e.type === 'SubscriptionReset')!;
    expect(resetEvent.data).toEqual({ fromPosition: before.committedPosition, toPosition: m[2] - 1, reason: 'reprocess', actor: 'anonymous', request: { toPosition: m[2] } });
    expect(resetEvent.metadata).toMatchObject({ actor: 'anonymous', reason: 'reprocess' });
  });

  it('drops the lease in flight on reset, so its consumer cannot undo the reset with a late ack', async () => {
    const p = await publish('subs', 'm-7');
    const batch = await next('acc');
    expect(positions(batch)).toEqual([p]);
    await reset('acc', { toPosition: 1, reason: 'replay all' }).expect(200);
    expect((await ack('acc', { position: batch.cursor, leaseId: batch.leaseId }).expect(409)).body.error.code).toBe('STALE_ACK');
    expect((await view('acc')).committedPosition).toBe(0);
    expect(positions(await next('acc'))).toHaveLength(7);
  });

  it('a subscriber that is reset to a time receives exactly the events from that time on', async () => {
    await define('timed', accepted('timed')).expect(201);
    const early = [await publish('timed', 'a-1'), await publish('timed', 'a-2')];
    await sleep(50);
    const late = [await publish('timed', 'b-1'), await publish('timed', 'b-2'), await publish('timed', 'b-3')];
    const all = await next('timed');
    expect(positions(all)).toEqual([...early, ...late]);
    await ack('timed', { position: all.cursor, leaseId: all.leaseId }).expect(200);

    const toTime = all.events[2].createdAt;
    const res = await reset('timed', { toTime, reason: 'rebuild the projection from b-1 on' }).expect(200);
    expect(res.body.newPosition).toBeGreaterThanOrEqual(early[1]);
    expect(res.body.newPosition).toBeLessThan(late[0]);
    expect(res.body.eventsToRedeliver).toBe(3);
    expect(positions(await next('timed'))).toEqual(late);

    // Delivered but not acknowledged: a reset to a time after everything would skip them.
    const future = await reset('timed', { toTime: '2999-01-01T00:00:00Z', reason: 'skip everything', dryRun: true }).expect(200);
    expect(future.body).toMatchObject({ eventsToRedeliver: 0, eventsToSkip: 3 });
  });

  it('filters by saga (its messages and its registrations), by type, and never delivers other subscriptions’ acks by default', async () => {
    await define('side-all', { filter: { saga: 'side' } }).expect(201);
    const s = await publish('side', 's-1');
    const batch = await next('side-all');
    expect(new Set(batch.events.map((e) => e.streamId))).toEqual(new Set(['saga-side', 'message-s-1']));
    expect(batch.events.map((e) => e.type)).toEqual(expect.arrayContaining(['SagaRegistered', 'MessageAccepted']));
    expect(batch.events.find((e) => e.type === 'MessageAccepted')?.position).toBe(s);

    await define('everything', { filter: {} }).expect(201);
    const everything = await next('everything', 1000);
    expect(everything.events.filter((e) => e.streamId.startsWith('subscription-'))).toEqual([]);
    expect(everything.events.length).toBeGreaterThan(10);
    await define('audit', { filter: { streamPrefix: 'subscription-', types: ['SubscriptionReset'] } }).expect(201);
    const resets = await next('audit');
    expect(resets.events.map((e) => e.streamId)).toEqual(['subscription-acc', 'subscription-acc', 'subscription-timed']);
  });

  it('starts at the end when asked, and never skips an event that commits late with a lower position', async () => {
    await define('tail', { filter: { streamPrefix: 'late-' }, startAt: 'end' }).expect(201);
    expect((await next('tail')).events).toEqual([]);
    const store = t.app.get(EventStore);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = store.transaction(async (tx) => {
      await store.appendToStream('late-1', [{ type: 'Late', data: {} }], 0, tx);
      await gate;
    });
    await sleep(100);
    await store.appendToStream('late-2', [{ type: 'Late', data: {} }], 0);
    expect((await next('tail')).events).toEqual([]);
    release();
    await slow;
    expect((await next('tail')).events.map((e) => e.streamId)).toEqual(['late-1', 'late-2']);
  });

  it('keeps a checkpoint that the log alone rebuilds', async () => {
    for (const name of ['acc', 'timed', 'race']) {
      const folded = foldSubscription(await t.app.get(EventStore).readStream(`subscription-${name}`));
      const row = await view(name);
      expect(folded).toEqual({ definition: { filter: row.filter, startAt: row.startAt, ackTimeoutMs: row.ackTimeoutMs }, startPosition: row.startPosition, committedPosition: row.committedPosition });
    }
  });

  it('answers 400 naming the field, and 404 for an unknown subscription', async () => {
    const bad = await define('bad', { filter: { types: ['not a type'] }, ackTimeoutMs: 5 }).expect(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['filter.types[0]', 'ackTimeoutMs']);
    expect((await define('Bad', { filter: {} }).expect(400)).body.error.details.issues[0].path).toBe('name');
    expect((await t.http.get('/v1/subscriptions/acc/next?limit=0').expect(400)).body.error.details.issues[0].path).toBe('limit');
    expect((await ack('acc', { position: 'x' }).expect(400)).body.error.details.issues[0].path).toBe('position');
    expect((await reset('acc', { toPosition: 1 }).expect(400)).body.error.details.issues[0].path).toBe('reason');
    for (const res of [
      await t.http.get('/v1/subscriptions/nope').expect(404),
      await t.http.get('/v1/subscriptions/nope/next').expect(404),
      await ack('nope', { position: 1 }).expect(404),
      await reset('nope', { toPosition: 1, reason: 'r' }).expect(404),
    ])
      expect(res.body.error.code).toBe('SUBSCRIPTION_NOT_FOUND');
  });

  describe('subscribe() from the SDK', () => {
    let url: string;
    beforeAll(async () => {
      await t.app.listen(0, '127.0.0.1');
      url = await t.app.getUrl();
    });
    const quiet = { warn: () => undefined, error: () => undefined };

    it('receives everything once, in order, acks it, and stops cleanly on close()', async () => {
      const published = [];
      for (let i = 1; i <= 5; i++) published.push(await publish('sdk', `k-${i}`));
      const seen: SubscriptionEvent[] = [];
      const sut = subscribe('sdk.consumer', (events) => void seen.push(...events), {
        url,
        filter: { saga: 'sdk', types: ['MessageAccepted'] },
        batchSize: 2,
        minBackoffMs: 10,
        maxBackoffMs: 50,
        logger: quiet,
      });
      await sut.ready();
      await waitFor(async () => seen.length >= 5, '5 events');
      for (let i = 6; i <= 7; i++) published.push(await publish('sdk', `k-${i}`));
      await waitFor(async () => seen.length >= 7, '7 events');
      await sut.close();
      await sut.running;
      expect(seen.map((e) => e.position)).toEqual(published);
      expect((await view('sdk.consumer')).committedPosition).toBeGreaterThanOrEqual(published[6]);

      await publish('sdk', 'k-8');
      await sleep(200);
      expect(seen).toHaveLength(7);
    });

    it('close() lets the batch in hand finish and acknowledges it before stopping', async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const handled: number[] = [];
      const sut = subscribe(
        'sdk.closing',
        async (events) => {
          await gate;
          handled.push(...events.map((e) => e.position));
        },
        { url, filter: { saga: 'sdk', types: ['MessageAccepted'] }, minBackoffMs: 10, logger: quiet },
      );
      await waitFor(async () => (await view('sdk.closing')).lease?.active, 'a batch in hand');
      const closing = sut.close();
      open();
      await closing;
      expect(handled).toHaveLength(8);
      const after = await view('sdk.closing');
      expect(after).toMatchObject({ lease: null, lag: 0 });
      expect(after.committedPosition).toBeGreaterThanOrEqual(handled[7]);
    });

    it('stops with the refusal when the definition conflicts', async () => {
      const sut = subscribe('sdk.consumer', () => undefined, { url, filter: { saga: 'side' }, logger: quiet });
      await expect(sut.running).rejects.toMatchObject({ status: 409, code: 'SUBSCRIPTION_DEFINITION_CONFLICT' });
      await expect(sut.ready()).rejects.toMatchObject({ status: 409 });
    });
  });
});
