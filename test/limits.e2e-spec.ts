import { startTestApp, type TestApp } from './support/test-app';

const KEYS = [
  { name: 'busy', role: 'viewer', key: 'busy-key-0123456789' },
  { name: 'calm', role: 'viewer', key: 'calm-key-0123456789' },
];
const bearer = (i: number) => ({ Authorization: `Bearer ${KEYS[i].key}` });

describe('rate limits (e2e)', () => {
  describe('per API key', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('limits-keys', { RETRACE_API_KEYS: JSON.stringify(KEYS), RETRACE_RATE_LIMIT: '5' });
    });
    afterAll(() => t?.close());

    it('answers 429 RATE_LIMITED with Retry-After past the limit, over all routes together; other keys go on', async () => {
      const paths = ['/v1/sagas', '/v1/messages', '/v1/sagas', '/v1/admin/operations', '/v1/events?after=0'];
      for (const path of paths) {
        const res = await t.http.get(path).set(bearer(0)).expect(200);
        expect(res.headers['x-ratelimit-limit']).toBe('5');
      }
      const refused = await t.http.get('/v1/subscriptions').set(bearer(0)).expect(429);
      expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/API key "busy" made more than 5 requests in a minute \(RETRACE_RATE_LIMIT\)/) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

      await t.http.get('/v1/sagas').set(bearer(1)).expect(200);
      await t.http.get('/health').expect((res) => expect([200, 503]).toContain(res.status));
    });

    it('checks the key before the limit: an unknown key is 401, not 429', async () => {
      await t.http.get('/v1/sagas').set({ Authorization: 'Bearer nobody-0123456789' }).expect(401);
    });
  });

  describe('without keys, per client address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('limits-anon', { RETRACE_RATE_LIMIT: '3' });
    });
    afterAll(() => t?.close());

    it('limits anonymous callers too, but never /health', async () => {
      for (let i = 0; i < 3; i += 1) await t.http.get('/v1/sagas').expect(200);
      const refused = await t.http.get('/v1/sagas').expect(429);
      expect(refused.body.error.message).toMatch(/^client .* made more than 3 requests/);
      for (let i = 0; i < 5; i += 1) await t.http.get('/health').expect((res) => expect([200, 503]).toContain(res.status));
    });
  });

  describe('RETRACE_RATE_LIMIT=0', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('limits-off', { RETRACE_RATE_LIMIT: '0' });
    });
    afterAll(() => t?.close());

    it('turns the limit off', async () => {
      for (let i = 0; i < 20; i += 1) await t.http.get('/v1/sagas').expect(200);
    });
  });
});
