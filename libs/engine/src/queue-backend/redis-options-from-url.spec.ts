import { redisOptionsFromUrl } from './redis-options-from-url';

describe(redisOptionsFromUrl.name, () => {
  it('reads host, port and the database index', () => {
    expect(redisOptionsFromUrl('redis://cache:6380/3')).toEqual({ host: 'cache', port: 6380, db: 3 });
  });

  it('defaults the port and leaves the database to Redis', () => {
    expect(redisOptionsFromUrl('redis://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379 });
  });

  it('decodes credentials and turns rediss into TLS', () => {
    expect(redisOptionsFromUrl('rediss://bull:p%40ss@[::1]:6379/0')).toEqual({
      host: '::1',
      port: 6379,
      username: 'bull',
      password: 'p@ss',
      db: 0,
      tls: {},
    });
  });

  it('refuses what is not a Redis URL', () => {
    expect(() => redisOptionsFromUrl('http://x')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => redisOptionsFromUrl('redis://x/db')).toThrow(/database index/);
  });
});
