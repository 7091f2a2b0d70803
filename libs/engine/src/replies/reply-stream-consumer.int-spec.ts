import { REPLY_STREAM, REPLY_STREAM_FIELD, replyJobId, type StepReply } from '@retrace/domain';
import { deleteRedisPrefix, testDatabaseUrl, testRedisUrl, uniqueQueueNamespace, waitUntil } from '@retrace/testing';
import IORedis from 'ioredis';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { createQueueBackend } from '../queue-backend/create-queue-backend';
import type { QueueBackend } from '../queue-backend/queue-backend';
import type { ReplyApplier } from './reply-applier';
import { REPLY_GROUP } from './reply-stream';
import { REPLY_MAX_DELIVERIES, ReplyStreamConsumer } from './reply-stream-consumer';

const reply = (n: number, type: 'started' | 'succeeded' = 'succeeded'): StepReply => {
  const ids = { jobId: `job-${n}`, messageId: `m-${n}`, runId: 'r', step: 'charge', kind: 'action' as const, attempt: 1 };
  return type === 'started' ? { type, ...ids } : { type, ...ids, result: n };
};

/**
 * Records what it applied; `fail(reply)` decides per call whether applying throws (and what);
 * `unknown` answers as ReplyApplier does for a message that does not exist (null, dropped).
 */
class RecordingApplier {
  readonly applied: { reply: StepReply; causationId: string }[] = [];
  running = 0;
  mostAtOnce = 0;
  fail: (reply: StepReply) => Error | null = () => null;
  unknown = false;
  holdMs = 0;

  async apply(r: StepReply, causationId: string): Promise<{ dropped: false } | null> {
    this.running++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    try {
      if (this.holdMs > 0) await new Promise((resolve) => setTimeout(resolve, this.holdMs));
      const error = this.fail(r);
      if (error) throw error;
      if (this.unknown) return null;
      this.applied.push({ reply: r, causationId });
      return { dropped: false };
    } finally {
      this.running--;
    }
  }
}

