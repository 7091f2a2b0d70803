import { ModulesContainer, Reflector } from '@nestjs/core';
import { listRoutes, undeclaredRoutes, unscopedServiceRoutes, type RouteInfo } from '../apps/orchestrator/src/http/auth/list-routes';
import { ordersSagaBody } from './support/orders-saga';
import { startTestApp, type TestApp } from './support/test-app';

const KEYS = {
  service: { name: 'orders', role: 'service', key: 'service-key-0123456789', sagas: ['order*'] },
  operator: { name: 'ops', role: 'operator', key: 'operator-key-0123456789' },
  viewer: { name: 'dash', role: 'viewer', key: 'viewer-key-0123456789' },
} as const;
type Caller = 'none' | 'wrong' | keyof typeof KEYS;
const CALLERS: Caller[] = ['none', 'wrong', 'service', 'viewer', 'operator'];

const authHeader = (caller: Caller): Record<string, string> =>
  caller === 'none' ? {} : { Authorization: `Bearer ${caller === 'wrong' ? 'not-a-key-0123456789' : KEYS[caller].key}` };

/** Route parameters that make allowed calls meaningful (existing, in the service key's scope). */
function fillPath(route: RouteInfo): string {
  const values: Array<[RegExp, string]> = [
    [/^\/v1\/sagas\/:name/, 'order'],
    [/^\/v1\/messages\/:id/, 'order-1'],
    [/^\/v1\/subscriptions\/:name/, 'order.sub'],
    [/^\/v1\/admin\/messages\/:id/, 'order-admin'],
    [/^\/v1\/admin\/subscriptions\/:name/, 'order.sub'],
  ];
  const value = values.find(([pattern]) => pattern.test(route.path))?.[1] ?? '00000000-0000-4000-8000-000000000000';
  return route.path.replace(/:[A-Za-z]+/g, value);
}

/** Bodies that pass validation where that is easy; anything else gets `{}` (a 400 is "allowed by auth"). */
const BODIES: Record<string, object> = {
  'PUT /v1/sagas/:name': ordersSagaBody(1),
  'POST /v1/messages': { saga: 'order', payload: { from: 'matrix' } },
  'PUT /v1/subscriptions/:name': { filter: { saga: 'order' } },
  'POST /v1/subscriptions/:name/ack': { position: 1 },
  'POST /v1/admin/operations': { action: 'retract', reason: 'matrix', selector: { fromPosition: 1 }, dryRun: true },
};

