import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createQueueBackend, type QueueBackend } from '@retrace/engine/queue-backend';
import { createRetraceDataSource, migrateDatabase } from '@retrace/event-store';
import { createTestSchema, deleteRedisPrefix, testRedisUrl, uniqueQueueNamespace, type TestSchema } from '@retrace/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../apps/orchestrator/src/bootstrap/create-app';
import { createLogger } from '../apps/orchestrator/src/bootstrap/create-logger';
import { RETRACE_MIGRATIONS } from '../apps/orchestrator/src/bootstrap/start-runtime';
import { loadConfig } from '../apps/orchestrator/src/config/load-config';
import { waitFor } from './support/wait-for';

const CARD = 'card-4111-1111-1111-1111';
const EMAIL = 'secret.person@example.com';
const PATCHED = 'card-5500-0000-0000-0004';
const SECRETS = [CARD, EMAIL, PATCHED];
const KEYS = [
  { name: 'ops', role: 'operator', key: 'redact-operator-0123456789' },
  { name: 'dash', role: 'viewer', key: 'redact-viewer-0123456789' },
  { name: 'orders', role: 'service', key: 'redact-service-0123456789', sagas: ['pay*'] },
];
const bearer = (i: number) => ({ Authorization: `Bearer ${KEYS[i].key}` });
const [OPERATOR, VIEWER, SERVICE] = [0, 1, 2];

/**
 * `redact` paths hide payload values from viewer keys (message list and view, a message's events,
 * the log, the live tail, a replay's patch) and never reach the logs; operator and the saga's own
 * service keys see them. The app logs JSON through pino at the most verbose level into `logLines`.
 */
