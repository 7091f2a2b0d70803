import { REPLY_QUEUE, stepJobId, type StepJobData } from '@retrace/domain';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { callHttpStep } from './call-http-step';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const jobId = stepJobId({ messageId: 'm-1', runId: 'r-2', step: 'charge', kind: 'action' });
const info = { jobId, attempt: 2 };

// Sockets of requests left unanswered on purpose; destroyed after each test so none outlive it.
const hanging = new Set<Socket>();

const routes: Record<string, (res: ServerResponse, req: IncomingMessage) => void> = {
  '/ok': (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ paymentId: 'p-1' })),
  '/empty': (res) => res.writeHead(204).end(),
  '/text': (res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('charged'),
  '/long-error': (res) => res.writeHead(422).end(`invalid card ${'x'.repeat(5000)}`),
  '/redirect': (res) => res.writeHead(302, { Location: '/ok' }).end(),
  '/big': (res) => {
    // Chunked, no Content-Length: the limit must hold while streaming.
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 32; i += 1) res.write(chunk);
    res.end();
  },
  '/big-declared': (res) => res.writeHead(200, { 'Content-Length': String(2 * 1024 * 1024) }).end('x'.repeat(2 * 1024 * 1024)),
  '/hang': (_res, req) => {
    hanging.add(req.socket);
  },
  '/reset': (_res, req) => req.socket.destroy(),
};

function statusRoute(res: ServerResponse, path: string): boolean {
  const match = /^\/status\/(\d{3})$/.exec(path);
  if (match === null) return false;
  res.writeHead(Number(match[1]), { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: `because ${match[1]}` }));
  return true;
}

