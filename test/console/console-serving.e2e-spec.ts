import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildConsole, type BuiltConsole } from './support/build-console';

const KEYS = [
  { name: 'ops', role: 'operator', key: 'operator-key-0123456789' },
  { name: 'dash', role: 'viewer', key: 'viewer-key-0123456789' },
  { name: 'orders', role: 'service', key: 'service-key-0123456789', sagas: ['find*'] },
];
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const ops = bearer(KEYS[0].key);

describe('the web console at /admin, GET /v1/me and message search (e2e)', () => {
  let built: BuiltConsole;
  let t: TestApp;

  beforeAll(async () => {
    built = await buildConsole();
    t = await startTestApp('console-serving', { RETRACE_API_KEYS: JSON.stringify(KEYS), RETRACE_CONSOLE_DIR: built.dir });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await built?.remove();
  });

  it('serves the built console without a key, and index.html for client routes', async () => {
    const index = await t.http.get('/admin').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.text).toContain('<div id="root">');
    expect(index.text).toMatch(/src="\/admin\/assets\/index-[\w-]+\.js"/);
    for (const route of ['/admin/', '/admin/messages/order-1', '/admin/operations?status=FAILED']) {
      const res = await t.http.get(route).expect(200);
      expect(res.text).toBe(index.text);
    }
    const asset = (await readdir(join(built.dir, 'assets'))).find((f) => f.endsWith('.js'))!;
    const js = await t.http.get(`/admin/assets/${asset}`).expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect((await t.http.get('/admin/assets/nope.js').expect(404)).text).toMatch(/No console file/);
  });

  it('leaves /admin/queues and the API alone', async () => {
    for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues']) {
      const res = await t.http.get(path);
      expect(res.text ?? '').not.toContain('<div id="root">');
    }
    await t.http.post('/admin').send({}).expect((res) => expect(res.text ?? '').not.toContain('<div id="root">'));
    await t.http.get('/v1/sagas').expect(401);
  });

  it('tells each key who it is', async () => {
    expect((await t.http.get('/v1/me').set(ops).expect(200)).body).toEqual({ name: 'ops', role: 'operator', sagas: null, authentication: true });
    expect((await t.http.get('/v1/me').set(bearer(KEYS[1].key)).expect(200)).body).toEqual({ name: 'dash', role: 'viewer', sagas: null, authentication: true });
    expect((await t.http.get('/v1/me').set(bearer(KEYS[2].key)).expect(200)).body).toEqual({ name: 'orders', role: 'service', sagas: ['find*'], authentication: true });
    expect((await t.http.get('/v1/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('finds messages by text in the id or the correlation id, case-insensitively, wildcards literal', async () => {
    await t.http.put('/v1/sagas/find').set(ops).send({ version: 1, steps: [{ name: 'a', action: { queue: 'find.a' }, compensation: null }] }).expect(201);
    const publish = (id: string, correlationId?: string) =>
      t.http.post('/v1/messages').set(ops).send({ saga: 'find', id, ...(correlationId ? { correlationId } : {}) }).expect(202);
    await publish('find-alpha-1');
    await publish('find-beta-2', 'cart-ALPHA-9');
    await publish('find_3', 'cart-gamma');
    await publish('find-4', 'cart-100%');
    const ids = async (q: string, extra = '') =>
      (await t.http.get(`/v1/messages?q=${encodeURIComponent(q)}${extra}`).set(ops).expect(200)).body.items.map((m: { id: string }) => m.id).sort();
    expect(await ids('alpha')).toEqual(['find-alpha-1', 'find-beta-2']);
    expect(await ids('GAMMA')).toEqual(['find_3']);
    expect(await ids('_')).toEqual(['find_3']);
    expect(await ids('%')).toEqual(['find-4']);
    expect(await ids('alpha', '&limit=1')).toHaveLength(1);
    expect(await ids('nothing-like-this')).toEqual([]);
    const tooLong = await t.http.get(`/v1/messages?q=${'x'.repeat(201)}`).set(ops).expect(400);
    expect(tooLong.body.error.message).toMatch(/q must be text to find in message ids and correlation ids \(at most 200 characters\)/);
  });
});

describe('the web console when it is not built, and without keys (e2e)', () => {
  let empty: string;
  let t: TestApp;

  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), 'retrace-no-console-'));
    t = await startTestApp('console-unbuilt', { RETRACE_CONSOLE_DIR: empty });
  });
  afterAll(async () => {
    await t?.close();
    await rm(empty, { recursive: true, force: true });
  });

  it('answers 503 saying how to build it', async () => {
    for (const path of ['/admin', '/admin/messages/x']) {
      const res = await t.http.get(path).expect(503);
      expect(res.text).toMatch(/not built .*run `npm run build:console`/);
    }
  });

  it('makes every caller the anonymous operator', async () => {
    expect((await t.http.get('/v1/me').expect(200)).body).toEqual({ name: 'anonymous', role: 'operator', sagas: null, authentication: false });
  });
});
