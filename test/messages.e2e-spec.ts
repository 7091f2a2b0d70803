import { ordersSagaBody } from './support/orders-saga';
import { startTestApp, type TestApp } from './support/test-app';

describe('messages (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('messages', { RETRACE_MAX_PAYLOAD_BYTES: '4096' });
    await t.http.put('/v1/sagas/order').send(ordersSagaBody(1)).expect(201);
  });
  afterAll(() => t?.close());

  const logHead = async () => (await t.http.get('/v1/events?after=0&limit=1000').expect(200)).body.lastPosition as number;
  const publish = (body: unknown) => t.http.post('/v1/messages').send(body as object);

  it('accepts a message: 202, PENDING, with its history and the actor who published it', async () => {
    const res = await publish({ saga: 'order', id: 'order-1', payload: { sku: 'A-1', qty: 2 }, correlationId: 'c-1' }).expect(202);
    expect(res.body).toEqual({ id: 'order-1', status: 'PENDING', position: expect.any(Number) });

    const view = await t.http.get('/v1/messages/order-1').expect(200);
    expect(view.body).toMatchObject({
      id: 'order-1',
      saga: 'order',
      sagaVersion: 1,
      type: 'command',
      status: 'PENDING',
      correlationId: 'c-1',
      payload: { sku: 'A-1', qty: 2 },
      runId: expect.any(String),
    });
    expect(view.body.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['reserve', 'DISPATCHED'],
      ['charge', 'PENDING'],
      ['email', 'PENDING'],
    ]);

    const history = await t.http.get('/v1/messages/order-1/events').expect(200);
    const [accepted] = history.body.events;
    expect(accepted).toMatchObject({
      position: res.body.position,
      version: 1,
      type: 'MessageAccepted',
      data: { saga: 'order', sagaVersion: 1, status: 'PENDING' },
      metadata: { actor: 'anonymous', runId: view.body.runId, correlationId: 'c-1' },
    });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['MessageAccepted', 'StepDispatched']);
  });

  it('is idempotent on id: the same body answers 200 with the first answer; another body is 409', async () => {
    const first = await publish({ saga: 'order', id: 'order-2', payload: { a: 1, b: 2 } }).expect(202);
    const before = await logHead();
    await publish({ payload: { b: 2, a: 1 }, id: 'order-2', saga: 'order' }).expect(200, first.body);
    const res = await publish({ saga: 'order', id: 'order-2', payload: { a: 2 } }).expect(409);
    expect(res.body.error.code).toBe('MESSAGE_ID_CONFLICT');
    expect(await logHead()).toBe(before);
  });

  it('generates an id when none is given', async () => {
    const res = await publish({ saga: 'order' }).expect(202);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pins a message to the saga version it was published under', async () => {
    await publish({ saga: 'order', id: 'pinned' }).expect(202);
    await t.http.put('/v1/sagas/order').send({ ...ordersSagaBody(2), steps: ordersSagaBody().steps.slice(0, 1) }).expect(201);
    const view = await t.http.get('/v1/messages/pinned').expect(200);
    expect(view.body.sagaVersion).toBe(1);
    expect(view.body.steps).toHaveLength(3);
    const next = await publish({ saga: 'order', id: 'on-v2' }).expect(202);
    expect((await t.http.get(`/v1/messages/${next.body.id}`)).body.sagaVersion).toBe(2);
  });

  describe('bad input changes nothing', () => {
    it.each([
      ['a missing saga', { payload: {} }, 400, 'saga'],
      ['a saga of the wrong type', { saga: 42 }, 400, 'saga'],
      ['a payload that is an array', { saga: 'order', payload: [1] }, 400, 'payload'],
      ['a negative delay', { saga: 'order', delayMs: -1 }, 400, 'delayMs'],
      ['an unknown field', { saga: 'order', priority: 1 }, 400, 'priority'],
      ['an id with a colon', { saga: 'order', id: 'a:b' }, 400, 'id'],
      ['an unknown type', { saga: 'order', type: 'query' }, 400, 'type'],
      ['an unknown saga', { saga: 'nope' }, 404, undefined],
      ['a body that is an array', [1, 2], 400, undefined],
    ])('%s → %i', async (_label, body, status, path) => {
      const before = await logHead();
      const res = await publish(body).expect(status);
      expect(res.body.error.code).toEqual(expect.any(String));
      if (path) expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect(await logHead()).toBe(before);
    });

    it('validates the body before looking up the saga (400, not 404)', async () => {
      await publish({ saga: 'nope', delayMs: 'soon' }).expect(400);
    });

    it('answers malformed JSON with 400 and an oversized body with 413', async () => {
      const before = await logHead();
      const bad = await t.http.post('/v1/messages').set('Content-Type', 'application/json').send('{"saga": "order",').expect(400);
      expect(bad.body.error.code).toBe('MALFORMED_JSON');
      const big = await publish({ saga: 'order', payload: { blob: 'x'.repeat(5000) } }).expect(413);
      expect(big.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: 4096 } });
      expect(await logHead()).toBe(before);
    });

    it('answers 404 in the error shape for an unknown message and an unknown route', async () => {
      expect((await t.http.get('/v1/messages/unknown-id').expect(404)).body.error.code).toBe('MESSAGE_NOT_FOUND');
      expect((await t.http.get('/v1/messages/unknown-id/events').expect(404)).body.error.code).toBe('MESSAGE_NOT_FOUND');
      expect((await t.http.get('/v1/nothing-here').expect(404)).body.error.code).toBe('NOT_FOUND');
    });
  });
});
