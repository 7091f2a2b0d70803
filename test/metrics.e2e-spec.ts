import { spawn, spawnSync } from 'node:child_process';
import { REPLY_STREAM } from '@retrace/domain';
import { testRedisUrl } from '@retrace/testing';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** promtool (Debian's `prometheus` package; `.ci/run` installs it). Missing outside CI: skipped loudly. */
const promtoolFound = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).error === undefined;
if (!promtoolFound && process.env.CI !== 'true') {
  console.warn('metrics.e2e-spec: promtool is not installed, so `promtool check metrics` is SKIPPED (apt-get install prometheus; under CI=true this fails)');
}
const itWithPromtool = promtoolFound || process.env.CI === 'true' ? it : it.skip;

function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

/** The value of one sample, by metric name and exact labels (in any order); undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    const keys = Object.keys(labels);
    if (keys.length === Object.keys(got).length && keys.every((k) => got[k] === labels[k])) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics (e2e)', () => {
  let t: TestApp;
  const workers: { close(): Promise<void> }[] = [];

  const behave = async (job: PlainJob) => {
    const { step, kind, payload } = job.data;
    if (kind === 'action' && payload.fail === step) throw new Permanent(`${step} refused`);
    if (kind === 'action' && payload.flaky === step && job.attempt === 1) throw new Error(`${step} flaked`);
    await new Promise((r) => setTimeout(r, 20));
    return { step };
  };

  beforeAll(async () => {
    t = await startTestApp('metrics');
    for (const q of ['m.a', 'm.a.undo', 'm.b']) workers.push(startPlainWorker(q, t.prefix, behave));
    // The back-off lets the failed attempt's reply be applied before the retry's (replies are applied
    // concurrently, and a failure applied after the retry's success is recorded as ignored).
    const retry = { attempts: 2, backoff: { type: 'fixed', delayMs: 300 } };
    await t.http
      .put('/v1/sagas/m')
      .send({
        version: 1,
        steps: [
          { name: 'a', action: { queue: 'm.a' }, compensation: { queue: 'm.a.undo' }, retry },
          { name: 'b', action: { queue: 'm.b' }, compensation: null },
        ],
      })
      .expect(201);
    const messages: [string, Record<string, unknown>][] = [
      ['ok-1', {}],
      ['ok-2', {}],
      ['ok-3', {}],
      ['flaky', { flaky: 'a' }],
      ['bad', { fail: 'b' }],
    ];
    for (const [id, payload] of messages) await t.http.post('/v1/messages').send({ saga: 'm', id, payload }).expect(202);
    await waitFor(async () => {
      const list = (await t.http.get('/v1/messages?saga=m&status=COMPLETED,COMPENSATED').expect(200)).body as { items: unknown[] };
      return list.items.length === messages.length;
    }, 'every message to settle');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
  });

  const scrape = async () => {
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('counts messages by status from the read model', async () => {
    const text = await scrape();
    expect(sample(text, 'retrace_messages', { status: 'COMPLETED' })).toBe(4);
    expect(sample(text, 'retrace_messages', { status: 'COMPENSATED' })).toBe(1);
    expect(sample(text, 'retrace_messages', { status: 'PENDING' })).toBe(0);
  });

  it('times every step outcome, and counts retries and compensations', async () => {
    const text = await scrape();
    const count = (step: string, kind: string, outcome: string) =>
      sample(text, 'retrace_step_duration_seconds_count', { saga: 'm', step, kind, outcome });
    expect(count('a', 'action', 'succeeded')).toBe(5);
    // What the log recorded is what the metrics must say.
    const logged = (await t.http.get('/v1/events?after=0&limit=1000&saga=m&types=StepAttemptFailed').expect(200)).body as { events: unknown[] };
    expect(logged.events).toHaveLength(1);
    expect(count('a', 'action', 'retried')).toBe(1);
    expect(count('b', 'action', 'succeeded')).toBe(4);
    expect(count('b', 'action', 'failed')).toBe(1);
    expect(count('a', 'compensation', 'succeeded')).toBe(1);
    // The worker sleeps 20 ms per step, so the recorded time is at least that.
    const sum = sample(text, 'retrace_step_duration_seconds_sum', { saga: 'm', step: 'a', kind: 'action', outcome: 'succeeded' })!;
    expect(sum).toBeGreaterThanOrEqual(5 * 0.015);
    expect(sum).toBeLessThan(5 * 10);
    expect(sample(text, 'retrace_step_retries_total', { saga: 'm', step: 'a', kind: 'action' })).toBe(1);
    expect(sample(text, 'retrace_compensations_total', { saga: 'm', outcome: 'compensated' })).toBe(1);
  });

  it('reports the outbox, the queues and operations as they are now', async () => {
    const text = await scrape();
    expect(sample(text, 'retrace_outbox_unsent')).toBe(0);
    expect(sample(text, 'retrace_outbox_lag_seconds')).toBe(0);
    expect(sample(text, 'retrace_operations_in_flight')).toBe(0);
    expect(sample(text, 'retrace_scrape_up', { source: 'postgres' })).toBe(1);
    expect(sample(text, 'retrace_scrape_up', { source: 'queues' })).toBe(1);
    for (const queue of ['m.a', 'm.a.undo', 'm.b', 'retrace.replies', 'retrace.http', REPLY_STREAM]) {
      expect(sample(text, 'retrace_queue_depth', { queue, state: 'waiting' })).toBe(0);
      expect(sample(text, 'retrace_queue_depth', { queue, state: 'active' })).toBe(0);
    }
    expect(sample(text, 'retrace_queue_depth', { queue: REPLY_STREAM, state: 'failed' })).toBe(0);
    expect(sample(text, 'retrace_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^retrace_nodejs_heap_size_total_bytes \d/m);
    expect(sample(text, 'retrace_nodejs_active_resources', { type: 'TCPSocketWrap' })).toBeGreaterThan(0);
  });

  it('counts a reply the stream gave up on as failed', async () => {
    const redis = new IORedis(testRedisUrl());
    try {
      await redis.xadd(`${t.prefix}:${REPLY_STREAM}`, '*', 'reply', '{"type":"succeeded"}');
    } finally {
      redis.disconnect();
    }
    await waitFor(async () => sample(await scrape(), 'retrace_queue_depth', { queue: REPLY_STREAM, state: 'failed' }) === 1, 'the malformed reply counted as failed');
  });

  itWithPromtool('passes `promtool check metrics` without a lint problem', async () => {
    if (!promtoolFound) throw new Error('promtool is required under CI=true (apt-get install prometheus; .ci/run does it)');
    const { code, output } = await promtoolCheck(await scrape());
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('keeps each app in its own registry, and shows an outbox the relay does not drain', async () => {
    const other = await startTestApp('metrics2', {}, { relay: false });
    try {
      await other.http.put('/v1/sagas/lonely').send({ version: 1, steps: [{ name: 'x', action: { queue: 'nobody.here' } }] }).expect(201);
      await other.http.post('/v1/messages').send({ saga: 'lonely', id: 'stuck' }).expect(202);
      await other.app.get(DataSource).query(`UPDATE outbox SET created_at = created_at - interval '90 seconds'`);
      const text = (await other.http.get('/metrics').expect(200)).text;
      expect(sample(text, 'retrace_messages', { status: 'COMPLETED' })).toBe(0);
      expect(sample(text, 'retrace_messages', { status: 'PENDING' })).toBe(1);
      expect(sample(text, 'retrace_outbox_unsent')).toBe(1);
      expect(sample(text, 'retrace_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
      expect(sample(text, 'retrace_queue_depth', { queue: 'nobody.here', state: 'waiting' })).toBe(0);
      expect(text).not.toMatch(/saga="m"/);
      expect(sample(await scrape(), 'retrace_messages', { status: 'COMPLETED' })).toBe(4);
    } finally {
      await other.close();
    }
  });
});
