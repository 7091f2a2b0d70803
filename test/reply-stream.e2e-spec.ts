import { REPLY_STREAM } from '@retrace/domain';
import { createWorker, type RetraceWorker } from '@retrace/sdk';
import { testRedisUrl } from '@retrace/testing';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * The reply stream end to end with the SDK: on by default (step jobs name it, the SDK appends its
 * replies there, the orchestrator applies them), and off with RETRACE_REPLY_STREAM=off (step jobs
 * name no stream, the same SDK replies with jobs). Either way the saga completes.
 */
describe.each([
  ['on (the default)', {}, REPLY_STREAM],
  ['off (RETRACE_REPLY_STREAM=off)', { RETRACE_REPLY_STREAM: 'off' }, undefined],
] as const)('the reply stream %s (e2e)', (_label, env, expectedStream) => {
  let t: TestApp;
  let worker: RetraceWorker;
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp('reply_stream', env);
    worker = createWorker(
      {
        'rs.charge': async (_input, ctx) => ({ charged: ctx.messageId }),
        'rs.ship': async (_input, ctx) => ({ shipped: ctx.results.charge }),
      },
      { connection: testRedisUrl(), prefix: t.prefix, logger: { warn: () => undefined, error: () => undefined } },
    );
    queue = new Queue('rs.charge', { connection: { url: testRedisUrl() }, prefix: t.prefix });
    queue.on('error', () => undefined);
    await t.http
      .put('/v1/sagas/rs')
      .send({ version: 1, steps: [{ name: 'charge', action: { queue: 'rs.charge' } }, { name: 'ship', action: { queue: 'rs.ship' } }] })
      .expect(201);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await t?.close();
  });

  it('runs the saga to COMPLETED, with the results handed on', async () => {
    await t.http.post('/v1/messages').send({ saga: 'rs', id: 'rs-1', payload: {} }).expect(202);

    const done = await waitFor(async () => {
      const view = (await t.http.get('/v1/messages/rs-1').expect(200)).body as { status: string; steps: { name: string; result: unknown }[] };
      return view.status === 'COMPLETED' ? view : undefined;
    }, 'rs-1 to complete');
    expect(done.steps.map((s) => s.result)).toEqual([{ charged: 'rs-1' }, { shipped: { charged: 'rs-1' } }]);

    const charge = (await queue.getJobs(['completed'])).find((job) => job.data.messageId === 'rs-1');
    expect((charge?.data as { replyStream?: string }).replyStream).toBe(expectedStream);
  });

  it(expectedStream ? 'took the replies from the stream' : 'never made the stream', async () => {
    const redis = new IORedis(testRedisUrl());
    try {
      const key = `${t.prefix}:${REPLY_STREAM}`;
      if (!expectedStream) {
        expect(await redis.exists(key)).toBe(0);
        return;
      }
      const [group] = (await redis.xinfo('GROUPS', key)) as (string | number)[][];
      const info = new Map(group.flatMap((v, i, all) => (i % 2 === 0 ? [[String(v), all[i + 1]] as const] : [])));
      expect(Number(info.get('entries-read'))).toBeGreaterThanOrEqual(2); // one outcome per step at least
      expect(await redis.xlen(key)).toBe(0); // applied, so deleted
    } finally {
      redis.disconnect();
    }
  });
});