describe('authentication and roles (e2e)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const as = (caller: Caller) => ({
    get: (path: string) => t.http.get(path).set(authHeader(caller)),
    post: (path: string, body: object = {}) => t.http.post(path).set(authHeader(caller)).send(body),
    put: (path: string, body: object = {}) => t.http.put(path).set(authHeader(caller)).send(body),
  });
  const ops = () => as('operator');
  const svc = () => as('service');

  beforeAll(async () => {
    t = await startTestApp('auth-matrix', { RETRACE_API_KEYS: JSON.stringify(Object.values(KEYS)) });
    routes = listRoutes(t.app.get(ModulesContainer), t.app.get(Reflector));
    await ops().put('/v1/sagas/order', ordersSagaBody(1)).expect(201);
    await ops().put('/v1/sagas/payment', ordersSagaBody(1)).expect(201);
    await ops().post('/v1/messages', { saga: 'order', id: 'order-1' }).expect(202);
    await ops().post('/v1/messages', { saga: 'order', id: 'order-admin' }).expect(202);
    await ops().post('/v1/messages', { saga: 'payment', id: 'pay-1' }).expect(202);
    await ops().put('/v1/subscriptions/order.sub', { filter: { saga: 'order' } }).expect(201);
    await ops().put('/v1/subscriptions/pay.sub', { filter: { saga: 'payment' } }).expect(201);
    await ops().put('/v1/subscriptions/all.sub', { filter: {} }).expect(201);
  });
  afterAll(() => t?.close());

  it('finds the routes, and every one declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /health', 'POST /v1/messages', 'POST /v1/admin/operations']));
    expect(undeclaredRoutes(routes).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(unscopedServiceRoutes(routes).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('answers every route for every caller as the roles say', async () => {
    const mayCall = (caller: Caller, r: RouteInfo): boolean =>
      r.access.public ||
      caller === 'operator' ||
      ((caller === 'service' || caller === 'viewer') && (r.access.roles?.includes(caller) ?? false));
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const path = fillPath(route);
        const label = `${route.method} ${route.path} as ${caller}`;
        let req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch'](path).set(authHeader(caller));
        if (route.access.sagaScope?.from === 'query') req = req.query({ saga: 'order' });
        if (route.path === '/v1/events/stream') req = req.query({ limit: 1 }); // a live stream would never end: make it a quick 400
        if (route.method !== 'GET') req = req.send(BODIES[`${route.method} ${route.path}`] ?? {});
        const res = await req.timeout({ response: 5000 });
        const allowed = res.status !== 401 && res.status !== 403;
        outcomes.push(`${label}: ${res.status}`);
        if (allowed !== mayCall(caller, route)) wrong.push(`${label}: got ${res.status} ${JSON.stringify(res.body)}`);
        if (allowed && res.status >= 500 && route.path !== '/health') wrong.push(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status === 401) {
          if (res.headers['www-authenticate'] !== 'Bearer realm="retrace"') wrong.push(`${label}: 401 without WWW-Authenticate`);
          if (res.body?.error?.code !== 'UNAUTHENTICATED') wrong.push(`${label}: 401 body ${JSON.stringify(res.body)}`);
        }
        if (res.status === 403 && res.body?.error?.code !== 'FORBIDDEN') wrong.push(`${label}: 403 body ${JSON.stringify(res.body)}`);
      }
    }
    if (process.env.SHOW_MATRIX) console.log(outcomes.join("\n"));
    expect(wrong).toEqual([]);
    expect(outcomes.filter((o) => / as (none|wrong): 401$/.test(o)).length).toBe((routes.length - routes.filter((r) => r.access.public).length) * 2);
  });

  it('explains a 401 and a 403', async () => {
    const none = await t.http.get('/v1/sagas').expect(401);
    expect(none.body.error.message).toMatch(/Authorization: Bearer <key>/);
    const viewer = await as('viewer').post('/v1/admin/messages/order-1/retract', { reason: 'no' }).expect(403);
    expect(viewer.body.error.message).toMatch(/needs an operator key; "dash" is a viewer key \(viewer keys are read-only\)/);
    const service = await svc().get('/v1/admin/operations').expect(403);
    expect(service.body.error.message).toMatch(/needs a viewer or operator key; "orders" is a service key/);
  });

  it('keeps /health open without a key', async () => {
    const res = await t.http.get('/health');
    expect([200, 503]).toContain(res.status);
  });

  describe('a service key is scoped to its sagas', () => {
    it('registers and reads only sagas within its prefixes, existing or not', async () => {
      await svc().put('/v1/sagas/order.eu', ordersSagaBody(1)).expect(201);
      for (const name of ['payment', 'ghost']) {
        const put = await svc().put(`/v1/sagas/${name}`, ordersSagaBody(1)).expect(403);
        expect(put.body.error.message).toMatch(new RegExp(`may use only the sagas order\\*; saga "${name}" is outside them`));
        await svc().get(`/v1/sagas/${name}`).expect(403);
      }
      await svc().get('/v1/sagas/order').expect(200);
      await svc().get('/v1/sagas/order-ghost').expect(404);
      const list = await svc().get('/v1/sagas').expect(200);
      expect(list.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['order', 'order.eu']);
      const all = await ops().get('/v1/sagas').expect(200);
      expect(all.body.items.map((s: { name: string }) => s.name)).toContain('payment');
    });

    it('publishes only to its sagas; a saga that is not a string is left to validation', async () => {
      await svc().post('/v1/messages', { saga: 'order', id: 'svc-1' }).expect(202);
      await svc().post('/v1/messages', { saga: 'payment' }).expect(403);
      await svc().post('/v1/messages', { saga: 'ghost' }).expect(403);
      await svc().post('/v1/messages', { saga: 'order-ghost' }).expect(404);
      expect((await svc().post('/v1/messages', { saga: 42 }).expect(400)).body.error.code).toBe('INVALID_INPUT');
      await svc().post('/v1/messages', { payload: {} }).expect(400);
    });

    it("answers another saga's message exactly like an unknown one (404)", async () => {
      await svc().get('/v1/messages/order-1').expect(200);
      await svc().get('/v1/messages/order-1/events').expect(200);
      for (const suffix of ['', '/events']) {
        const foreign = await svc().get(`/v1/messages/pay-1${suffix}`).expect(404);
        const unknown = await svc().get(`/v1/messages/nope-1${suffix}`).expect(404);
        expect(foreign.body).toEqual({ ...unknown.body, error: { ...unknown.body.error, message: unknown.body.error.message.replace('nope-1', 'pay-1'), details: { id: 'pay-1' } } });
      }
      await ops().get('/v1/messages/pay-1').expect(200);
    });

    it('lists messages and reads the log only with a saga filter within its scope', async () => {
      const missing = await svc().get('/v1/messages').expect(403);
      expect(missing.body.error.message).toMatch(/add \?saga=<a saga matching order\*>/);
      await svc().get('/v1/messages?saga=payment').expect(403);
      const own = await svc().get('/v1/messages?saga=order').expect(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(own.body.items.every((m: { saga: string }) => m.saga === 'order')).toBe(true);
      await svc().get('/v1/events?after=0').expect(403);
      await svc().get('/v1/events?after=0&saga=payment').expect(403);
      await svc().get('/v1/events/stream?saga=payment').expect(403);
      const events = await svc().get('/v1/events?after=0&saga=order').expect(200);
      expect(events.body.events.length).toBeGreaterThan(0);
      await as('viewer').get('/v1/messages').expect(200);
      await as('viewer').get('/v1/events?after=0').expect(200);
    });

    it('uses only subscriptions filtered to its sagas', async () => {
      await svc().get('/v1/subscriptions/order.sub').expect(200);
      for (const name of ['pay.sub', 'all.sub', 'nope.sub']) {
        expect((await svc().get(`/v1/subscriptions/${name}`).expect(404)).body.error.code).toBe('SUBSCRIPTION_NOT_FOUND');
        await svc().get(`/v1/subscriptions/${name}/next`).expect(404);
        await svc().post(`/v1/subscriptions/${name}/ack`, { position: 1 }).expect(404);
      }
      const list = await svc().get('/v1/subscriptions').expect(200);
      expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['order.sub']);
      await svc().put('/v1/subscriptions/svc.any', {}).expect(403);
      await svc().put('/v1/subscriptions/svc.any', { filter: { types: ['MessageAccepted'] } }).expect(403);
      await svc().put('/v1/subscriptions/svc.pay', { filter: { saga: 'payment' } }).expect(403);
      await svc().put('/v1/subscriptions/svc.order', { filter: { saga: 'order.eu' } }).expect(201);
      await svc().put('/v1/subscriptions/svc.bad', { filter: 'order' }).expect(400);
    });
  });

  it("records the key's name as the actor of the events a request causes", async () => {
    await svc().post('/v1/messages', { saga: 'order', id: 'actor-1' }).expect(202);
    await ops().post('/v1/admin/messages/actor-1/retract', { reason: 'audit' }).expect(202);
    const history = await as('viewer').get('/v1/messages/actor-1/events').expect(200);
    const actors = history.body.events.map((e: { type: string; metadata: { actor: string } }) => [e.type, e.metadata.actor]);
    expect(actors[0]).toEqual(['MessageAccepted', 'orders']);
    expect(actors).toContainEqual([expect.stringMatching(/Retract/), 'ops']);
  });
});
