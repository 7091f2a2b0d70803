import { REPLY_QUEUE, REPLY_STREAM, REPLY_STREAM_FIELD, type StepFailedReply } from '@retrace/domain';
import { deleteRedisPrefix, testRedisUrl, uniqueQueueNamespace } from '@retrace/testing';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { createWorker, type RetraceWorker } from './create-worker';
import { PermanentError } from './permanent.error';
import type { StepContext, StepHandler } from './step-context';
import { addStepJob, eventually, readReplies, stepJobData } from './step-jobs.fixtures';
import { StepTimeoutError } from './step-timeout.error';
import { WorkerClosingError } from './worker-closing.error';
import type { WorkerOptions } from './worker-options';

const QUEUE = 'orders.charge';

describe(`${createWorker.name} on Redis`, () => {
  const redisUrl = testRedisUrl();
  let prefix: string;
  let steps: Queue;
  let replies: Queue;
  let sut: RetraceWorker | undefined;

  const start = async (handler: StepHandler, options: Partial<WorkerOptions> = {}): Promise<RetraceWorker> => {
    sut = createWorker({ [QUEUE]: handler }, { connection: redisUrl, prefix, logger: { warn: () => undefined, error: () => undefined }, reportStartedAfterMs: 0, ...options });
    await sut.waitUntilReady();
    return sut;
  };

  beforeEach(() => {
    prefix = uniqueQueueNamespace('sdk');
    steps = new Queue(QUEUE, { connection: { url: redisUrl }, prefix });
    replies = new Queue(REPLY_QUEUE, { connection: { url: redisUrl }, prefix });
  });

  afterEach(async () => {
    await sut?.close();
    sut = undefined;
    await steps.close();
    await replies.close();
    await deleteRedisPrefix(prefix, redisUrl);
  });

  it('runs the handler with the step context, replies started then succeeded, and returns the result', async () => {
    const seen: StepContext[] = [];
    await start(async (input, ctx) => {
      seen.push(ctx);
      return { paymentId: `p-${String(input.orderId)}`, charged: input.amount };
    });
    const data = stepJobData({ replayOf: 'run-0', runId: 'run-2' });
    const jobId = await addStepJob(steps, data, { attempts: 3 });

    const [started, succeeded] = await readReplies(replies, 2);
    const ids = { jobId, messageId: 'msg-1', runId: 'run-2', step: 'charge', kind: 'action', attempt: 1 };
    expect(started).toEqual({ type: 'started', ...ids });
    expect(succeeded).toEqual({ type: 'succeeded', ...ids, result: { paymentId: 'p-o-1', charged: 42 } });
    const job = await eventually(() => steps.getJob(jobId), (j) => j?.returnvalue != null, 'the returnvalue');
    expect(job?.returnvalue).toEqual({ paymentId: 'p-o-1', charged: 42 });
    expect(await steps.getJobState(jobId)).toBe('completed');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      idempotencyKey: jobId,
      messageId: 'msg-1',
      runId: 'run-2',
      replayOf: 'run-0',
      saga: 'order',
      sagaVersion: 2,
      step: 'charge',
      kind: 'action',
      attempt: 1,
      maxAttempts: 3,
      payload: data.payload,
      results: { reserve: { reservationId: 'r-1' } },
    });
    expect(seen[0].signal.aborted).toBe(false);
  });

  it('appends the replies to the reply stream when the job names one, and adds no reply jobs', async () => {
    await start(async () => ({ ok: true }));
    const jobId = await addStepJob(steps, { ...stepJobData(), replyStream: REPLY_STREAM });

    const redis = new IORedis(redisUrl);
    try {
      const entries = await eventually(
        () => redis.xrange(`${prefix}:${REPLY_STREAM}`, '-', '+'),
        (found) => found.length === 2,
        'two entries on the reply stream',
      );
      const sent = entries.map(([, fields]) => {
        expect(fields[0]).toBe(REPLY_STREAM_FIELD);
        return JSON.parse(fields[1]) as { type: string; jobId: string; result?: unknown };
      });
      expect(sent).toEqual([expect.objectContaining({ type: 'started', jobId }), expect.objectContaining({ type: 'succeeded', jobId, result: { ok: true } })]);
    } finally {
      redis.disconnect();
    }
    expect(await replies.count()).toBe(0);
  });

  it('sends succeeded with null when the handler returns nothing, and no started when reportStarted is false', async () => {
    await start(async () => undefined, { reportStarted: false });
    const jobId = await addStepJob(steps, stepJobData());

    const found = await readReplies(replies, 1);
    await new Promise((resolve) => setTimeout(resolve, 100)); // nothing else arrives
    expect(await readReplies(replies, 1)).toEqual(found);
    expect(found).toEqual([expect.objectContaining({ type: 'succeeded', jobId, result: null })]);
  });

  it('retries a transient failure with the same idempotency key, attempts 1, 2, 3, final only on the last', async () => {
    const keys: string[] = [];
    await start(async (_input, ctx) => {
      keys.push(`${ctx.idempotencyKey}#${ctx.attempt}`);
      throw Object.assign(new Error(`bank unavailable (try ${ctx.attempt})`), { code: 'ECONNREFUSED' });
    });
    const jobId = await addStepJob(steps, stepJobData(), { attempts: 3, delayMs: 20 });

    const failed = (await readReplies(replies, 6)).filter((r): r is StepFailedReply => r.type === 'failed');
    expect(failed.map((r) => [r.attempt, r.final])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(failed[2].error).toEqual({ message: 'bank unavailable (try 3)', code: 'ECONNREFUSED', permanent: false });
    expect(keys).toEqual([`${jobId}#1`, `${jobId}#2`, `${jobId}#3`]);
    await eventually(() => steps.getJobState(jobId), (s) => s === 'failed', 'the job to fail');
  });

  it('fails a PermanentError at once: one attempt, final, no retry', async () => {
    let calls = 0;
    await start(async () => {
      calls += 1;
      throw new PermanentError('card declined', { code: 'CARD_DECLINED' });
    });
    const jobId = await addStepJob(steps, stepJobData(), { attempts: 5 });

    const [started, failed] = await readReplies(replies, 2);
    expect(started.type).toBe('started');
    expect(failed).toMatchObject({ type: 'failed', attempt: 1, final: true, error: { message: 'card declined', code: 'CARD_DECLINED', permanent: true } });
    await eventually(() => steps.getJobState(jobId), (s) => s === 'failed', 'the job to fail');
    expect((await steps.getJob(jobId))?.attemptsMade).toBe(1);
    expect(calls).toBe(1);
  });

  it('aborts the signal when the attempt outlives timeoutMs and fails it with code TIMEOUT (retryable)', async () => {
    const reasons: unknown[] = [];
    await start(
      (_input, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            reasons.push(ctx.signal.reason);
            reject(new Error('request aborted'));
          });
        }),
    );
    const jobId = await addStepJob(steps, stepJobData({ timeoutMs: 150 }), { attempts: 2, delayMs: 10 });

    const failed = (await readReplies(replies, 4)).filter((r): r is StepFailedReply => r.type === 'failed');
    expect(failed.map((r) => [r.attempt, r.final, r.error.code, r.error.permanent])).toEqual([
      [1, false, 'TIMEOUT', false],
      [2, true, 'TIMEOUT', false],
    ]);
    expect(failed[0].error.message).toMatch(/timed out after 150 ms/);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toBeInstanceOf(StepTimeoutError);
    await eventually(() => steps.getJobState(jobId), (s) => s === 'failed', 'the job to fail');
  });

  it('close() lets a running attempt finish within shutdownGraceMs', async () => {
    let release = (): void => undefined;
    const running = new Promise<void>((resolve) => (release = resolve));
    let entered = (): void => undefined;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    const worker = await start(
      async () => {
        entered();
        await running;
        return { done: true };
      },
      { shutdownGraceMs: 5_000 },
    );
    const jobId = await addStepJob(steps, stepJobData());
    await handlerEntered;

    const closed = worker.close();
    setTimeout(release, 100);
    await closed;
    await worker.running;
    expect(await steps.getJobState(jobId)).toBe('completed');
    expect((await readReplies(replies, 2)).map((r) => r.type)).toEqual(['started', 'succeeded']);
  });

  it('close() aborts an attempt still running after shutdownGraceMs and puts its job back without using an attempt', async () => {
    const reasons: unknown[] = [];
    let entered = (): void => undefined;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    const worker = await start(
      (_input, ctx) => {
        entered();
        ctx.signal.addEventListener('abort', () => reasons.push(ctx.signal.reason));
        return new Promise(() => undefined); // ignores its signal: close() must not wait for it
      },
      { shutdownGraceMs: 200 },
    );
    const jobId = await addStepJob(steps, stepJobData(), { attempts: 3 });
    await handlerEntered;

    const startedAt = Date.now();
    await worker.close();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(150);
    expect(reasons).toEqual([expect.any(WorkerClosingError)]);
    expect(['waiting', 'delayed']).toContain(await steps.getJobState(jobId));
    expect((await steps.getJob(jobId))?.attemptsMade).toBe(0);
    expect((await readReplies(replies, 1)).map((r) => r.type)).toEqual(['started']);
  });
});
