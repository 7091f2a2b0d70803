import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import type { EventStore } from './event-store';
import type { RecordedEvent } from './event-store.types';
import { SINCE_WINDOW, buildReadQuery } from './read-all';

describe('readAll / readSince', () => {
  let db: TestEventStore;
  let sut: EventStore;
  let all: RecordedEvent[];

  beforeAll(async () => {
    db = await createTestEventStore('read_all');
    sut = db.eventStore;
    await sut.appendToStream('message-1', [{ type: 'MessageAccepted', data: { n: 1 } }, { type: 'StepStarted', data: { n: 2 } }], 0);
    await sut.appendToStream('operation-1', [{ type: 'OperationStarted', data: { n: 3 } }], 0);
    await sut.appendToStream('message-2', [{ type: 'MessageAccepted', data: { n: 4 } }], 0);
    await sut.appendToStream('message-1', [{ type: 'StepSucceeded', data: { n: 5 } }], 2);
    await sut.appendToStream('message_x', [{ type: 'StepStarted', data: { n: 6 } }], 0);
    all = (await sut.readAll({ after: 0, limit: 100 })).events;
  });
  afterAll(() => db?.drop());

  it('reads the whole log in position order', () => {
    expect(all.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b));
    expect(all[0]).toMatchObject({ streamId: 'message-1', streamVersion: 1, type: 'MessageAccepted', metadata: {} });
  });

  it('pages by limit, each page continuing from lastPosition', async () => {
    const pages: number[][] = [];
    let after = 0;
    for (;;) {
      const page = await sut.readAll({ after, limit: 4 });
      if (page.events.length === 0) {
        expect(page.lastPosition).toBe(after);
        break;
      }
      expect(page.lastPosition).toBe(page.events[page.events.length - 1].position);
      pages.push(page.events.map((e) => e.position));
      after = page.lastPosition;
    }
    expect(pages.map((page) => page.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(all.map((e) => e.position));
  });

  it('filters by types and by stream prefix', async () => {
    const byType = await sut.readAll({ after: 0, limit: 100, types: ['MessageAccepted', 'StepSucceeded'] });
    expect(byType.events.map((e) => (e.data as { n: number }).n)).toEqual([1, 4, 5]);

    const byPrefix = await sut.readAll({ after: 0, limit: 100, streamPrefix: 'message-' });
    expect(byPrefix.events.map((e) => e.streamId)).toEqual(['message-1', 'message-1', 'message-2', 'message-1']);

    const both = await sut.readAll({ after: all[1].position, limit: 1, types: ['StepStarted', 'MessageAccepted'], streamPrefix: 'message' });
    expect(both.events.map((e) => (e.data as { n: number }).n)).toEqual([4]);
    expect(both.lastPosition).toBe(all[3].position);

    // Nothing matched up to the head: the reader may continue from there.
    expect(await sut.readAll({ after: 0, limit: 10, types: [] })).toEqual({ events: [], lastPosition: all[5].position });
  });

  it('treats LIKE wildcards in the prefix literally', async () => {
    expect((await sut.readAll({ after: 0, limit: 100, streamPrefix: 'message_' })).events.map((e) => e.streamId)).toEqual(['message_x']);
  });

  it('returns nothing past the head, with lastPosition = after', async () => {
    const head = await sut.readHeadPosition();
    expect(head).toBe(all[all.length - 1].position);
    expect(await sut.readAll({ after: head, limit: 10 })).toEqual({ events: [], lastPosition: head });
  });

  it('rejects a bad limit or position', async () => {
    await expect(sut.readAll({ after: -1, limit: 10 })).rejects.toThrow(RangeError);
    await expect(sut.readAll({ after: 0, limit: 0 })).rejects.toThrow(RangeError);
    await expect(sut.readSince({ since: new Date('nope'), limit: 1 })).rejects.toThrow(TypeError);
  });

  describe('readSince', () => {
    const DAY = 86_400_000;
    let since: Date;

    beforeAll(async () => {
      // 29 days of log after the events above, ~1,000 a day, created_at rising with position as
      // appends make it; then statistics, so the planner sees a big table.
      await sut.sql.execute(`
        INSERT INTO events (stream_id, stream_version, type, data, created_at)
        SELECT 'bulk-' || i, 1, CASE WHEN i % 2 = 0 THEN 'Even' ELSE 'Odd' END, jsonb_build_object('i', i),
               now() + (i * interval '86.4 seconds')
        FROM generate_series(1, 29000) AS i`);
      await sut.sql.execute('VACUUM ANALYZE events');
      since = new Date(Date.now() + 27 * DAY);
    });

    it('returns the events created since, in position order, up to the limit', async () => {
      const expected = await sut.sql.query<{ position: string }>(
        'SELECT position FROM events WHERE created_at >= $1 ORDER BY position LIMIT 250',
        [since],
      );
      const page = await sut.readSince({ since, limit: 250 });

      expect(page.events.map((e) => e.position)).toEqual(expected.map((row) => Number(row.position)));
      expect(page.events.every((e) => e.createdAt.getTime() >= since.getTime())).toBe(true);
      expect(page.lastPosition).toBe(page.events[249].position);
      const odd = await sut.readSince({ since, limit: 10, types: ['Odd'], streamPrefix: 'bulk-' });
      expect(odd.events.map((e) => e.type)).toEqual(Array(10).fill('Odd'));
    });

    it('returns nothing for a future window, with lastPosition the head it looked up to', async () => {
      const head = await sut.readHeadPosition();
      expect(await sut.readSince({ since: new Date(Date.now() + 60 * DAY), limit: 10 })).toEqual({ events: [], lastPosition: head });
    });

    it('reads the window through the created_at index, not the whole log', async () => {
      const head = await sut.readHeadPosition();
      const query = buildReadQuery(SINCE_WINDOW, [since, head], { limit: 100 });
      const [row] = await sut.sql.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`,
        query.params,
      );
      const plan = JSON.stringify(row['QUERY PLAN']);

      expect(plan).toContain('"Index Name":"events_created_at_idx"');
      expect(plan).not.toContain('"Node Type":"Seq Scan"');
      // ~2,000 events in the window, 27,000 before it: those are never visited.
      const removed = [...plan.matchAll(/"Rows Removed by Filter":(\d+)/g)].map((m) => Number(m[1]));
      expect(Math.max(0, ...removed)).toBeLessThan(1000);
    });
  });
});
