import { InvalidConfigError } from './invalid-config.error';
import { loadConfig } from './load-config';
import { isLoopbackHost } from './retrace-config';

const KEY_A = 'a'.repeat(16);
const KEY_B = 'b'.repeat(24);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    return (error as InvalidConfigError).problems.map((p) => `${p.variable}: ${p.problem}`);
  }
  throw new Error('expected loadConfig to refuse the environment');
}

describe(loadConfig.name, () => {
  it('needs nothing: every setting has a default', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '.retrace',
      apiKeys: [],
      maxPayloadBytes: 262_144,
      confirmAbove: 1000,
      dbSchema: 'retrace',
      queuePrefix: 'retrace',
      embeddedPgPort: 5488,
      logLevel: 'log',
      rateLimit: 6000,
      replyStream: true,
    });
  });

  it('reads every variable', () => {
    const sut = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/retrace',
      REDIS_URL: 'redis://cache:6379/3',
      RETRACE_DATA_DIR: '/var/lib/retrace',
      RETRACE_API_KEYS: JSON.stringify([
        { name: 'ops', role: 'operator', key: KEY_A },
        { name: 'orders', role: 'service', sagas: ['order*', 'refund'], key: KEY_B },
      ]),
      RETRACE_MAX_PAYLOAD_BYTES: '1048576',
      RETRACE_CONFIRM_ABOVE: '50',
      RETRACE_DB_SCHEMA: 'retrace_prod',
      RETRACE_EMBEDDED_PG_PORT: '6000',
      RETRACE_LOG_LEVEL: 'DEBUG',
      RETRACE_RATE_LIMIT: '120',
      RETRACE_REPLY_STREAM: 'OFF',
    });
    expect(sut).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u:p@db:5432/retrace',
      redisUrl: 'redis://cache:6379/3',
      dataDir: '/var/lib/retrace',
      maxPayloadBytes: 1_048_576,
      confirmAbove: 50,
      dbSchema: 'retrace_prod',
      embeddedPgPort: 6000,
      logLevel: 'debug',
      rateLimit: 120,
      replyStream: false,
    });
    expect(sut.apiKeys).toEqual([
      { name: 'ops', role: 'operator', key: KEY_A },
      { name: 'orders', role: 'service', sagas: ['order*', 'refund'], key: KEY_B },
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ', REDIS_URL: '' })).toMatchObject({ port: 3000 });
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('lists every bad variable in one error', () => {
    const problems = problemsOf({
      PORT: '70000',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'redis://h:6379/db',
      RETRACE_MAX_PAYLOAD_BYTES: '12kb',
      RETRACE_CONFIRM_ABOVE: '-1',
      RETRACE_DB_SCHEMA: 'Robert"); DROP',
      RETRACE_EMBEDDED_PG_PORT: '0',
      RETRACE_LOG_LEVEL: 'loud',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'RETRACE_MAX_PAYLOAD_BYTES',
      'RETRACE_CONFIRM_ABOVE',
      'RETRACE_EMBEDDED_PG_PORT',
      'RETRACE_DB_SCHEMA',
      'RETRACE_LOG_LEVEL',
    ]);
    expect(problems[0]).toContain('"70000" is not a whole number from 1 to 65535');
  });

  it('names the way out in its message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/Retrace cannot start: 1 configuration problem\n {2}- PORT: "abc".*default is 3000/);
  });

  describe('HOST without API keys', () => {
    it.each(['0.0.0.0', '10.0.0.5', '::', 'example.com'])('refuses %s', (host) => {
      expect(problemsOf({ HOST: host })).toEqual([expect.stringMatching(/^HOST: .*set RETRACE_API_KEYS, or bind a loopback address/)]);
    });

    it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'])('accepts %s', (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    });

    it('accepts any address once keys are set', () => {
      const env = { HOST: '0.0.0.0', RETRACE_API_KEYS: JSON.stringify([{ name: 'ops', role: 'operator', key: KEY_A }]) };
      expect(loadConfig(env).host).toBe('0.0.0.0');
    });

    it('reports only the keys when they are broken', () => {
      expect(problemsOf({ HOST: '0.0.0.0', RETRACE_API_KEYS: '{' })).toEqual([expect.stringMatching(/^RETRACE_API_KEYS: is not valid JSON/)]);
    });
  });

  describe('RETRACE_API_KEYS', () => {
    const keys = (value: unknown) => problemsOf({ RETRACE_API_KEYS: JSON.stringify(value) });

    it('must be a list', () => {
      expect(keys({ name: 'ops' })).toEqual([expect.stringContaining('must be a JSON array')]);
    });

    it('checks each entry and never echoes a key', () => {
      const secret = 'short-secret';
      const problems = keys([
        { name: '', role: 'operator', key: KEY_A },
        { name: 'x', role: 'admin', key: secret },
        { name: 'svc', role: 'service', key: KEY_B },
        { name: 'y', role: 'viewer', key: 'c'.repeat(16), sagas: ['*order'] },
        { name: 'z', role: 'viewer', key: 'd'.repeat(16), extra: true },
        'nope',
      ]);
      expect(problems).toEqual([
        expect.stringMatching(/^RETRACE_API_KEYS\[0\]: needs a non-empty "name"/),
        expect.stringMatching(/^RETRACE_API_KEYS\[1\] \("x"\): "role" must be one of service, operator, viewer/),
        expect.stringMatching(/^RETRACE_API_KEYS\[1\] \("x"\): "key" must be a string of at least 16 characters/),
        expect.stringMatching(/^RETRACE_API_KEYS\[2\] \("svc"\): a service key needs "sagas"/),
        expect.stringMatching(/^RETRACE_API_KEYS\[3\] \("y"\): "sagas" must be/),
        expect.stringMatching(/^RETRACE_API_KEYS\[4\] \("z"\): unknown field\(s\) extra/),
        expect.stringMatching(/^RETRACE_API_KEYS\[5\]: must be an object/),
      ]);
      expect(problems.join('\n')).not.toContain(secret);
    });

    it('requires unique names and keys', () => {
      const problems = keys([
        { name: 'ops', role: 'operator', key: KEY_A },
        { name: 'ops', role: 'viewer', key: KEY_B },
        { name: 'other', role: 'viewer', key: KEY_A },
      ]);
      expect(problems).toEqual([
        expect.stringContaining('name "ops" is used by more than one key'),
        expect.stringContaining('key of "other" is also used by another entry'),
      ]);
      expect(problems.join('\n')).not.toContain(KEY_A);
    });
  });
});

