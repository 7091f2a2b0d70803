import { runCli } from './cli';
import type { Io } from './io';

interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

/** Runs a command line against a scripted server; answers what was printed and sent. */
async function run(argv: string[], answer: (call: Call) => { status: number; body?: unknown } | Error, io: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const call = { method: init.method ?? 'GET', url, body: init.body ? JSON.parse(init.body as string) : undefined, headers: init.headers as Record<string, string> };
    calls.push(call);
    const a = answer(call);
    if (a instanceof Error) throw a;
    return new Response(a.body === undefined ? '' : JSON.stringify(a.body), { status: a.status });
  }) as unknown as typeof fetch;
  const code = await runCli(
    argv,
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      write: (t) => out.push(t),
      stdoutIsTTY: false,
      stdinIsTTY: false,
      ask: async () => '',
      sleep: async () => undefined,
      readFile: async () => {
        throw new Error('ENOENT');
      },
      env: {},
      ...io,
    },
    fetchImpl,
  );
  return { code, out: out.join('\n'), err: err.join('\n'), calls };
}

const DRY = { matched: 3, sample: [], plan: { act: 3, skip: {}, fail: {}, run: { a: 3 }, compensate: {} } };

describe('runCli', () => {
  it('sends the key as a bearer token to --url', async () => {
    const r = await run(['sagas', 'list', '--url', 'http://h:1/', '--api-key', 'k-123'], () => ({ status: 200, body: { items: [] } }));
    expect(r.code).toBe(0);
    expect(r.calls[0].url).toBe('http://h:1/v1/sagas');
    expect(r.calls[0].headers.authorization).toBe('Bearer k-123');
  });

  it('takes global options before the command too', async () => {
    const r = await run(['--url', 'http://h:1', '--json', 'sagas', 'list'], () => ({ status: 200, body: { items: [] } }));
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.calls[0].url).toBe('http://h:1/v1/sagas');
    expect(JSON.parse(r.out)).toEqual({ items: [] });
    expect((await run(['--url=http://h:1', 'nope'], () => new Error('no'))).err).toContain('unknown command "nope"');
  });

  it('takes the server and key from RETRACE_URL and RETRACE_API_KEY', async () => {
    const r = await run(['sagas', 'list'], () => ({ status: 200, body: { items: [] } }), { env: { RETRACE_URL: 'http://env:2', RETRACE_API_KEY: 'k-env' } });
    expect(r.calls[0].url).toBe('http://env:2/v1/sagas');
    expect(r.calls[0].headers.authorization).toBe('Bearer k-env');
  });

  it('exits 1 on a 4xx, printing the code, message and issues', async () => {
    const r = await run(['messages', 'show', 'nope'], () => ({ status: 404, body: { error: { code: 'MESSAGE_NOT_FOUND', message: 'no message nope' } } }));
    expect(r.code).toBe(1);
    expect(r.err).toContain('MESSAGE_NOT_FOUND (HTTP 404): no message nope');
    const bad = await run(['replay', 'm-1', '--reason', 'r'], () => ({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: 'bad', details: { issues: [{ path: 'mode', message: 'must be resume or restart' }] } } },
    }));
    expect(bad.err).toContain('mode: must be resume or restart');
  });

  it('exits 3 on a 5xx or no connection', async () => {
    expect((await run(['sagas', 'list'], () => ({ status: 503, body: { error: { code: 'DEPENDENCY_DOWN', message: 'db' } } }))).code).toBe(3);
    const down = await run(['sagas', 'list'], () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    expect(down.code).toBe(3);
    expect(down.err).toContain('cannot reach Retrace at http://127.0.0.1:3000 (ECONNREFUSED)');
  });

  it('exits 2 on usage errors, before calling anything', async () => {
    const noServer = () => new Error('must not be called');
    for (const argv of [[], ['nope'], ['ops', 'nope'], ['replay', 'm-1'], ['replay', 'm-1', '--reason', 'r', '--mode', 'again'], ['messages', 'list', '--limit', '0'], ['undo', '--reason', 'r'], ['subs', 'reset', 's', '--reason', 'r'], ['ops', 'create', '--action', 'undo', '--reason', 'r'], ['sagas', 'list', '--url', 'ftp://x']]) {
      const r = await run(argv, noServer);
      expect({ argv, code: r.code, calls: r.calls.length }).toEqual({ argv, code: 2, calls: 0 });
    }
    expect((await run(['ops', 'nope'], noServer)).err).toContain('one of: create, watch, show, list, cancel');
  });

  it('prints help with exit 0', async () => {
    const r = await run(['ops', 'create', '--help'], () => new Error('no'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('usage: retrace ops create');
    expect((await run(['help', 'ops'], () => new Error('no'))).out).toContain('ops watch <id>');
    expect((await run(['--help'], () => new Error('no'))).out).toContain('Exit codes:');
    const bare = await run(['ops'], () => new Error('no'));
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('usage: retrace ops <command>');
  });

  it('ops create: refuses without a terminal or --yes, after showing the plan', async () => {
    const r = await run(['ops', 'create', '--action', 'replay', '--reason', 'r', '--from-position', '1'], () => ({ status: 200, body: DRY }));
    expect(r.code).toBe(2);
    expect(r.out).toContain('matched:       3');
    expect(r.err).toContain('pass --yes');
    expect(r.calls).toHaveLength(1);
  });

  it('ops create: asks on a terminal and creates with confirm = the matched count', async () => {
    const r = await run(
      ['ops', 'create', '--action', 'replay', '--reason', 'r', '--from-position', '1', '--mode', 'restart'],
      (call) => ((call.body as { dryRun?: boolean }).dryRun ? { status: 200, body: DRY } : { status: 202, body: { id: 'op-1', matched: 3 } }),
      { stdinIsTTY: true, ask: async () => '3' },
    );
    expect(r.code).toBe(0);
    expect(r.calls[1].body).toEqual({ action: 'replay', reason: 'r', selector: { fromPosition: 1 }, mode: 'restart', confirm: 3 });
    expect(r.out).toContain('operation op-1 created over 3 message(s)');
    const declined = await run(['ops', 'create', '--action', 'undo', '--reason', 'r', '--to-position', '9'], () => ({ status: 200, body: DRY }), { stdinIsTTY: true, ask: async () => 'n' });
    expect(declined.code).toBe(2);
    expect(declined.calls).toHaveLength(1);
  });

  it('ops watch: one line per change without a terminal; exit 4 when items failed', async () => {
    const states = [
      { status: 'running', done: 0, succeeded: 0, failed: 0 },
      { status: 'running', done: 0, succeeded: 0, failed: 0 },
      { status: 'completed', done: 2, succeeded: 1, failed: 1 },
    ];
    let i = 0;
    const r = await run(['ops', 'watch', 'op-1', '--interval-ms', '50'], () => ({ status: 200, body: { id: 'op-1', total: 2, skipped: 0, ...states[Math.min(i++, 2)] } }));
    expect(r.code).toBe(4);
    expect(r.out.split('\n')).toHaveLength(2);
    expect(r.err).toContain('completed with 1 failed item(s)');
  });

  it('ops watch: redraws one line on a terminal; exit 0 when completed without failures', async () => {
    let i = 0;
    let screen = '';
    const r = await run(['ops', 'watch', 'op-1'], () => ({
      status: 200,
      body: { id: 'op-1', total: 4, skipped: 0, failed: 0, ...(i++ === 0 ? { status: 'running', done: 1, succeeded: 1 } : { status: 'completed', done: 4, succeeded: 4 }) },
    }), { stdoutIsTTY: true, write: (text) => void (screen += text) });
    expect(r.code).toBe(0);
    expect(screen).toBe(
      '\r\x1b[2Krunning    [########......................]  25.0% 1/4  ok 1  failed 0  skipped 0' +
        '\r\x1b[2Kcompleted  [##############################] 100.0% 4/4  ok 4  failed 0  skipped 0\n',
    );
  });

  it('replay --patch @file reads the patch from the file; a bad one is a usage error', async () => {
    const ok = await run(['replay', 'm-1', '--reason', 'r', '--patch', '@p.json'], () => ({ status: 202, body: { id: 'm-1', status: 'REPLAYING', runId: 'r2', steps: [] } }), {
      readFile: async (path) => (path === 'p.json' ? '{"card": null}' : ''),
    });
    expect(ok.code).toBe(0);
    expect(ok.calls[0].body).toEqual({ reason: 'r', mode: 'resume', patch: { card: null } });
    expect((await run(['replay', 'm-1', '--reason', 'r', '--patch', '[1]'], () => new Error('no'))).err).toContain('--patch must be a JSON object');
    expect((await run(['replay', 'm-1', '--reason', 'r', '--patch', '@missing.json'], () => new Error('no'))).code).toBe(2);
  });
});
