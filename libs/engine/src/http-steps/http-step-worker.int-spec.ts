import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HTTP_STEP_QUEUE, REPLY_QUEUE, REPLY_STREAM, stepJobId, type StepJobData, type StepReply } from '@retrace/domain';
import { deleteRedisPrefix, testDatabaseUrl, testRedisUrl, uniqueQueueNamespace } from '@retrace/testing';
import { Client } from 'pg';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createQueueBackend } from '../queue-backend/create-queue-backend';
import type { BackendQueue, QueueBackend, QueueBackendOptions } from '../queue-backend/queue-backend';
import { HttpStepWorker } from './http-step-worker';
import { HTTP_STEP_QUEUE_BACKEND } from './http-step-worker.options';

type Handler = (res: ServerResponse, req: IncomingMessage) => void;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function dropBackend(options: QueueBackendOptions): Promise<void> {
  if (options.redisUrl !== undefined) await deleteRedisPrefix(options.prefix!, options.redisUrl);
  if (options.pgSchema === undefined) return;
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${options.pgSchema}" CASCADE`);
  } finally {
    await client.end();
  }
}

// The orchestrator runs on either backend (DESIGN.md "Dispatch and replies"), so the worker is tested on both.
describe.each([
  ['Redis', (): QueueBackendOptions => ({ databaseUrl: testDatabaseUrl(), redisUrl: testRedisUrl(), prefix: uniqueQueueNamespace('http_steps') })],
  ['PostgreSQL', (): QueueBackendOptions => ({ databaseUrl: testDatabaseUrl(), pgSchema: uniqueQueueNamespace('http_steps') })],
] as const)(`${HttpStepWorker.name} on %s`, (_kind, makeOptions) => {
  let server: Server;
  let handler: Handler;
  let requests: IncomingMessage[];
  const sockets = new Set<Socket>();
  let options: QueueBackendOptions;
  let backend: QueueBackend;
  let steps: BackendQueue<StepJobData>;
  let replies: BackendQueue<StepReply>;
  let sut: HttpStepWorker;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      req.resume();
      req.on('end', () => handler(res, req));
    });
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(async () => {
    requests = [];
    options = makeOptions();
    backend = await createQueueBackend(options);
    steps = backend.queue<StepJobData>(HTTP_STEP_QUEUE);
    replies = backend.queue<StepReply>(REPLY_QUEUE);
    sut = new HttpStepWorker(backend, { concurrency: 5, shutdownGraceMs: 200 });
    await sut.onApplicationBootstrap();
  });

  afterEach(async () => {
    await sut.onApplicationShutdown();
    await steps.close();
    await replies.close();
    await backend.close();
    await dropBackend(options);
  });

  /** Adds a step job exactly as the relay does (see outbox/plan-step-jobs.ts). */
  async function dispatch(overrides: Partial<StepJobData> = {}): Promise<string> {
    const { port } = server.address() as AddressInfo;
    const data: StepJobData = {
      messageId: 'm-1',
      saga: 'order',
      sagaVersion: 1,
      step: 'charge',
      kind: 'action',
      runId: 'r-1',
      replayOf: null,
      payload: { orderId: 'o-1' },
      results: {},
      timeoutMs: 5000,
      replyTo: REPLY_QUEUE,
      http: { url: `http://127.0.0.1:${port}/charge`, method: 'POST', headers: {} },
      ...overrides,
    };
    const jobId = stepJobId(data);
    await steps.add(`${data.saga}.${data.step}.${data.kind}`, data, { jobId, attempts: 3, backoff: { type: 'fixed', delay: 50 }, delay: 0 });
    return jobId;
  }

  const settled = (jobId: string) =>
    eventually(() => steps.getJobState(jobId), (state) => state === 'completed' || state === 'failed', `job ${jobId} to settle`);

  async function sentReplies(): Promise<StepReply[]> {
    const jobs = await replies.getJobs(['waiting']);
    return jobs.map((job) => job.data).sort((a, b) => a.attempt - b.attempt || order(a) - order(b));
  }
  const order = (reply: StepReply) => ['started', 'failed', 'succeeded'].indexOf(reply.type);

  it('retries 503s with the job backoff and replies for every attempt', async () => {
    handler = (res) =>
      requests.length <= 2 ? res.writeHead(503).end('busy') : res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"paymentId":"p-1"}');
    const jobId = await dispatch();

    await expect(settled(jobId)).resolves.toBe('completed');
    expect((await steps.getJob(jobId))?.returnvalue).toEqual({ paymentId: 'p-1' });
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([jobId, jobId, jobId]);
    const sent = await sentReplies();
    expect(sent.map((r) => [r.attempt, r.type, r.type === 'failed' ? r.final : undefined])).toEqual([
      [1, 'started', undefined],
      [1, 'failed', false],
      [2, 'started', undefined],
      [2, 'failed', false],
      [3, 'started', undefined],
      [3, 'succeeded', undefined],
    ]);
    expect(sent[1]).toMatchObject({ jobId, error: { code: 'HTTP_503', permanent: false } });
    expect(sent[5]).toMatchObject({ jobId, messageId: 'm-1', runId: 'r-1', step: 'charge', kind: 'action', result: { paymentId: 'p-1' } });
    const stored = await replies.getJob(`${jobId}~3~succeeded`);
    expect(stored?.name).toBe('succeeded');
    expect(stored?.opts.removeOnComplete).toBe(true);
  });

  it('does not retry a 400', async () => {
    handler = (res) => res.writeHead(400).end('{"error":"card declined"}');
    const jobId = await dispatch();

    await expect(settled(jobId)).resolves.toBe('failed');
    expect(requests).toHaveLength(1);
    expect((await steps.getJob(jobId))?.attemptsMade).toBe(1);
    const sent = await sentReplies();
    expect(sent.map((r) => r.type)).toEqual(['started', 'failed']);
    expect(sent[1]).toMatchObject({ attempt: 1, final: true, error: { code: 'HTTP_400', permanent: true, message: expect.stringContaining('card declined') } });
  });

  it('replies on the reply stream when the job names one and the backend is Redis, else with reply jobs', async () => {
    handler = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"paymentId":"p-2"}');
    const jobId = await dispatch({ replyStream: REPLY_STREAM });
    await expect(settled(jobId)).resolves.toBe('completed');

    const client = backend.newRedisClient();
    if (!client) {
      expect((await sentReplies()).map((r) => r.type)).toEqual(['started', 'succeeded']);
      return;
    }
    try {
      const entries = await client.xrange(`${backend.prefix}:${REPLY_STREAM}`, '-', '+');
      expect(entries.map(([, fields]) => JSON.parse(fields[1]) as StepReply)).toEqual([
        expect.objectContaining({ type: 'started', jobId }),
        expect.objectContaining({ type: 'succeeded', jobId, result: { paymentId: 'p-2' } }),
      ]);
      expect(await sentReplies()).toEqual([]);
    } finally {
      client.disconnect();
    }
  });

  it('puts back, without using an attempt, a call still running when the grace period ends', async () => {
    handler = () => undefined;
    const jobId = await dispatch({ timeoutMs: 60_000 });
    await eventually(() => Promise.resolve(requests.length), (n) => n === 1, 'the call to arrive');

    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await sut.onApplicationShutdown();

    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`HTTP step job ${jobId} was interrupted`));
    warn.mockRestore();
    const job = await steps.getJob(jobId);
    expect(['delayed', 'waiting']).toContain(await steps.getJobState(jobId));
    expect(job?.attemptsMade).toBe(0);
    expect((await sentReplies()).map((r) => r.type)).toEqual(['started']);
  });

  it('is wired by Nest from its tokens and closes with the app', async () => {
    await sut.onApplicationShutdown();
    const moduleRef = await Test.createTestingModule({
      providers: [HttpStepWorker, { provide: HTTP_STEP_QUEUE_BACKEND, useValue: backend }],
    }).compile();
    await moduleRef.init();
    handler = (res) => res.writeHead(204).end();
    try {
      const jobId = await dispatch();
      await expect(settled(jobId)).resolves.toBe('completed');
      expect((await sentReplies()).map((r) => r.type)).toEqual(['started', 'succeeded']);
    } finally {
      await moduleRef.close();
    }
  });
});
