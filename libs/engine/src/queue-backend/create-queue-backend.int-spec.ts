import { deleteRedisPrefix, testDatabaseUrl, testRedisUrl, uniqueQueueNamespace } from '@retrace/testing';
import { Client } from 'pg';
import { createQueueBackend } from './create-queue-backend';
import type { QueueBackend, QueueBackendOptions } from './queue-backend';

const databaseUrl = testDatabaseUrl();

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

describe.each([
  ['redis', () => ({ redisUrl: testRedisUrl(), databaseUrl, prefix: uniqueQueueNamespace('qb') })],
  ['postgres', () => ({ databaseUrl, pgSchema: uniqueQueueNamespace('qb') })],
] as const)(`${createQueueBackend.name} on %s`, (kind, makeOptions: () => QueueBackendOptions) => {
  let options: QueueBackendOptions;
  let sut: QueueBackend;

  beforeEach(async () => {
    options = makeOptions();
    sut = await createQueueBackend(options);
  });

  afterEach(async () => {
    await sut.close();
    if (options.redisUrl !== undefined) await deleteRedisPrefix(sut.prefix, options.redisUrl);
    if (options.pgSchema !== undefined) await dropSchema(options.pgSchema);
  });

  it('reports its kind and answers ping', async () => {
    expect(sut.kind).toBe(kind);
    await expect(sut.ping()).resolves.toBeUndefined();
  });

  it('runs a job from add to completed', async () => {
    const queue = sut.queue<{ n: number }, { doubled: number }>('jobs');
    const events = sut.queueEvents<{ doubled: number }>('jobs');
    const worker = sut.worker<{ n: number }, { doubled: number }>('jobs', (job) => Promise.resolve({ doubled: job.data.n * 2 }));
    try {
      await events.waitUntilReady();
      const job = await queue.add('double', { n: 21 }, { jobId: 'message-1_run-1_step-1_action' });
      await expect(job.waitUntilFinished(events, 15_000)).resolves.toEqual({ doubled: 42 });
      expect(await queue.getJobState(job.id!)).toBe('completed');
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  });
});

describe(`${createQueueBackend.name} fails fast`, () => {
  it('names Redis when it does not answer', async () => {
    const unreachable = { redisUrl: 'redis://127.0.0.1:1/0', databaseUrl };
    await expect(createQueueBackend(unreachable)).rejects.toThrow(/^Redis at 127\.0\.0\.1:1\/0 \(REDIS_URL\) did not answer: /);
  }, 15_000);
});
