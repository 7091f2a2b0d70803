import { ordersSagaBody } from './support/orders-saga';
import { startTestApp, type TestApp } from './support/test-app';

describe('sagas (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sagas');
  });
  afterAll(() => t?.close());

  const logHead = async () => (await t.http.get('/v1/events?after=0&limit=1000').expect(200)).body.lastPosition as number;

  it('registers a version (201), accepts the same body again in any key order (200), refuses another body (409)', async () => {
    await t.http.put('/v1/sagas/order').send(ordersSagaBody(1)).expect(201, { name: 'order', version: 1 });
    const reordered = Object.fromEntries(Object.entries(ordersSagaBody(1)).reverse());
    await t.http.put('/v1/sagas/order').send(reordered).expect(200, { name: 'order', version: 1 });

    const before = await logHead();
    const changed = { ...ordersSagaBody(1), description: 'something else' };
    const res = await t.http.put('/v1/sagas/order').send(changed).expect(409);
    expect(res.body.error.code).toBe('SAGA_VERSION_CONFLICT');
    expect(res.body.error.message).toMatch(/version 2/);
    expect(await logHead()).toBe(before);
  });

  it('serves the latest version, a named one, and the list; each registration is an event', async () => {
    await t.http.put('/v1/sagas/order').send(ordersSagaBody(2)).expect(201);
    const latest = await t.http.get('/v1/sagas/order').expect(200);
    expect(latest.body).toMatchObject({ name: 'order', version: 2, onFailure: 'compensate' });
    expect(latest.body.steps[2]).toMatchObject({ name: 'email', compensation: null, retry: { attempts: 1 } });
    await t.http.get('/v1/sagas/order?version=1').expect(200).expect((r) => expect(r.body.version).toBe(1));
    await t.http.get('/v1/sagas/order?version=7').expect(404);
    await t.http.get('/v1/sagas/order?version=abc').expect(400);
    const list = await t.http.get('/v1/sagas').expect(200);
    expect(list.body.items.map((s: { name: string; version: number }) => [s.name, s.version])).toEqual([['order', 2]]);

    const log = await t.http.get('/v1/events?after=0&types=SagaRegistered').expect(200);
    expect(log.body.events.map((e: { streamId: string }) => e.streamId)).toEqual(['saga-order', 'saga-order']);
  });

  it('answers 404 for an unknown saga', async () => {
    const res = await t.http.get('/v1/sagas/nope').expect(404);
    expect(res.body.error).toMatchObject({ code: 'UNKNOWN_SAGA' });
  });

  it.each([
    ['duplicate step names', { steps: [ordersSagaBody().steps[0], ordersSagaBody().steps[0]] }, 'steps[1].name'],
    ['a queue name with a colon', { steps: [{ name: 'a', action: { queue: 'x:y' } }] }, 'steps[0].action.queue'],
    ['a malformed URL', { steps: [{ name: 'a', action: { http: { url: 'not a url' } } }] }, 'steps[0].action.http.url'],
    ['zero attempts', { steps: [{ name: 'a', action: { queue: 'q' }, retry: { attempts: 0 } }] }, 'steps[0].retry.attempts'],
    ['an unknown field', { steps: ordersSagaBody().steps, colour: 'blue' }, 'colour'],
    ['no steps', { steps: [] }, 'steps'],
  ])('refuses %s with 400 naming the field, and appends nothing', async (_label, patch, path) => {
    const before = await logHead();
    const res = await t.http.put('/v1/sagas/broken').send({ version: 1, ...patch }).expect(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(res.body.error.message).toContain(path);
    expect(await logHead()).toBe(before);
    await t.http.get('/v1/sagas/broken').expect(404);
  });

  it('refuses a saga name that is not allowed', async () => {
    const res = await t.http.put('/v1/sagas/Bad%20Name').send(ordersSagaBody()).expect(400);
    expect(res.body.error.details.issues[0].path).toBe('name');
  });
});
