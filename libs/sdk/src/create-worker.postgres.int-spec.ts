import { REPLY_QUEUE } from '@retrace/domain';
import { testDatabaseUrl, uniqueQueueNamespace } from '@retrace/testing';
import { createPostgresBackend, withBackend } from 'bullmq';
import { Client } from 'pg';
import { createWorker, type RetraceWorker } from './create-worker';
import { addStepJob, eventually, readReplies, stepJobData } from './step-jobs.fixtures';

const QUEUE = 'orders.charge';
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

describe(`${createWorker.name} on BullMQ's PostgreSQL backend`, () => {
  const { Queue } = withBackend(createPostgresBackend);
  let schema: string;
  let steps: InstanceType<typeof Queue>;
  let replies: InstanceType<typeof Queue>;
  let sut: RetraceWorker | undefined;

  beforeEach(() => {
    schema = uniqueQueueNamespace('sdk_pg');
    const connection = { connectionString: databaseUrl, schema, migrate: true, max: 2 };
    steps = new Queue(QUEUE, { connection });
    replies = new Queue(REPLY_QUEUE, { connection });
  });

  afterEach(async () => {
    await sut?.close();
    sut = undefined;
    await steps.close();
    await replies.close();
    await dropSchema(schema);
  });

  it('runs a step and replies started then succeeded, with the result as returnvalue', async () => {
    await steps.waitUntilReady();
    sut = createWorker({ [QUEUE]: async (input, ctx) => ({ paymentId: `p-${String(input.orderId)}`, attempt: ctx.attempt }) }, { connection: { postgres: { connectionString: databaseUrl, schema } }, reportStartedAfterMs: 0 });
    await sut.waitUntilReady();
    const jobId = await addStepJob(steps, stepJobData(), { attempts: 2 });

    const found = await readReplies(replies, 2);
    expect(found).toEqual([
      expect.objectContaining({ type: 'started', jobId, attempt: 1 }),
      expect.objectContaining({ type: 'succeeded', jobId, attempt: 1, result: { paymentId: 'p-o-1', attempt: 1 } }),
    ]);
    const job = await eventually(() => steps.getJob(jobId), (j) => j?.returnvalue != null, 'the returnvalue');
    expect(job?.returnvalue).toEqual({ paymentId: 'p-o-1', attempt: 1 });
  });
});