describe(callHttpStep.name, () => {
  let server: Server;
  let base: string;
  let received: Received[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        received.push({ method: req.method ?? '', url: path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (statusRoute(res, path)) return;
        const route = routes[path];
        if (route) route(res, req);
        else res.writeHead(404).end('no such route');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    received = [];
  });

  // Only the unanswered sockets: closing idle keep-alive ones here would race the next test's
  // request on a reused connection.
  afterEach(() => {
    for (const socket of hanging) socket.destroy();
    hanging.clear();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  const job = (path: string, overrides: Partial<StepJobData> & { method?: string; headers?: Record<string, string> } = {}): StepJobData => {
    const { method = 'POST', headers = {}, ...rest } = overrides;
    return {
      messageId: 'm-1',
      saga: 'order',
      sagaVersion: 2,
      step: 'charge',
      kind: 'action',
      runId: 'r-2',
      replayOf: null,
      payload: { orderId: 'o-1', amount: 42 },
      results: { reserve: { reservationId: 'r-1' } },
      timeoutMs: 5000,
      replyTo: REPLY_QUEUE,
      http: { url: `${base}${path}`, method, headers },
      ...rest,
    };
  };

  it('POSTs the documented headers and body and returns the JSON answer', async () => {
    const outcome = await callHttpStep(job('/ok', { headers: { Authorization: 'Bearer t', 'Idempotency-Key': 'spoofed' } }), info);

    expect(outcome).toEqual({ ok: true, result: { paymentId: 'p-1' } });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe('POST');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': jobId,
      'retrace-message-id': 'm-1',
      'retrace-run-id': 'r-2',
      authorization: 'Bearer t',
    });
    expect(request.headers).not.toHaveProperty('retrace-replay-of');
    expect(JSON.parse(request.body)).toEqual({
      messageId: 'm-1',
      saga: 'order',
      sagaVersion: 2,
      step: 'charge',
      kind: 'action',
      runId: 'r-2',
      attempt: 2,
      payload: { orderId: 'o-1', amount: 42 },
      results: { reserve: { reservationId: 'r-1' } },
    });
  });

  it('names the earlier run on a replay', async () => {
    await callHttpStep(job('/ok', { replayOf: 'r-1' }), info);
    expect(received[0].headers['retrace-replay-of']).toBe('r-1');
  });

  it('sends a GET with the headers only', async () => {
    await expect(callHttpStep(job('/ok', { method: 'get' }), info)).resolves.toEqual({ ok: true, result: { paymentId: 'p-1' } });
    expect(received[0]).toMatchObject({ method: 'GET', body: '' });
    expect(received[0].headers['idempotency-key']).toBe(jobId);
  });

  it('succeeds with a null result on an empty or non-JSON 2xx body', async () => {
    await expect(callHttpStep(job('/empty'), info)).resolves.toEqual({ ok: true, result: null });
    await expect(callHttpStep(job('/text'), info)).resolves.toEqual({ ok: true, result: null });
  });

  it.each([503, 500, 429, 408])('retries a %i', async (status) => {
    await expect(callHttpStep(job(`/status/${status}`), info)).resolves.toEqual({
      ok: false,
      error: { code: `HTTP_${status}`, permanent: false, message: `POST ${base}/status/${status} answered ${status}: {"error":"because ${status}"}` },
    });
  });

  it.each([400, 404, 422])('fails a %i at once, quoting the body', async (status) => {
    const outcome = await callHttpStep(job(`/status/${status}`), info);
    expect(outcome).toEqual({ ok: false, error: { code: `HTTP_${status}`, permanent: true, message: expect.any(String) } });
    expect(outcome.ok || outcome.error.message).toMatch(new RegExp(`^POST ${base}/status/${status} answered ${status}: \\{"error":"because ${status}"\\}`));
  });

  it('keeps the quoted body to 500 characters', async () => {
    const outcome = await callHttpStep(job('/long-error'), info);
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.error).toMatchObject({ code: 'HTTP_422', permanent: true });
    const quoted = outcome.error.message.split('answered 422: ')[1].split(' (a 4xx')[0];
    expect(quoted.startsWith('invalid card xxx')).toBe(true);
    expect(quoted.length).toBe(500);
  });

  it('does not follow a redirect', async () => {
    const outcome = await callHttpStep(job('/redirect'), info);
    expect(outcome).toEqual({ ok: false, error: { code: 'HTTP_302', permanent: true, message: expect.stringContaining('redirect to /ok') } });
    expect(received.map((r) => r.url)).toEqual(['/redirect']);
  });

  it('refuses a 2xx body over the limit, streamed or declared', async () => {
    for (const path of ['/big', '/big-declared']) {
      const outcome = await callHttpStep(job(path), info);
      expect(outcome).toEqual({ ok: false, error: { code: 'RESPONSE_TOO_LARGE', permanent: true, message: expect.stringContaining('over 1048576 bytes') } });
    }
    await expect(callHttpStep(job('/big'), info, undefined, { maxResponseBytes: 4 * 1024 * 1024 })).resolves.toEqual({ ok: true, result: null });
  });

  it('retries a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const outcome = await callHttpStep({ ...job('/ok'), http: { url: `http://127.0.0.1:${port}/ok`, method: 'POST', headers: {} } }, info);
    expect(outcome).toEqual({ ok: false, error: { code: 'ECONNREFUSED', permanent: false, message: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/ok failed: .*ECONNREFUSED/) } });
  });

  it('retries a connection the service drops', async () => {
    const outcome = await callHttpStep(job('/reset'), info);
    expect(outcome).toMatchObject({ ok: false, error: { permanent: false, code: expect.stringMatching(/^(ECONNRESET|UND_ERR_SOCKET)$/) } });
  });

  it('retries a timeout', async () => {
    const started = Date.now();
    const outcome = await callHttpStep(job('/hang', { timeoutMs: 200 }), info);
    expect(outcome).toEqual({ ok: false, error: { code: 'TIMEOUT', permanent: false, message: `POST ${base}/hang timed out after 200 ms` } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops when the outer signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort('shutting down'), 100);
    await expect(callHttpStep(job('/hang'), info, controller.signal)).resolves.toEqual({
      ok: false,
      error: { code: 'ABORTED', permanent: false, message: `POST ${base}/hang was interrupted: shutting down` },
    });
  });

  it('fails a job without a usable http target permanently, without a request', async () => {
    await expect(callHttpStep({ ...job('/ok'), http: undefined }, info)).resolves.toMatchObject({ ok: false, error: { code: 'NOT_HTTP_STEP', permanent: true } });
    await expect(callHttpStep({ ...job('/ok'), http: { url: 'ftp://x/y', method: 'POST', headers: {} } }, info)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL', permanent: true },
    });
    expect(received).toEqual([]);
  });
});
