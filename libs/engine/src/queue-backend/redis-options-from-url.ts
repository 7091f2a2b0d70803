import type { RedisOptions } from 'ioredis';

/**
 * Turns `redis://user:pass@host:6379/3` (or `rediss://` for TLS) into ioredis options, so each
 * BullMQ class can get its own connection from plain options.
 */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got ${url.protocol}//`);
  }
  const dbPath = url.pathname.replace(/^\//, '');
  if (dbPath !== '' && !/^\d+$/.test(dbPath)) {
    throw new Error(`REDIS_URL path "${url.pathname}" must be a database index such as /0`);
  }
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
    ...(dbPath !== '' ? { db: Number(dbPath) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