describe('the reply stream consumer (Redis)', () => {
  let backend: QueueBackend;
  let redis: IORedis;
  let applier: RecordingApplier;
  let consumer: ReplyStreamConsumer | null = null;
  let key: string;

  const start = (options: Partial<EngineOptions> = {}) => {
    consumer = new ReplyStreamConsumer(backend, { ...DEFAULT_ENGINE_OPTIONS, replyRetryMs: 200, ...options }, applier as unknown as ReplyApplier);
    consumer.onApplicationBootstrap();
    return consumer;
  };
  const send = (...replies: (StepReply | string)[]) =>
    Promise.all(replies.map((r) => redis.xadd(key, '*', REPLY_STREAM_FIELD, typeof r === 'string' ? r : JSON.stringify(r))));
  const pendingCount = async () => ((await redis.xpending(key, REPLY_GROUP)) as [number])[0];
  const appliedIds = () => applier.applied.map((a) => a.reply.jobId);

  beforeEach(async () => {
    backend = await createQueueBackend({ redisUrl: testRedisUrl(), databaseUrl: testDatabaseUrl(), prefix: uniqueQueueNamespace('reply-stream') });
    redis = new IORedis(testRedisUrl());
    applier = new RecordingApplier();
    key = `${backend.prefix}:${REPLY_STREAM}`;
  });

  afterEach(async () => {
    await consumer?.onApplicationShutdown();
    consumer = null;
    redis.disconnect();
    await backend.close();
    await deleteRedisPrefix(backend.prefix);
  });

  it('applies replies in stream order, each under its reply id, then deletes them', async () => {
    start();
    await waitUntil(async () => (await redis.exists(key)) === 1, 'the group to be made');
    await send(reply(1, 'started'), reply(1), reply(2));

    await waitUntil(() => applier.applied.length === 3, 'three replies applied');
    expect(applier.applied.map((a) => a.causationId)).toEqual([replyJobId(reply(1, 'started')), replyJobId(reply(1)), replyJobId(reply(2))]);
    await waitUntil(async () => (await redis.xlen(key)) === 0, 'the stream to be emptied');
    expect(await pendingCount()).toBe(0);
  });

  it('also applies what was sent before it started (the group reads from the beginning)', async () => {
    await send(reply(1), reply(2));
    start();
    await waitUntil(() => applier.applied.length === 2, 'both replies applied');
    expect(appliedIds()).toEqual(['job-1', 'job-2']);
  });

  it('keeps a malformed reply in the dead stream with the reason, and goes on with the next', async () => {
    start();
    await send('{"type":"succeeded"}', 'not json', reply(3));

    await waitUntil(() => applier.applied.length === 1, 'the good reply applied');
    await waitUntil(async () => (await redis.xlen(`${key}:dead`)) === 2, 'two dead entries');
    const dead = await redis.xrange(`${key}:dead`, '-', '+');
    expect(dead.map(([, fields]) => fields[fields.indexOf('reason') + 1])).toEqual([expect.stringContaining('malformed reply'), expect.stringContaining('malformed reply')]);
    await waitUntil(async () => (await redis.xlen(key)) === 0, 'the stream to be emptied');
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the first retries a failed apply would get
    expect(await redis.xlen(`${key}:dead`)).toBe(2);
  });

  it('settles a reply the applier dropped (an unknown message) without dead-lettering it', async () => {
    applier.unknown = true;
    start();
    await send(reply(1));

    await waitUntil(async () => (await redis.exists(key)) === 1 && (await redis.xlen(key)) === 0, 'the reply to be settled');
    expect(await redis.exists(`${key}:dead`)).toBe(0);
  });

  it('tries a reply it could not apply again here within a second, not waiting for replyRetryMs', async () => {
    let failures = 0;
    applier.fail = () => (failures++ < 2 ? new Error('PostgreSQL is away') : null);
    start({ replyRetryMs: 60_000 });
    await send(reply(1));

    await waitUntil(() => applier.applied.length === 1, 'the reply applied on its third try', 3_000);
    expect(failures).toBe(3);
    await waitUntil(async () => (await redis.xlen(key)) === 0, 'the stream to be emptied');
  });

  it("takes over the replies a dead replica was given but never applied", async () => {
    await redis.xgroup('CREATE', key, REPLY_GROUP, '0', 'MKSTREAM');
    await send(reply(1), reply(2));
    await redis.xreadgroup('GROUP', REPLY_GROUP, 'dead-replica', 'COUNT', 10, 'STREAMS', key, '>');
    expect(await pendingCount()).toBe(2);

    start({ replyRetryMs: 100 });

    await waitUntil(() => applier.applied.length === 2, 'the dead replica’s replies applied');
    await waitUntil(async () => (await pendingCount()) === 0, 'nothing pending');
  });

  it(`gives a reply up to the dead stream after ${REPLY_MAX_DELIVERIES} deliveries`, async () => {
    await redis.xgroup('CREATE', key, REPLY_GROUP, '0', 'MKSTREAM');
    const [id] = await send(reply(1));
    await redis.xreadgroup('GROUP', REPLY_GROUP, 'dead-replica', 'COUNT', 10, 'STREAMS', key, '>');
    await redis.xclaim(key, REPLY_GROUP, 'dead-replica', 0, id!, 'RETRYCOUNT', REPLY_MAX_DELIVERIES);

    start({ replyRetryMs: 100 });

    await waitUntil(async () => (await redis.xlen(`${key}:dead`)) === 1, 'the reply in the dead stream');
    expect(applier.applied).toEqual([]);
    const [[, fields]] = await redis.xrange(`${key}:dead`, '-', '+');
    expect(fields[fields.indexOf('reason') + 1]).toContain(`${REPLY_MAX_DELIVERIES} deliveries`);
    await waitUntil(async () => (await pendingCount()) === 0, 'nothing pending');
  });

  it('makes the group again when Redis lost the stream, and goes on', async () => {
    start();
    await send(reply(1));
    await waitUntil(() => applier.applied.length === 1, 'the first reply applied');

    await redis.del(key);
    await waitUntil(async () => (await redis.exists(key)) === 1, 'the group to be made again', 15_000);
    await send(reply(2));

    await waitUntil(() => applier.applied.length === 2, 'the reply after the loss applied', 15_000);
  });

  it('applies at most replyConcurrency replies at once', async () => {
    applier.holdMs = 30;
    start({ replyConcurrency: 4 });
    await send(...Array.from({ length: 20 }, (_, i) => reply(i)));

    await waitUntil(() => applier.applied.length === 20, 'all twenty applied');
    expect(applier.mostAtOnce).toBe(4);
  });

  it('on shutdown, lets the replies being applied finish and settles them', async () => {
    applier.holdMs = 300;
    start();
    await send(reply(1), reply(2));
    await waitUntil(() => applier.running === 2, 'both replies being applied');

    await consumer!.onApplicationShutdown();
    consumer = null;

    expect(appliedIds()).toEqual(['job-1', 'job-2']);
    expect(await redis.xlen(key)).toBe(0);
    expect(await pendingCount()).toBe(0);
  });
});