describe(isLoopbackHost.name, () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['::ffff:127.0.0.1', true],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['localhost.example.com', false],
    ['0.0.0.0', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('RETRACE_QUEUE_PREFIX', () => {
  it('defaults to retrace, accepts a hash tag, refuses a colon', () => {
    expect(loadConfig({}).queuePrefix).toBe('retrace');
    expect(loadConfig({ RETRACE_QUEUE_PREFIX: '{orders}' }).queuePrefix).toBe('{orders}');
    expect(() => loadConfig({ RETRACE_QUEUE_PREFIX: 'a:b' })).toThrow(/RETRACE_QUEUE_PREFIX/);
  });
});

describe('RETRACE_RATE_LIMIT', () => {
  it('defaults to 6000 per minute, takes 0 to turn the limit off, refuses anything else', () => {
    expect(loadConfig({}).rateLimit).toBe(6000);
    expect(loadConfig({ RETRACE_RATE_LIMIT: '0' }).rateLimit).toBe(0);
    expect(() => loadConfig({ RETRACE_RATE_LIMIT: '-5' })).toThrow(/RETRACE_RATE_LIMIT: "-5" is not a whole number from 0 to 1000000000; requests per minute per key; 0 turns the limit off/);
    expect(() => loadConfig({ RETRACE_RATE_LIMIT: '10/s' })).toThrow(/RETRACE_RATE_LIMIT/);
  });
});

describe('RETRACE_REPLY_STREAM', () => {
  it('is on unless set to off, and refuses anything else with what would work', () => {
    expect(loadConfig({}).replyStream).toBe(true);
    expect(loadConfig({ RETRACE_REPLY_STREAM: 'on' }).replyStream).toBe(true);
    expect(loadConfig({ RETRACE_REPLY_STREAM: 'off' }).replyStream).toBe(false);
    expect(() => loadConfig({ RETRACE_REPLY_STREAM: 'false' })).toThrow(/RETRACE_REPLY_STREAM: "false" is neither on nor off/);
  });
});