describe('redact (e2e)', () => {
  const logLines: string[] = [];
  let db: TestSchema;
  let dataSource: DataSource;
  let queueBackend: QueueBackend;
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let service: Server;
  const prefix = uniqueQueueNamespace('redact');

  beforeAll(async () => {
    // The saga's HTTP step: succeeds unless the payload asks it to fail (which starts compensation).
    service = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const fail = (JSON.parse(body) as { payload: { fail?: boolean } }).payload.fail === true && req.url === '/charge';
        res.writeHead(fail ? 402 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(fail ? { error: 'declined' } : { ok: true }));
      });
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;

    db = await createTestSchema('redact');
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), RETRACE_DB_SCHEMA: db.schema, RETRACE_API_KEYS: JSON.stringify(KEYS) });
    dataSource = createRetraceDataSource({ url: db.url, schema: db.schema, migrations: RETRACE_MIGRATIONS, poolSize: 5 });
    await migrateDatabase(dataSource, db.schema);
    queueBackend = await createQueueBackend({ databaseUrl: db.url, redisUrl: testRedisUrl(), prefix });
    const logger = createLogger('verbose', { format: 'json', destination: { write: (line: string) => void logLines.push(line) } });
    app = await createApp({ config, dataSource, queueBackend, engine: { relayPollMs: 100, sweepIntervalMs: 200 } }, { logger });
    await app.listen(0, '127.0.0.1');
    http = request(app.getHttpServer());

    const step = (name: string) => ({ name, action: { http: { url: `${url}/${name}` } }, compensation: { http: { url: `${url}/undo-${name}` } } });
    await http
      .put('/v1/sagas/payment')
      .set(bearer(SERVICE))
      .send({ version: 1, steps: [step('reserve'), step('charge')], redact: ['card.number', 'customer.email'] })
      .expect(201);
  });

  afterAll(async () => {
    await app?.close();
    await queueBackend?.close();
    await dataSource?.destroy();
    await deleteRedisPrefix(prefix, testRedisUrl());
    await db?.drop();
    await new Promise((resolve) => service?.close(resolve));
  });

  it('refuses a redact list that is not dot paths, naming the bad entry', async () => {
    const res = await http
      .put('/v1/sagas/payment.bad')
      .set(bearer(SERVICE))
      .send({ version: 1, steps: [{ name: 'a', action: { queue: 'q' } }], redact: ['card.number', '/card/number'] })
      .expect(400);
    expect(res.body.error.details.issues).toEqual([{ path: 'redact[1]', message: expect.stringMatching(/must be a dot path into the payload/) }]);
  });

  const statusOf = async (id: string) => (await http.get(`/v1/messages/${id}`).set(bearer(OPERATOR)).expect(200)).body.status as string;

  it('runs a message with secrets in its payload, fails one, and replays it with a secret patch', async () => {
    const payload = (fail: boolean) => ({ sku: 'A-1', card: { number: CARD, exp: '12/30' }, customer: { email: EMAIL, name: 'Pat' }, fail });
    await http.post('/v1/messages').set(bearer(SERVICE)).send({ saga: 'payment', id: 'pay-ok', payload: payload(false) }).expect(202);
    await http.post('/v1/messages').set(bearer(SERVICE)).send({ saga: 'payment', id: 'pay-bad', payload: payload(true) }).expect(202);
    // A refused publish carrying the secret: answered 400, and still not logged.
    await http.post('/v1/messages').set(bearer(SERVICE)).send({ saga: 'payment', payload: payload(false), delayMs: -1 }).expect(400);
    await waitFor(async () => (await statusOf('pay-ok')) === 'COMPLETED', 'pay-ok to complete');
    await waitFor(async () => (await statusOf('pay-bad')) === 'COMPENSATED', 'pay-bad to be compensated');
    await http
      .post('/v1/admin/messages/pay-bad/replay')
      .set(bearer(OPERATOR))
      .send({ mode: 'restart', reason: 'card replaced', patch: { card: { number: PATCHED }, fail: false } })
      .expect(202);
    await waitFor(async () => (await statusOf('pay-bad')) === 'COMPLETED', 'the replay of pay-bad to complete');
  });

  const viewerReads = ['/v1/messages/pay-ok', '/v1/messages/pay-bad', '/v1/messages?saga=payment', '/v1/messages', '/v1/messages/pay-bad/events', '/v1/events?after=0', '/v1/events?after=0&saga=payment'];

  it('shows viewers "[redacted]" where the paths point, and nothing of the secrets anywhere', async () => {
    for (const path of viewerReads) {
      const res = await http.get(path).set(bearer(VIEWER)).expect(200);
      for (const secret of SECRETS) expect(`${path}: ${res.text}`).not.toContain(secret);
    }
    const message = (await http.get('/v1/messages/pay-bad').set(bearer(VIEWER)).expect(200)).body;
    expect(message.payload).toEqual({ sku: 'A-1', card: { number: '[redacted]', exp: '12/30' }, customer: { email: '[redacted]', name: 'Pat' }, fail: false });
    const events = (await http.get('/v1/messages/pay-bad/events').set(bearer(VIEWER)).expect(200)).body.events as Array<{ type: string; data: Record<string, unknown> }>;
    expect(events.find((e) => e.type === 'MessageAccepted')?.data.payload).toMatchObject({ card: { number: '[redacted]' } });
    expect(events.find((e) => e.type === 'ReplayStarted')?.data).toMatchObject({ patch: { card: { number: '[redacted]' }, fail: false }, payload: { card: { number: '[redacted]' } } });
  });

  it('hides them in the live tail too', async () => {
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const text = await readSse(`http://127.0.0.1:${port}/v1/events/stream?after=0&saga=payment`, bearer(VIEWER).Authorization, 'ReplayStarted');
    expect(text).toContain('[redacted]');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const operatorText = await readSse(`http://127.0.0.1:${port}/v1/events/stream?after=0`, bearer(OPERATOR).Authorization, 'ReplayStarted');
    expect(operatorText).toContain(PATCHED);
  });

  it("shows operators and the saga's own service key everything", async () => {
    for (const caller of [OPERATOR, SERVICE]) {
      const message = (await http.get('/v1/messages/pay-bad').set(bearer(caller)).expect(200)).body;
      expect(message.payload.card.number).toBe(PATCHED);
      expect(message.payload.customer.email).toBe(EMAIL);
      const events = await http.get('/v1/events?after=0&saga=payment').set(bearer(caller)).expect(200);
      for (const secret of SECRETS) expect(events.text).toContain(secret);
    }
  });

  it("hides a bulk replay's patch from viewers, by every saga's paths when the selector names none", async () => {
    const created = await http
      .post('/v1/admin/operations')
      .set(bearer(OPERATOR))
      .send({ action: 'replay', mode: 'restart', reason: 'new card', selector: { fromPosition: 1_000_000 }, patch: { card: { number: PATCHED } } })
      .expect(202);
    const id = (created.body as { id: string }).id;
    for (const path of [`/v1/admin/operations/${id}`, '/v1/admin/operations']) {
      const viewer = await http.get(path).set(bearer(VIEWER)).expect(200);
      expect(viewer.text).not.toContain(PATCHED);
      expect(viewer.text).toContain('"number":"[redacted]"');
      expect((await http.get(path).set(bearer(OPERATOR)).expect(200)).text).toContain(PATCHED);
    }
  });

  it('never writes a redacted value to the logs', () => {
    if (process.env.SHOW_LOGS) console.log(logLines.join(''));
    expect(logLines.length).toBeGreaterThan(10);
    const logs = logLines.join('');
    expect(logs).toContain('"level"');
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });
});

/** Reads a server-sent event stream until `until` shows up, then hangs up. */
async function readSse(url: string, authorization: string, until: string): Promise<string> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = setTimeout(() => abort.abort(), 10_000);
  try {
    while (!text.includes(`event: ${until}`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(deadline);
    abort.abort();
  }
  return text;
}
