import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testDatabaseUrl } from '@retrace/testing';
import { Client } from 'pg';
import { Permanent, startPlainWorker, type PlainJob } from './support/plain-bullmq-worker';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Every read model, by primary key. Leases are the operation runner's bookkeeping, not projections. */
const READ_MODELS: Record<string, { order: string; omit?: string[] }> = {
  sagas: { order: 'name, version' },
  messages: { order: 'id' },
  operations: { order: 'id', omit: ['lease_owner', 'lease_until'] },
  operation_items: { order: 'operation_id, seq' },
  // The scan hint, lease, compare-and-set generation and updated_at are the consumers' bookkeeping.
  subscriptions: { order: 'name', omit: ['scanned_position', 'lease_id', 'leased_until', 'lease_last_position', 'generation', 'updated_at'] },
};
const TERMINAL = ['COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED', 'FAILED', 'RETRACTED', 'REVOKED', 'REVOKE_FAILED', 'REPLAY_FAILED'];

describe('rebuilding read models from the log, while the service runs (e2e)', () => {
  let t: TestApp;
  let db: Client;
  const workers: { close(): Promise<void> }[] = [];

  /** payload.fail[step]: 'permanent' or a number of flaky attempts; payload.failCompensation[step] likewise. */
  const behave = async (job: PlainJob) => {
    const { step, kind, payload, messageId } = job.data;
    const rule = ((kind === 'action' ? payload.fail : payload.failCompensation) as Record<string, unknown> | undefined)?.[step];
    if (rule === 'permanent') throw new Permanent(`${step} ${kind} refused`);
    if (typeof rule === 'number' && job.attempt <= rule) throw new Error(`${step} flaked (attempt ${job.attempt})`);
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 10)));
    return kind === 'action' ? { [`${step}Id`]: `${step}-${messageId}` } : { undone: true };
  };

  /** All rows of every read model, in key order, as jsonb (timestamps to the microsecond). */
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const [table, { order, omit = [] }] of Object.entries(READ_MODELS)) {
      const { rows } = await db.query(`SELECT to_jsonb(t) ${omit.map((c) => `- '${c}'`).join(' ')} AS row FROM ${table} t ORDER BY ${order}`);
      out[table] = rows.map((r: { row: unknown }) => r.row);
    }
    return out;
  };
  const publish = (id: string, payload: Record<string, unknown> = {}, saga = 'shop') =>
    t.http.post('/v1/messages').send({ saga, id, payload }).expect(202);
  const status = async (id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body.status as string;
  const quiet = () =>
    waitFor(
      async () => {
        const { rows } = await db.query(
          `SELECT (SELECT count(*) FROM messages WHERE status <> ALL($1::text[]) AND saga <> 'idle')::int AS busy,
                  (SELECT count(*) FROM operations WHERE status IN ('running', 'cancelling'))::int AS ops`,
          [TERMINAL],
        );
        return rows[0].busy === 0 && rows[0].ops === 0;
      },
      'every message and operation to settle',
      60_000,
    );
  const rebuild = async (body: Record<string, unknown> = { reason: 'prove the projections' }) => {
    const { id } = (await t.http.post('/v1/admin/projections/rebuild').send(body).expect(202)).body as { id: string };
    return waitFor(
      async () => {
        const r = (await t.http.get(`/v1/admin/projections/rebuilds/${id}`).expect(200)).body;
        if (r.status === 'failed') throw new Error(`rebuild failed: ${r.error}`);
        return r.status === 'succeeded' ? r : undefined;
      },
      `rebuild ${id}`,
      60_000,
    );
  };
  const unchanged = { inserted: 0, updated: 0, deleted: 0 };

  beforeAll(async () => {
    // The sweeper must not reschedule the idle messages within the test: check_at is then the log's.
    t = await startTestApp('rebuild', {}, { operationTickMs: 50, firstCheckMs: 120_000 });
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    await db.query(`SET search_path TO "${t.schema}"`);
    for (const q of ['a.do', 'a.undo', 'b.do', 'b.undo', 'c.do']) workers.push(startPlainWorker(q, t.prefix, behave));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await db?.end();
    await t?.close();
  });

  it('a busy history: the rebuild finds nothing to change, and repairs damaged rows to exactly the live ones', async () => {
    const retry = { attempts: 3, backoff: { type: 'fixed', delayMs: 20 } };
    const steps = [
      { name: 'a', action: { queue: 'a.do' }, compensation: { queue: 'a.undo' }, retry },
      { name: 'b', action: { queue: 'b.do' }, compensation: { queue: 'b.undo' }, retry },
      { name: 'c', action: { queue: 'c.do' }, compensation: null },
    ];
    await t.http.put('/v1/sagas/shop').send({ version: 1, steps }).expect(201);
    const kinds = [{}, { fail: { b: 1 } }, { fail: { b: 'permanent' } }, { fail: { c: 'permanent' }, failCompensation: { a: 'permanent' } }, { fail: { a: 2 } }];
    const ids = Array.from({ length: 60 }, (_, i) => `m-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.slice(0, 30).map((id, i) => publish(id, kinds[i % kinds.length])));
    await t.http.put('/v1/sagas/shop').send({ version: 2, steps: steps.map((s) => ({ ...s, timeoutMs: 5_000 })) }).expect(201);
    await Promise.all(ids.slice(30).map((id, i) => publish(id, kinds[i % kinds.length])));
    // Messages still in flight, so check_at / deadline_at are set: one dispatched, one delayed, one retracted.
    await t.http.put('/v1/sagas/idle').send({ version: 1, steps: [{ name: 'wait', action: { queue: 'nobody.listens' }, timeoutMs: 600_000 }] }).expect(201);
    await publish('idle-1', {}, 'idle');
    await t.http.post('/v1/messages').send({ saga: 'idle', id: 'idle-2', payload: {}, delayMs: 3_600_000 }).expect(202);
    await t.http.post('/v1/messages').send({ saga: 'idle', id: 'idle-3', payload: {}, delayMs: 3_600_000 }).expect(202);
    await quiet();
    await t.http.post('/v1/admin/messages/idle-3/retract').send({ reason: 'not needed' }).expect(202);

    // Operator actions on single messages, then a bulk replay that skips what its status does not allow.
    expect(await status('m-00')).toBe('COMPLETED');
    await t.http.post('/v1/admin/messages/m-00/undo').send({ reason: 'refund', force: true }).expect(202);
    expect(await status('m-02')).toBe('COMPENSATED');
    await t.http.post('/v1/admin/messages/m-02/replay').send({ reason: 'fixed', mode: 'restart', patch: { fail: null } }).expect(202);
    await quiet();
    const op = await t.http
      .post('/v1/admin/operations')
      .send({ action: 'replay', mode: 'restart', reason: 'bad deploy', selector: { saga: 'shop', fromPosition: 1, status: ['COMPENSATED', 'COMPLETED'] }, patch: { fail: null } })
      .expect(202);
    await waitFor(async () => ['completed', 'cancelled'].includes((await t.http.get(`/v1/admin/operations/${op.body.id}`)).body.status), 'the bulk replay');
    await quiet();

    // Subscriptions: one acked twice, one acked then reset by an operator, one only defined.
    for (const name of ['acks', 'resets', 'idle']) {
      await t.http.put(`/v1/subscriptions/${name}`).send({ filter: { types: ['MessageAccepted'] } }).expect(201);
    }
    for (const name of ['acks', 'acks', 'resets']) {
      const batch = (await t.http.get(`/v1/subscriptions/${name}/next?limit=10`).expect(200)).body;
      await t.http.post(`/v1/subscriptions/${name}/ack`).send({ position: batch.cursor, leaseId: batch.leaseId }).expect(200);
    }
    await t.http.post('/v1/admin/subscriptions/resets/reset').send({ toPosition: 1, reason: 'reprocess' }).expect(200);

    const live = await snapshot();
    expect(live.subscriptions).toHaveLength(3);
    expect(live.messages).toHaveLength(63);
    expect(live.sagas).toHaveLength(3);
    const idle = (live.messages as { id: string; check_at: string | null; deadline_at: string | null }[]).filter((m) => m.id.startsWith('idle-'));
    expect(idle.map((m) => [m.id, m.check_at !== null, m.deadline_at !== null])).toEqual([['idle-1', true, true], ['idle-2', true, true], ['idle-3', false, false]]);
    const states = (live.operation_items as { state: string }[]).map((i) => i.state);
    expect(states).toEqual(expect.arrayContaining(['succeeded', 'skipped']));

    const first = await rebuild();
    expect(first).toMatchObject({ projections: ['operations', 'messages', 'sagas', 'subscriptions'], phase: 'done', progress: 1 });
    expect(first.eventsApplied).toBeGreaterThanOrEqual(first.headAtStart > 0 ? 1 : 0);
    expect(Object.values(first.changes)).toEqual(Object.values(first.changes).map(() => unchanged));
    expect(await snapshot()).toEqual(live);

    // Damage every read model; the log alone brings back exactly the rows the live path wrote.
    await db.query(`DELETE FROM messages WHERE id = 'm-07'`);
    await db.query(`UPDATE messages SET status = 'PENDING', check_at = now(), state = '{}' WHERE id = 'm-11'`);
    await db.query(`UPDATE sagas SET registered_at = now() WHERE version = 2`);
    await db.query(`DELETE FROM operation_items WHERE seq = 1`);
    await db.query(`UPDATE operations SET succeeded = 0, updated_at = now()`);
    await db.query(`UPDATE subscriptions SET committed_position = 0, scanned_position = 0 WHERE name = 'acks'`);
    await db.query(`INSERT INTO messages SELECT 'ghost', saga, saga_version, message_type, status, correlation_id, run_id, state, stream_version, accepted_position, last_position, created_at, updated_at FROM messages WHERE id = 'm-01'`);
    const repair = await rebuild({ reason: 'repair', projections: ['messages', 'sagas', 'subscriptions', 'operations'] });
    expect(repair.changes).toEqual({
      operations: { inserted: 0, updated: 1, deleted: 0 },
      operation_items: { inserted: 1, updated: 0, deleted: 0 },
      messages: { inserted: 1, updated: 1, deleted: 1 },
      sagas: { inserted: 0, updated: 1, deleted: 0 },
      subscriptions: { inserted: 0, updated: 1, deleted: 0 },
    });
    expect(await snapshot()).toEqual(live);
  });

  it('a rebuild while messages keep arriving loses nothing: afterwards a second rebuild finds nothing to change', async () => {
    let publishing = true;
    let n = 0;
    const producer = (async () => {
      while (publishing) {
        await publish(`live-${n}`, n % 3 === 0 ? { fail: { b: 'permanent' } } : n % 3 === 1 ? { fail: { a: 1 } } : {});
        n++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await waitFor(async () => n >= 10, 'the producer to get going');
    const during = await rebuild({ reason: 'while busy' });
    const atSwap = n;
    await waitFor(async () => n >= atSwap + 10, 'messages published after the swap');
    publishing = false;
    await producer;
    await quiet();
    // It applied events appended after it started, in its bulk pass or under the swap's lock.
    expect(during.position).toBeGreaterThan(during.headAtStart);

    const live = await snapshot();
    expect(live.messages).toHaveLength(63 + n);
    const second = await rebuild({ reason: 'prove it' });
    expect(Object.values(second.changes)).toEqual(Object.values(second.changes).map(() => unchanged));
    expect(await snapshot()).toEqual(live);
  });

  it('refuses unknown projections, a second rebuild while one runs (until it stops beating), and unknown ids', async () => {
    const bad = await t.http.post('/v1/admin/projections/rebuild').send({ reason: 'x', projections: ['mesages'] }).expect(400);
    expect(bad.body.error.message).toContain('known: operations, messages, sagas, subscriptions');
    await t.http.post('/v1/admin/projections/rebuild').send({ projections: ['messages'] }).expect(400);
    // Another replica's rebuild, still beating: refused. Its process died (no heartbeat for a minute): taken over.
    await db.query(`INSERT INTO projection_rebuilds (id, projections, reason, actor, status, phase, head_at_start) VALUES ('other', '{messages}', 'x', 'ops', 'running', 'bulk', 0)`);
    const refused = await t.http.post('/v1/admin/projections/rebuild').send({ reason: 'two' }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'REBUILD_ALREADY_RUNNING', details: { running: 'other' } });
    await db.query(`UPDATE projection_rebuilds SET heartbeat_at = now() - interval '2 minutes' WHERE id = 'other'`);
    await rebuild({ reason: 'after a crash' });
    expect((await t.http.get('/v1/admin/projections/rebuilds/other').expect(200)).body).toMatchObject({ status: 'failed', error: expect.stringContaining('abandoned') });
    await t.http.get('/v1/admin/projections/rebuilds/nope').expect(404);
  });

  it('a rebuild is reported succeeded only once its shadow tables are gone, so the next one may start at once', async () => {
    // Fails the commit that records success if any shadow table still exists at that point.
    await db.query(`
      CREATE FUNCTION refuse_success_beside_shadows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'succeeded' AND EXISTS (
             SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '%\\_rebuild') THEN
          RAISE EXCEPTION 'succeeded while shadow tables remain';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_success_beside_shadows BEFORE UPDATE ON projection_rebuilds
        FOR EACH ROW EXECUTE FUNCTION refuse_success_beside_shadows()`);
    try {
      await rebuild({ reason: 'first' });
      await rebuild({ reason: 'right after' });
    } finally {
      await db.query(`DROP TRIGGER refuse_success_beside_shadows ON projection_rebuilds; DROP FUNCTION refuse_success_beside_shadows()`);
    }
  });

  it('npm run retrace -- projections rebuild: starts one through the admin API and prints its progress', async () => {
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const { stdout } = await promisify(execFile)('node', ['scripts/retrace-projections.mjs', 'projections', 'rebuild', '--url', `http://127.0.0.1:${port}`, '--projections', 'sagas', '--interval-ms', '50']);
    expect(stdout).toMatch(/^rebuild [0-9a-f-]{36} started$/m);
    expect(stdout).toMatch(/^succeeded done 100\.0%/m);
    expect(stdout).toContain('sagas: 0 inserted, 0 updated, 0 deleted');
  });
});
