/* eslint-disable @typescript-eslint/no-explicit-any -- the generated document is walked as plain JSON, as a client would */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import { listRoutes, type RouteInfo } from '../apps/orchestrator/src/http/auth/list-routes';
import { openApiPath } from '../apps/orchestrator/src/openapi/describe-route-access';
import { shapeProblems } from './support/openapi-shape';
import { ordersSagaBody } from './support/orders-saga';
import { startTestApp, type TestApp } from './support/test-app';

const OPERATOR = 'operator-key-openapi-0123456789';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  where: string;
}

/** Redocly's `recommended` ruleset, in a child process (the linter is an ES module Jest cannot load). */
function lint(document: unknown): Promise<Problem[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'support', 'lint-openapi.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Problem[]) : reject(new Error(`the linter exited with ${code}`))));
    child.stdin.end(JSON.stringify(document));
  });
}

/** `METHOD /path/{param}` for every operation of the document. */
const documentedOperations = (doc: any): string[] =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
  );

const operationOf = (doc: any, route: RouteInfo): any => doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];

/** The framework's own 404 for a path no controller serves (our own 404s carry a domain code). */
const isRouteNotFound = (res: { status: number; body: any }): boolean => res.status === 404 && /^Cannot [A-Z]+ /.test(res.body?.error?.message ?? '');

describe('OpenAPI document at /docs (e2e)', () => {
  let t: TestApp;
  let doc: any;
  let routes: RouteInfo[];

  beforeAll(async () => {
    t = await startTestApp('openapi', { RETRACE_API_KEYS: JSON.stringify([{ name: 'ops', role: 'operator', key: OPERATOR }]) });
    routes = listRoutes(t.app.get(ModulesContainer));
    doc = (await t.http.get('/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves the Swagger UI at /docs and the document at /docs-json, without a key', async () => {
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('passes Redocly’s recommended ruleset without an error', async () => {
    const problems = await lint(doc);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The one warning: /health (public, no input) has no 4xx answer to document.
    expect(problems.map((p) => `${p.ruleId} ${p.where}`)).toEqual(['operation-4xx-response #/paths/~1health/get/responses']);
  });

  it('documents every route Nest serves, and no other', () => {
    const served = routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();
    expect(documentedOperations(doc).sort()).toEqual(served);
  });

  it('serves every documented operation: no route-not-found, with or without a key', async () => {
    const failures: string[] = [];
    for (const operation of documentedOperations(doc)) {
      const [method, path] = operation.split(' ') as [string, string];
      // A stream with a bad `after` answers 400 at once instead of staying open.
      const url = path.replace(/\{[^}]+\}/g, 'x') + (path === '/v1/events/stream' ? '?after=nope' : '');
      for (const key of [undefined, OPERATOR]) {
        let req = t.http[method.toLowerCase() as 'get'](url).timeout(10_000);
        if (key) req = req.set('Authorization', `Bearer ${key}`);
        if (method === 'POST' || method === 'PUT') req = req.send({});
        const res = await req;
        if (isRouteNotFound(res) || res.status >= 500) failures.push(`${operation} ${key ? 'operator' : 'no key'}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('declares each route’s access as the guards enforce it', () => {
    for (const route of routes) {
      const op = operationOf(doc, route);
      const where = `${route.method} ${route.path}`;
      if (route.access.public) {
        expect({ where, security: op.security, roles: op['x-retrace-roles'] }).toEqual({ where, security: [], roles: ['public'] });
        continue;
      }
      expect({ where, security: op.security }).toEqual({ where, security: [{ bearer: [] }] });
      expect({ where, roles: op['x-retrace-roles'] }).toEqual({ where, roles: ['operator', ...(route.access.roles ?? [])] });
      for (const status of ['401', '403', '429']) {
        expect({ where, status, schema: op.responses[status]?.content?.['application/json']?.schema }).toEqual({ where, status, schema: { $ref: '#/components/schemas/ErrorDto' } });
      }
    }
  });

  it('describes request bodies and answers with DTO schemas', () => {
    const missing: string[] = [];
    for (const operation of documentedOperations(doc)) {
      const [method, path] = operation.split(' ') as [string, string];
      const op = doc.paths[path][method.toLowerCase()];
      if ((method === 'POST' || method === 'PUT') && !op.requestBody?.content?.['application/json']?.schema?.$ref) missing.push(`${operation}: request body`);
      const ok = Object.entries(op.responses as Record<string, any>).filter(([status]) => status.startsWith('2'));
      if (ok.length === 0) missing.push(`${operation}: a 2xx answer`);
      for (const [status, response] of ok) {
        const [type, media] = Object.entries((response.content ?? {}) as Record<string, any>)[0] ?? [];
        const described = type === 'application/json' ? media.schema?.$ref !== undefined || media.schema?.type === 'object' : media?.schema?.type === 'string';
        if (!described) missing.push(`${operation}: ${status} answer schema`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/v1/events/stream'].get.responses['200'].content).toHaveProperty(['text/event-stream']);
  });

  it('answers what it documents: real responses fit their schemas', async () => {
    const auth = { Authorization: `Bearer ${OPERATOR}` };
    const schemaOf = (path: string, method: string, status: number) => doc.paths[path][method].responses[String(status)].content['application/json'].schema;
    const check = (path: string, method: string, res: { status: number; body: unknown }) => ({
      [`${method.toUpperCase()} ${path} ${res.status}`]: shapeProblems(doc, schemaOf(path, method, res.status), res.body),
    });
    const results = [
      check('/v1/sagas/{name}', 'put', await t.http.put('/v1/sagas/order').set(auth).send(ordersSagaBody(1))),
      check('/v1/sagas/{name}', 'get', await t.http.get('/v1/sagas/order').set(auth)),
      check('/v1/sagas', 'get', await t.http.get('/v1/sagas').set(auth)),
      check('/v1/messages', 'post', await t.http.post('/v1/messages').set(auth).send({ saga: 'order', id: 'o-1', payload: { sku: 'A-1' } })),
      check('/v1/messages/{id}', 'get', await t.http.get('/v1/messages/o-1').set(auth)),
      check('/v1/messages/{id}/events', 'get', await t.http.get('/v1/messages/o-1/events').set(auth)),
      check('/v1/messages', 'get', await t.http.get('/v1/messages?saga=order').set(auth)),
      check('/v1/events', 'get', await t.http.get('/v1/events?after=0').set(auth)),
      check('/v1/admin/operations', 'post', await t.http.post('/v1/admin/operations').set(auth).send({ action: 'retract', reason: 'check', selector: { fromPosition: 1 }, dryRun: true })),
      check('/v1/admin/stats/transitions', 'get', await t.http.get('/v1/admin/stats/transitions').set(auth)),
      check('/v1/messages/{id}', 'get', await t.http.get('/v1/messages/nope').set(auth)),
      check('/v1/messages', 'post', await t.http.post('/v1/messages').set(auth).send({ saga: 7 })),
      check('/v1/me', 'get', await t.http.get('/v1/me').set(auth)),
      check('/health', 'get', await t.http.get('/health')),
    ];
    expect(Object.keys(Object.assign({}, ...results))).toHaveLength(14);
    expect(results).toEqual(results.map((r) => Object.fromEntries(Object.keys(r).map((k) => [k, []]))));
  });
});
