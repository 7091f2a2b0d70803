import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Permanent, startPlainWorker } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface Call {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

describe('HTTP steps, run by Retrace’s own worker (e2e)', () => {
  let t: TestApp;
  let server: Server;
  const calls: Call[] = [];
  let chargeFailures = 0;
  let workers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        calls.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw || '{}') as Record<string, unknown> });
        if (req.url === '/charge' && chargeFailures > 0) {
          chargeFailures--;
          res.writeHead(503).end('busy');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ paymentId: `pay-${calls.length}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    t = await startTestApp('httpsteps');
    workers = [
      startPlainWorker('inv.reserve', t.prefix, async () => ({ reservationId: 'r-1' })),
      startPlainWorker('inv.release', t.prefix, async () => ({ released: true })),
      startPlainWorker('ship.send', t.prefix, async (job) => {
        if (job.data.payload.noShip) throw new Permanent('no courier');
        return { tracking: 't-1' };
      }),
    ];
    await t.http
      .put('/v1/sagas/order')
      .send({
        version: 1,
        steps: [
          { name: 'reserve', action: { queue: 'inv.reserve' }, compensation: { queue: 'inv.release' } },
          {
            name: 'charge',
            action: { http: { url: `${base}/charge`, headers: { 'X-Tenant': 'acme' } } },
            compensation: { http: { url: `${base}/refund` } },
            retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 20 } },
          },
          { name: 'ship', action: { queue: 'ship.send' }, compensation: null },
        ],
      })
      .expect(201);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
    await new Promise((r) => server.close(r));
  });

  const status = (id: string, expected: string) =>
    waitFor(async () => {
      const v = (await t.http.get(`/v1/messages/${id}`)).body as { status: string; steps: { result: unknown }[] };
      return v.status === expected ? v : undefined;
    }, `${id} to be ${expected}`);

  it('POSTs the documented body and headers, retries a 503 with the same Idempotency-Key, and keeps the 2xx body as the result', async () => {
    chargeFailures = 2;
    await t.http.post('/v1/messages').send({ saga: 'order', id: 'o-1', payload: { amount: 42 } }).expect(202);
    const v = await status('o-1', 'COMPLETED');
    const charges = calls.filter((c) => c.path === '/charge' && c.body.messageId === 'o-1');
    expect(charges).toHaveLength(3);
    const keys = new Set(charges.map((c) => c.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    const [first] = charges;
    expect(first.headers).toMatchObject({
      'content-type': 'application/json',
      'retrace-message-id': 'o-1',
      'retrace-run-id': first.body.runId,
      'x-tenant': 'acme',
    });
    expect(first.headers['retrace-replay-of']).toBeUndefined();
    expect(first.headers['idempotency-key']).toBe(`o-1~${String(first.body.runId)}~charge~action`);
    expect(first.body).toMatchObject({
      messageId: 'o-1',
      saga: 'order',
      sagaVersion: 1,
      step: 'charge',
      kind: 'action',
      attempt: 1,
      payload: { amount: 42 },
      results: { reserve: { reservationId: 'r-1' } },
    });
    expect(charges.map((c) => c.body.attempt)).toEqual([1, 2, 3]);
    expect(v.steps[1].result).toEqual({ paymentId: expect.stringMatching(/^pay-/) });
  });

  it('calls the refund endpoint with the charge’s result when a later step fails', async () => {
    await t.http.post('/v1/messages').send({ saga: 'order', id: 'o-2', payload: { noShip: true } }).expect(202);
    await status('o-2', 'COMPENSATED');
    const charge = calls.find((c) => c.path === '/charge' && c.body.messageId === 'o-2')!;
    const refund = calls.find((c) => c.path === '/refund' && c.body.messageId === 'o-2')!;
    expect(refund.body).toMatchObject({ kind: 'compensation', step: 'charge' });
    expect((refund.body.results as Record<string, unknown>).charge).toEqual({ paymentId: expect.any(String) });
    expect(refund.headers['idempotency-key']).toBe(`o-2~${String(charge.body.runId)}~charge~compensation`);
  });
});
