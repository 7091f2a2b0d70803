import IORedis from 'ioredis';
import type { BenchContext } from './bench-context';

/** A Redis key prefix of this run's own (`bench_<label>_<runTag>`), whose keys are deleted when the bench ends. */
export function claimRedisPrefix(ctx: BenchContext, label: string): string {
  const prefix = `bench_${label}_${ctx.runTag}`;
  ctx.defer(`delete Redis keys ${prefix}:*`, () => deleteRedisPrefix(ctx.redisUrl, prefix));
  return prefix;
}

/** Deletes every key under `prefix:`; refuses a prefix that could match other data. */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<number> {
  if (!/^bench_[a-z0-9_]+$/.test(prefix)) throw new Error(`deleteRedisPrefix refuses ${JSON.stringify(prefix)}: only the bench's own bench_* prefixes`);
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** One field of the server's INFO server section, or undefined. */
async function serverInfoField(url: string, field: string): Promise<string | undefined> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    return new RegExp(`^${field}:(\\S+)`, 'm').exec(await redis.info('server'))?.[1];
  } finally {
    redis.disconnect();
  }
}

/** Redis's version, from INFO server. */
export async function redisVersion(url: string): Promise<string> {
  return (await serverInfoField(url, 'redis_version')) ?? 'unknown';
}

/** The Redis server's process id (INFO server), to read its CPU time when it runs on this machine. */
export async function redisProcessId(url: string): Promise<number | null> {
  const pid = await serverInfoField(url, 'process_id');
  return pid === undefined ? null : Number(pid);
}
