import { type Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { forEachLimited, pollUntil } from '../support/concurrency';
import { claimRedisPrefix } from '../support/redis';
import { ratePerSecond } from '../support/stats';
import type { BenchContext } from '../support/bench-context';
import type { TimedRound } from './timed-round';

const STEPS = ['a', 'b', 'c'] as const;
const CONCURRENCY = 50;
const IN_FLIGHT_ADDS = 50;

/**
 * The raw ceiling under sagaRate: three BullMQ queues, one worker each (concurrency 50), no-op
 * processors; a job's `completed` event adds the next step's job, the third's completion ends the
 * chain. N first jobs are added 50 at a time, like sagaRate's publishers; chains/s from the first
 * add to the last chain's end. Sets up and warms up, then answers one timed round per call.
 */
export async function prepareBullmqChain(ctx: BenchContext): Promise<TimedRound> {
  const chains = ctx.sizes.chains;
  const prefix = claimRedisPrefix(ctx, 'chain');
  const connection = new IORedis(ctx.redisUrl, { maxRetriesPerRequest: null });
  ctx.defer('close the chain connection', () => connection.quit());
  const queues = STEPS.map((step) => new Queue(`chain.${step}`, { connection, prefix }));
  ctx.defer('close the chain queues', () => Promise.all(queues.map((q) => q.close())));

  let finished = 0;
  let lastFinishedAt = 0;
  const failures: string[] = [];
  const workers = STEPS.map((step, index) => {
    const worker = new Worker(`chain.${step}`, async () => undefined, { connection: connection.duplicate(), prefix, concurrency: CONCURRENCY });
    worker.on('completed', (job: Job) => {
      if (index === STEPS.length - 1) {
        finished++;
        lastFinishedAt = performance.now();
        return;
      }
      queues[index + 1].add('step', job.data, { removeOnComplete: true }).catch((error: unknown) => failures.push(String(error)));
    });
    worker.on('failed', (_job, error) => failures.push(error.message));
    worker.on('error', (error) => failures.push(error.message));
    return worker;
  });
  ctx.defer('close the chain workers', () => Promise.all(workers.map((w) => w.close())));
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  const runChains = async (count: number, label: string): Promise<number> => {
    finished = 0;
    const startedAt = performance.now();
    await forEachLimited(
      Array.from({ length: count }, (_, i) => i),
      IN_FLIGHT_ADDS,
      (i) => queues[0].add('step', { chain: `${label}-${i}` }, { removeOnComplete: true }),
    );
    await pollUntil(
      async () => {
        if (failures.length > 0) throw new Error(`a chain job failed: ${failures[0]}`);
        return finished >= count ? true : undefined;
      },
      `${count} chains (${finished} finished)`,
      120_000,
      10,
    );
    return ratePerSecond(count, lastFinishedAt - startedAt);
  };

  await runChains(ctx.sizes.warmupSagas, 'warm');
  return async (round) => {
    const bullmqChain = await runChains(chains, `r${round}`);
    ctx.log(`bullmqChain round ${round + 1}: ${bullmqChain.toFixed(0)} chains/s`);
    return { bullmqChain };
  };
}
