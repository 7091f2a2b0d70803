import { IssueList } from '../validation/issue-list';
import { issuesOf } from '../validation/issues-of';
import { childPath } from '../validation/child-path';
import { readStepTarget } from './parse-step-target';

const read = (value: unknown) => {
  const issues = new IssueList();
  const target = readStepTarget(issues, value, 'action', { required: true });
  return { target, issues: issuesOf(() => issues.throwIfAny()) };
};
const http = (fields: Record<string, unknown>) => read({ http: { url: 'https://svc.example/charge', ...fields } });

describe(readStepTarget.name, () => {
  describe('queue', () => {
    it.each(['inventory.reserve', 'Q', '0-queue_1', 'a'.repeat(128)])('accepts %p', (queue) => {
      expect(read({ queue })).toEqual({ target: { queue }, issues: [] });
    });

    it.each(['', 'bull:jobs', '.hidden', 'a b', 'a'.repeat(129), 'wärme'])('refuses %p', (queue) => {
      expect(read({ queue }).issues).toEqual([{ path: 'action.queue', message: expect.stringMatching(/^must be a string of 1-128 characters/) }]);
    });

    it("says why ':' is refused", () => {
      expect(read({ queue: 'bull:jobs' }).issues[0]?.message).toContain("no ':' (BullMQ refuses queue names that contain it)");
    });
  });

  describe('shape', () => {
    it('requires exactly one of queue or http', () => {
      expect(read({ queue: 'q', http: { url: 'http://a' } }).issues).toEqual([
        { path: 'action', message: expect.stringMatching(/^must have exactly one of queue or http \(got both\)/) },
      ]);
      expect(read({}).issues).toEqual([
        { path: 'action', message: 'must be {"queue": "<queue name>"} or {"http": {"url": "https://…"}} (got an object with neither)' },
      ]);
    });

    it.each([['inventory.reserve'], [null], [['q']], [42]])('refuses %p, showing both shapes', (value) => {
      expect(read(value).issues[0]?.message).toMatch(/^must be \{"queue": "<queue name>"\} or \{"http": .*\(got /);
    });

    it('reports a missing target and unknown keys', () => {
      expect(read(undefined).issues[0]).toEqual({ path: 'action', message: expect.stringMatching(/^is required: /) });
      expect(read({ queue: 'q', topic: 't' }).issues).toEqual([
        { path: 'action.topic', message: 'is not an allowed key; allowed keys: queue, http' },
      ]);
      expect(http({ body: '{}' }).issues).toEqual([
        { path: 'action.http.body', message: 'is not an allowed key; allowed keys: url, method, headers' },
      ]);
    });
  });

  describe('http', () => {
    it('keeps method and headers absent when not given', () => {
      expect(http({})).toEqual({ target: { http: { url: 'https://svc.example/charge' } }, issues: [] });
    });

    it('keeps what is given', () => {
      const fields = { method: 'PUT', headers: { Authorization: 'Bearer x', 'X-Trace': 'a\tb' } };
      expect(http(fields).target).toEqual({ http: { url: 'https://svc.example/charge', ...fields } });
    });

    it.each(['http://127.0.0.1:7001/charge', 'https://[::1]/x?y=1#z', `https://a.example/${'p'.repeat(2000)}`])('accepts url %p', (url) => {
      expect(http({ url }).issues).toEqual([]);
    });

    it.each([
      ['ftp://a.example/x', /\(got a ftp: URL\)$/],
      ['/charge', /which is not a URL\)$/],
      ['https://', /which is not a URL\)$/],
      [`https://a.example/${'p'.repeat(2048)}`, /^must be an absolute http:\/\/ or https:\/\/ URL of at most 2048 characters/],
      [12, /\(got 12\)$/],
      ['https://user:secret@a.example/x', /^must not carry a user name or password .* e\.g\. Authorization$/],
    ])('refuses url %p', (url, message) => {
      expect(http({ url }).issues).toEqual([{ path: 'action.http.url', message: expect.stringMatching(message) }]);
    });

    it('requires a url', () => {
      expect(read({ http: {} }).issues).toEqual([{ path: 'action.http.url', message: expect.stringMatching(/^is required: an absolute/) }]);
      expect(read({ http: 'https://a' }).issues[0]?.path).toBe('action.http');
    });

    it.each(['post', 'HEAD', 'OPTIONS', 1])('refuses method %p, listing the allowed ones', (method) => {
      expect(http({ method }).issues).toEqual([
        { path: 'action.http.method', message: expect.stringMatching(/^must be one of "POST", "PUT", "PATCH", "DELETE", "GET" \(got /) },
      ]);
    });
  });

  describe('http headers', () => {
    const headerIssues = (headers: unknown) => http({ headers }).issues;

    it.each([
      ['Content-Type', /^is set by Retrace itself \(application\/json\)/],
      ['content-type', /^is set by Retrace itself \(application\/json\)/],
      ['IDEMPOTENCY-KEY', /^is set by Retrace itself \(the job id/],
      ['Retrace-Message-Id', /^is set by Retrace itself: Retrace-\* headers are reserved/],
      ['retrace-anything', /^is set by Retrace itself: Retrace-\* headers are reserved/],
      ['Host', /^is managed by the HTTP client/],
      ['Content-Length', /^is managed by the HTTP client/],
      ['Transfer-Encoding', /^is managed by the HTTP client/],
    ])('refuses %p and says why', (name, message) => {
      expect(headerIssues({ [name]: 'x' })).toEqual([
        { path: childPath('action.http.headers', name), message: expect.stringMatching(message) },
      ]);
    });

    it.each(['', 'X Trace', 'X:Trace', 'Ünicode', 'a'.repeat(257)])('refuses header name %p', (name) => {
      expect(headerIssues({ [name]: 'x' })[0]?.message).toMatch(/^is not a valid header name: use 1-256 letters, digits or/);
    });

    it.each(['a\r\nInjected: 1', 'nul\0', 'ünïcode', 'x'.repeat(4097), 12, null, ['a']])('refuses header value %p', (value) => {
      expect(headerIssues({ 'X-A': value })).toEqual([
        { path: 'action.http.headers["X-A"]', message: expect.stringMatching(/^must be a string of at most 4096 printable ASCII/) },
      ]);
    });

    it('refuses the same header twice in different case', () => {
      expect(headerIssues({ 'X-A': '1', 'x-a': '2' })).toEqual([
        { path: 'action.http.headers["x-a"]', message: 'repeats header X-A (header names are case-insensitive); keep one' },
      ]);
    });

    it('refuses a non-object or too many headers', () => {
      expect(headerIssues([['X-A', '1']])[0]?.message).toMatch(/^must be an object of at most 32 header names to string values \(got an array/);
      const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`X-${i}`, 'v']));
      expect(headerIssues(many)).toEqual([
        { path: 'action.http.headers', message: 'must be an object of at most 32 header names to string values (got 33 headers)' },
      ]);
    });

    it('keeps a __proto__ header as an own key', () => {
      const headers = JSON.parse('{"__proto__": "x"}') as unknown;
      const target = http({ headers }).target as { http: { headers: Record<string, string> } };
      expect(Object.keys(target.http.headers)).toEqual(['__proto__']);
      expect(Object.getPrototypeOf(target.http.headers)).toBe(Object.prototype);
    });
  });
});

describe('reserved queues', () => {
  it("refuses a step queue under 'retrace.', which Retrace's replies and HTTP steps use", () => {
    const { parseSagaDefinition } = jest.requireActual<typeof import('./parse-saga-definition')>('./parse-saga-definition');
    for (const queue of ['retrace.replies', 'retrace.http', 'Retrace.mine']) {
      expect(() => parseSagaDefinition('s', { version: 1, steps: [{ name: 'a', action: { queue } }] })).toThrow(
        /steps\[0\]\.action\.queue must not start with 'retrace\.'/,
      );
    }
  });
});
