import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import type { EventStore } from './event-store';
import { EventsSagaIndex1767225700000 } from './migrations/1767225700000-events-saga-index';
import { buildReadQuery } from './read-all';

const ofSaga = (saga: string) => ({ saga });

describe('readAll / readSince by saga, and lastPosition past what a filter skipped', () => {
  let db: TestEventStore;
  let sut: EventStore;

  beforeAll(async () => {
    db = await createTestEventStore('read_saga');
    sut = db.eventStore;
    await sut.appendToStream('saga-order', [{ type: 'SagaRegistered', data: { v: 1 } }], 0);
    await sut.appendToStream('message-o1', [{ type: 'MessageAccepted', data: { saga: 'order' }, metadata: ofSaga('order') }], 0);
    await sut.appendToStream('message-r1', [{ type: 'MessageAccepted', data: { saga: 'refund' }, metadata: ofSaga('refund') }], 0);
    await sut.appendToStream('message-o1', [{ type: 'StepStarted', data: {}, metadata: ofSaga('order') }], 1);
    await sut.appendToStream('operation-1', [{ type: 'OperationStarted', data: {} }], 0);
    await sut.appendToStream('saga-refund', [{ type: 'SagaRegistered', data: { v: 1 } }], 0);
    await sut.appendToStream('saga-order', [{ type: 'SagaRegistered', data: { v: 2 } }], 1);
    await sut.appendToStream('message-o1', [{ type: 'StepSucceeded', data: {}, metadata: ofSaga('order') }], 2);
  });
  afterAll(() => db?.drop());

  const streamsOf = async (opts: { after: number; limit: number; saga?: string; types?: string[] }) =>
    (await sut.readAll(opts)).events.map((e) => `${e.streamId}:${e.streamVersion}`);

  it("keeps a saga's message events and its own stream, in position order", async () => {
    expect(await streamsOf({ after: 0, limit: 100, saga: 'order' })).toEqual([
      'saga-order:1',
      'message-o1:1',
      'message-o1:2',
      'saga-order:2',
      'message-o1:3',
    ]);
    expect(await streamsOf({ after: 0, limit: 100, saga: 'refund' })).toEqual(['message-r1:1', 'saga-refund:1']);
    expect(await streamsOf({ after: 0, limit: 100, saga: 'order', types: ['StepStarted', 'SagaRegistered'] })).toEqual([
      'saga-order:1',
      'message-o1:2',
      'saga-order:2',
    ]);
    expect(await streamsOf({ after: 0, limit: 100, saga: 'ord' })).toEqual([]);
  });

  it('pages a filtered log with lastPosition: every match once, in order, never rescanning', async () => {
    const head = await sut.readHeadPosition();
    const all = (await sut.readAll({ after: 0, limit: 100, saga: 'order' })).events.map((e) => e.position);
    const seen: number[] = [];
    const afters: number[] = [];
    let after = 0;
    for (;;) {
      const page = await sut.readAll({ after, limit: 2, saga: 'order' });
      seen.push(...page.events.map((e) => e.position));
      afters.push(page.lastPosition);
      if (page.events.length < 2) {
        // A short page covered everything up to the head: continue from there, not from `after`.
        expect(page.lastPosition).toBe(head);
        break;
      }
      expect(page.lastPosition).toBe(page.events[1].position);
      after = page.lastPosition;
    }
    expect(seen).toEqual(all);
    expect(afters).toEqual([...afters].sort((a, b) => a - b));
    expect(await sut.readAll({ after: 0, limit: 10, types: ['Nothing'] })).toEqual({ events: [], lastPosition: head });
  });

  it('filters readSince by saga too, handing on the head when the window is exhausted', async () => {
    const page = await sut.readSince({ since: new Date(Date.now() - 60_000), limit: 100, saga: 'refund' });
    expect(page.events.map((e) => e.streamId)).toEqual(['message-r1', 'saga-refund']);
    expect(page.lastPosition).toBe(await sut.readHeadPosition());
  });

  it('reads a saga through events_saga_idx, not by walking the log', async () => {
    await sut.sql.execute(`
      INSERT INTO events (stream_id, stream_version, type, data, metadata)
      SELECT 'message-bulk-' || i, 1, 'MessageAccepted', '{}', jsonb_build_object('saga', 'bulk' || (i % 50))
      FROM generate_series(1, 20000) AS i`);
    await sut.sql.execute('ANALYZE events');
    const head = await sut.readHeadPosition();
    const query = buildReadQuery('position > $1', [0, head], { limit: 50, saga: 'bulk7' });
    const [row] = await sut.sql.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.params);
    const plan = JSON.stringify(row['QUERY PLAN']);

    expect(plan).toContain('"Index Name":"events_saga_idx"');
    expect(plan).not.toContain('"Node Type":"Seq Scan"');
    const removed = [...plan.matchAll(/"Rows Removed by Filter":(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(0, ...removed)).toBeLessThan(100);
  });

  it("backfills events written before: a message's events get the saga of its MessageAccepted", async () => {
    await sut.sql.execute(`DROP INDEX events_saga_idx`);
    await sut.sql.execute(`
      INSERT INTO events (stream_id, stream_version, type, data, metadata) VALUES
        ('message-old', 1, 'MessageAccepted', '{"saga": "legacy"}', '{"actor": "a"}'),
        ('message-old', 2, 'StepStarted', '{}', '{"actor": "worker"}'),
        ('message-odd', 1, 'SomethingElse', '{"saga": "nope"}', '{}'),
        ('operation-old', 1, 'OperationStarted', '{"saga": "legacy"}', '{}')`);
    const runner = db.dataSource.createQueryRunner();
    try {
      await new EventsSagaIndex1767225700000().up(runner);
    } finally {
      await runner.release();
    }

    const legacy = await sut.readAll({ after: 0, limit: 100, saga: 'legacy' });
    expect(legacy.events.map((e) => [e.streamId, e.type, e.metadata])).toEqual([
      ['message-old', 'MessageAccepted', { actor: 'a', saga: 'legacy' }],
      ['message-old', 'StepStarted', { actor: 'worker', saga: 'legacy' }],
    ]);
    expect(await streamsOf({ after: 0, limit: 100, saga: 'nope' })).toEqual([]);
    // Events that had the key keep it as written.
    expect(await streamsOf({ after: 0, limit: 100, saga: 'refund' })).toEqual(['message-r1:1', 'saga-refund:1']);
  });
});
