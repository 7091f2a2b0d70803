import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';

/** Redis the integration tests use: `RETRACE_TEST_REDIS_URL`, else the local default. */
export function testRedisUrl(): string {
  return process.env.RETRACE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A fresh name for one test's queues (Redis key prefix, PostgreSQL schema): letters, digits, `_`. */
export function uniqueQueueNamespace(label = 'test'): string {
  return `${label}_${randomBytes(6).toString('hex')}`;
}

/**
 * Deletes every key under `prefix:` so a test leaves Redis as it found it. Refuses an empty or
 * wildcard prefix, which would wipe unrelated data.
 */
export async function deleteRedisPrefix(prefix: string, redisUrl = testRedisUrl()): Promise<number> {
  if (prefix === '' || /[*?[\]]/.test(prefix)) {
    throw new Error(`deleteRedisPrefix refuses prefix ${JSON.stringify(prefix)}: give the test's own unique prefix`);
  }
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
