import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './support/orchestrator-process';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const ROOT = join(__dirname, '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the retrace CLI against a running orchestrator (e2e)', () => {
  let t: TestApp;
  let url: string;
  let main: string;
  let buildDir: string;
  let tmp: string;
  const workers: { close(): Promise<void> }[] = [];

  /** Runs `node <compiled cli> …args --url <app>` and never rejects: the exit code is the result. */
  const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(process.execPath, [main, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', RETRACE_URL: url, ...env }, timeout: 25_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  const json = async (args: string[]) => {
    const r = await cli([...args, '--json']);
    if (r.code !== 0) throw new Error(`retrace ${args.join(' ')} --json exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const view = async (id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body;
  const settled = (id: string, status: string) => waitFor(async () => (await view(id)).status === status, `${id} to be ${status}`);

  const behave = async (job: PlainJob) => {
    const { step, kind, payload } = job.data;
    if (kind === 'action' && payload.fail === step) throw new Permanent(`${step} refused`);
    return { step };
  };

  beforeAll(async () => {
    buildDir = join(ROOT, '.retrace', `test-cli-${randomBytes(4).toString('hex')}`);
    const build = promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'apps/cli/tsconfig.build.json', '--outDir', buildDir], { cwd: ROOT });
    t = await startTestApp('cli', {}, { operationTickMs: 50 });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const q of ['a.do', 'a.undo', 'b.do', 'b.undo']) workers.push(startPlainWorker(q, t.prefix, behave));
    tmp = await mkdtemp(join(tmpdir(), 'retrace-cli-'));
    await build;
    main = join(buildDir, 'apps', 'cli', 'src', 'main.js');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
    await rm(buildDir, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });

  it('sagas register -f: the name from the file or --name; same body again is not new', async () => {
    const file = join(tmp, 'saga.json');
    const steps = [
      { name: 'a', action: { queue: 'a.do' }, compensation: { queue: 'a.undo' } },
      { name: 'b', action: { queue: 'b.do' }, compensation: { queue: 'b.undo' }, retry: { attempts: 2, backoff: { type: 'fixed', delayMs: 10 } } },
    ];
    await writeFile(file, JSON.stringify({ name: 'cli', version: 1, description: 'two steps', steps }));
    const first = await cli(['sagas', 'register', '-f', file]);
    expect(first).toMatchObject({ code: 0, stdout: 'registered: cli version 1\n' });
    expect(await json(['sagas', 'register', '--file', file])).toEqual({ name: 'cli', version: 1, created: false });
    expect(await cli(['sagas', 'register', '-f', file, '--name', 'cli-copy'])).toMatchObject({ code: 0, stdout: 'registered: cli-copy version 1\n' });
    const show = await cli(['sagas', 'show', 'cli']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^b\s+queue b\.do\s+queue b\.undo\s+2\s+fixed 10 ms\s+30000$/m);
    expect((await json(['sagas', 'list'])).items.map((s: { name: string }) => s.name).sort()).toEqual(['cli', 'cli-copy']);
  });

  describe('with messages', () => {
    beforeAll(async () => {
      for (const [id, payload] of [['m-ok', {}], ['m-fail-1', { fail: 'b' }], ['m-fail-2', { fail: 'b' }]] as const) {
        await t.http.post('/v1/messages').send({ saga: 'cli', id, payload }).expect(202);
      }
      await settled('m-ok', 'COMPLETED');
      await settled('m-fail-1', 'COMPENSATED');
      await settled('m-fail-2', 'COMPENSATED');
    });

    it('messages list: a table, --json, filters, and --all across pages', async () => {
      const table = await cli(['messages', 'list', '--saga', 'cli']);
      expect(table.code).toBe(0);
      const [header, ...rows] = table.stdout.trimEnd().split('\n');
      expect(header).toMatch(/^ID\s+SAGA\s+VERSION\s+STATUS\s+STEPS OK\s+CREATED\s+UPDATED$/);
      expect(rows).toHaveLength(3);
      expect(rows.find((r) => r.startsWith('m-ok'))).toMatch(/^m-ok\s+cli\s+1\s+COMPLETED\s+2\/2\s/);
      const failed = await json(['messages', 'list', '--status', 'compensated']);
      expect(failed.items.map((m: { id: string }) => m.id).sort()).toEqual(['m-fail-1', 'm-fail-2']);
      const page = await cli(['messages', 'list', '--limit', '1']);
      expect(page.stdout.trimEnd().split('\n')).toHaveLength(2);
      expect(page.stderr).toMatch(/^more: --cursor \S+ \(or --all\)$/m);
      const all = await json(['messages', 'list', '--limit', '1', '--all']);
      expect(all.items).toHaveLength(3);
      expect(all.nextCursor).toBeNull();
    });

    it('messages show: the view and a steps table; --json is the API view', async () => {
      const show = await cli(['messages', 'show', 'm-fail-1']);
      expect(show.code).toBe(0);
      expect(show.stdout).toMatch(/^status:\s+COMPENSATED$/m);
      expect(show.stdout).toMatch(/^STEP\s+STATUS\s+ATTEMPTS\s+RESULT\s+ERROR$/m);
      expect(show.stdout).toMatch(/^b\s+FAILED\s+1\s+-\s+b refused$/m);
      expect(await json(['messages', 'show', 'm-ok'])).toEqual(await view('m-ok'));
    });

    it('messages events: the timeline with step, kind, attempt and error', async () => {
      const events = await cli(['messages', 'events', 'm-fail-1']);
      expect(events.code).toBe(0);
      expect(events.stdout).toMatch(/^POSITION\s+TIME\s+TYPE\s+STEP\s+KIND\s+ATTEMPT\s+ACTOR\s+REASON\s+ERROR$/m);
      expect(events.stdout).toMatch(/^\s*\d+\s+\S+\s+StepFailed\s+b\s+action\s+1\s+worker\s+-\s+b refused$/m);
      const body = await json(['messages', 'events', 'm-fail-1']);
      expect(body.events[0]).toMatchObject({ type: 'MessageAccepted', version: 1 });
    });

    it('replay and undo: recorded with the reason, then carried out', async () => {
      const replay = await cli(['replay', 'm-fail-1', '--reason', 'card fixed', '--mode', 'restart', '--patch', '{"fail": null}']);
      expect(replay).toMatchObject({ code: 0, stdout: expect.stringMatching(/^replay of m-fail-1 recorded; status now REPLAYING, run \S+$/m) });
      await settled('m-fail-1', 'COMPLETED');
      const timeline = await cli(['messages', 'events', 'm-fail-1']);
      expect(timeline.stdout).toMatch(/ReplayStarted\s+(-\s+){3}anonymous\s+card fixed/);

      const undo = await json(['undo', 'm-ok', '--reason', 'customer asked']);
      expect(undo).toMatchObject({ id: 'm-ok', status: 'REVOKING' });
      await settled('m-ok', 'REVOKED');
    });

    it('ops create: a dry run shows the plan; no terminal and no --yes is refused; --yes creates; ops watch follows it', async () => {
      const selector = ['--from-position', '1', '--saga', 'cli', '--status', 'COMPENSATED'];
      const base = ['ops', 'create', '--action', 'replay', '--mode', 'restart', '--reason', 'bad deploy', '--patch', '{"fail": null}', ...selector];
      const dry = await cli([...base, '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^matched:\s+1$/m);
      expect(dry.stdout).toMatch(/^steps to run:\s+a 1, b 1$/m);
      expect(dry.stdout).toMatch(/^m-fail-2\s+cli\s+COMPENSATED\s+run a,b$/m);
      expect((await json([...base, '--dry-run'])).matched).toBe(1);

      const refused = await cli(base);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('no terminal to confirm on: pass --yes');
      expect((await json(['ops', 'list'])).items).toHaveLength(0);

      const created = await json([...base, '--yes', '--max-in-flight', '5']);
      expect(created).toEqual({ id: expect.any(String), matched: 1 });
      const watch = await cli(['ops', 'watch', created.id, '--interval-ms', '100']);
      expect(watch.code).toBe(0);
      const lines = watch.stdout.trimEnd().split('\n');
      expect(lines[lines.length - 1]).toMatch(/^completed\s+\[#+\] 100\.0% 1\/1 {2}ok 1 {2}failed 0 {2}skipped 0$/);
      expect(new Set(lines).size).toBe(lines.length);
      await settled('m-fail-2', 'COMPLETED');

      const show = await cli(['ops', 'show', created.id]);
      expect(show.stdout).toMatch(/^progress:\s+1\/1: 1 succeeded, 0 failed, 0 skipped$/m);
      expect((await cli(['ops', 'list'])).stdout).toMatch(new RegExp(`^${created.id}\\s+replay\\s+completed\\s+1\\s+1\\s+1\\s+0\\s+0\\s+anonymous`, 'm'));
    });

    it('subs reset --dry-run says what would move and moves nothing', async () => {
      await t.http.put('/v1/subscriptions/billing').send({ filter: { saga: 'cli' } }).expect(201);
      const reset = await cli(['subs', 'reset', 'billing', '--to-position', '1', '--reason', 'replay all', '--dry-run']);
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(/^dry run: would move billing from committed position \d+ to 0$/m);
      expect((await json(['subs', 'show', 'billing'])).committedPosition).toBe((await t.http.get('/v1/subscriptions/billing').expect(200)).body.committedPosition);
      expect((await cli(['subs', 'list'])).stdout).toMatch(/^billing\s+\d+\s+\d+\s+\d+\+?\s+-\s+\{"saga":"cli"/m);
      expect((await cli(['subs', 'reset', 'billing', '--reason', 'r'])).code).toBe(2);
    });

    it('stats transitions: a counts table and an absorption table', async () => {
      const stats = await cli(['stats', 'transitions', '--saga', 'cli']);
      expect(stats.code).toBe(0);
      expect(stats.stdout).toMatch(/^transitions: \d+$/m);
      expect(stats.stdout).toMatch(/^FROM \\ TO\s/m);
      expect(stats.stdout).toMatch(/^PENDING\s.*\(100\.0%\)/m);
      expect(stats.stdout).toContain('ends in (absorption probability):');
      expect(stats.stdout).toMatch(/^COMPLETED\s.*100\.0%/m);
      const body = await json(['stats', 'transitions', '--saga', 'cli']);
      expect(body.states).toEqual(expect.arrayContaining(['PENDING', 'COMPLETED', 'COMPENSATED', 'REVOKED']));
    });

    it('projections rebuild: starts one and follows it to the end', async () => {
      const rebuild = await cli(['projections', 'rebuild', '--projections', 'sagas', '--reason', 'check', '--interval-ms', '50']);
      expect(rebuild.code).toBe(0);
      expect(rebuild.stdout).toMatch(/^rebuild [0-9a-f-]{36} started$/m);
      expect(rebuild.stdout).toContain('sagas: 0 inserted, 0 updated, 0 deleted');
    });
  });

  it('exit codes: usage 2, refused 1 with the API error, unreachable 3', async () => {
    const noReason = await cli(['replay', 'm-ok']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason is required');
    const unknown = await cli(['messages', 'list', '--stauts', 'FAILED']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --stauts (did you mean --status?)') });
    expect((await cli(['ops', 'create', '--action', 'replay', '--reason', 'r'])).code).toBe(2);

    const missing = await cli(['messages', 'show', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^retrace: [A-Z_]+ \(HTTP 404\): /m);
    const conflict = await cli(['retract', 'm-ok', '--reason', 'too late']);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('(HTTP 409)');

    const down = await cli(['messages', 'list', '--url', `http://127.0.0.1:${await freePort()}`]);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('cannot reach Retrace');
  });
});
