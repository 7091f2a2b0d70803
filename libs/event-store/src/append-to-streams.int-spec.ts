import { createTestEventStore, holdTransaction, type TestEventStore } from '@retrace/testing';
import type { EventStore } from './event-store';
import type { AppendCompanion } from './event-store.types';
import { StreamVersionConflictError } from './stream-version-conflict.error';

/** A read-model-like row per stream, written with the append from that stream's appended rows. */
const notes = (rows: [streamId: string, text: string][]): AppendCompanion => ({
  name: 'notes',
  sql: `INSERT INTO notes (id, text, version, position)
        SELECT n.id, n.text, a.version, a.position
        FROM unnest($1::text[], $2::text[]) AS n(id, text)
        JOIN (SELECT stream_id, max(stream_version) AS version, max(position) AS position FROM appended GROUP BY stream_id) a ON a.stream_id = n.id
        ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, version = EXCLUDED.version, position = EXCLUDED.position`,
  params: [rows.map(([id]) => id), rows.map(([, text]) => text)],
});
const event = (type: string) => ({ type, data: { type } });

describe('appendToStreams: many streams and their companions in one statement', () => {
  let db: TestEventStore;
  let sut: EventStore;

  beforeAll(async () => {
    db = await createTestEventStore('append_streams');
    sut = db.eventStore;
    await sut.sql.query(`CREATE TABLE notes (id text PRIMARY KEY, text text, version int, position bigint)`);
  });
  afterAll(() => db?.drop());

  const note = async (id: string) =>
    (await sut.sql.query<{ text: string; version: number; position: string }>(`SELECT text, version, position FROM notes WHERE id = $1`, [id]))[0];

  it('appends to each stream after its expected version, positions in the order given, companions per stream', async () => {
    await sut.appendToStream('a-2', [event('A1')], 0);
    const results = await sut.appendToStreams(
      [
        { streamId: 'a-1', expectedVersion: 0, events: [event('A1'), event('A2')] },
        { streamId: 'a-2', expectedVersion: 1, events: [event('B2')] },
      ],
      [notes([['a-1', 'one'], ['a-2', 'two']])],
    );
    expect(results.map((r) => r?.streamVersion)).toEqual([2, 2]);
    const [first, second] = results;
    expect(first!.positions).toHaveLength(2);
    expect(first!.positions[0]).toBeLessThan(first!.positions[1]);
    expect(first!.lastPosition).toBeLessThan(second!.positions[0]);
    expect((await sut.readStream('a-1')).map((e) => [e.streamVersion, e.type, e.position])).toEqual([
      [1, 'A1', first!.positions[0]],
      [2, 'A2', first!.positions[1]],
    ]);
    expect(await note('a-1')).toEqual({ text: 'one', version: 2, position: String(first!.lastPosition) });
    expect(await note('a-2')).toEqual({ text: 'two', version: 2, position: String(second!.lastPosition) });
  });

  it('carries each event its own data and metadata, whatever JSON they hold, in both append paths', async () => {
    // Values that a text-array literal would have to escape, and ones JSON keeps apart only by type.
    const awkward = [
      { quote: 'say "hi"', backslash: 'C:\\dir\\', newline: 'a\nb', braces: '{1,2}', unicode: 'çé 😀', empty: '' },
      null,
      ['a', 1, true, null, { nested: [{ deep: 'x"y' }] }],
      'a string',
      0,
    ];
    const events = awkward.map((data, i) => ({ type: `T${i}`, data, metadata: { actor: `actor "${i}"`, reason: i % 2 ? null : 'because\\' } }));
    await sut.appendToStreams([
      { streamId: 'j-1', expectedVersion: 0, events: events.slice(0, 3) },
      { streamId: 'j-2', expectedVersion: 0, events: events.slice(3) },
    ]);
    await sut.appendToStream('j-3', events, 0);
    const read = async (id: string) => (await sut.readStream(id)).map((e) => [e.type, e.data, e.metadata]);
    const expected = events.map((e) => [e.type, e.data, expect.objectContaining(e.metadata)]);
    expect([...(await read('j-1')), ...(await read('j-2'))]).toEqual(expected);
    expect(await read('j-3')).toEqual(expected);
  });

  it('refuses only the streams not at their expected version: nothing of theirs is written, the rest is', async () => {
    await sut.appendToStream('r-1', [event('A'), event('B')], 0);
    const results = await sut.appendToStreams(
      [
        { streamId: 'r-1', expectedVersion: 1, events: [event('stale')] },
        { streamId: 'r-2', expectedVersion: 0, events: [event('new')] },
        { streamId: 'r-3', expectedVersion: 4, events: [event('ahead')] },
      ],
      [notes([['r-1', 'lost'], ['r-2', 'kept'], ['r-3', 'lost']])],
    );
    expect(results.map((r) => r?.streamVersion ?? null)).toEqual([null, 1, null]);
    expect((await sut.readStream('r-1')).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await sut.readStream('r-3')).toEqual([]);
    expect(await note('r-1')).toBeUndefined();
    expect(await note('r-2')).toMatchObject({ text: 'kept', version: 1 });
  });

  it('refuses an append whose guard stream moved on, and writes the ones whose guard holds', async () => {
    await sut.appendToStream('g-saga', [event('registered v1')], 0);
    const guarded = (id: string, version: number) => ({ streamId: id, expectedVersion: 0, events: [event('accepted')], guard: { streamId: 'g-saga', version } });

    const results = await sut.appendToStreams(
      [guarded('g-1', 1), guarded('g-2', 0), { ...guarded('g-3', 0), guard: { streamId: 'g-none', version: 0 } }],
      [notes([['g-1', 'held'], ['g-2', 'moved'], ['g-3', 'empty guard']])],
    );

    expect(results.map((r) => r?.streamVersion ?? null)).toEqual([1, null, 1]);
    expect(await sut.readStream('g-2')).toEqual([]);
    expect(await note('g-2')).toBeUndefined();
    expect((await sut.readStream('g-saga')).map((e) => e.type)).toEqual(['registered v1']); // a guard only reads
  });

  it("gives a companion back its returned values, none of a refused stream's, while the appends' results stay as they were", async () => {
    await sut.appendToStream('v-2', [event('A')], 0);
    await sut.sql.query(`INSERT INTO notes (id, text) VALUES ('v-3', 'before')`);
    let returned: string[] | undefined;
    const noted: AppendCompanion = {
      ...notes([['v-1', 'one'], ['v-2', 'refused'], ['v-3', 'kept as it was']]),
      name: 'notes_returning',
      sql: `INSERT INTO notes (id, text) SELECT n.id, n.text FROM unnest($1::text[], $2::text[]) AS n(id, text)
            WHERE EXISTS (SELECT 1 FROM appended a WHERE a.stream_id = n.id)
            ON CONFLICT (id) DO NOTHING RETURNING id AS returned`,
      onReturned: (values) => (returned = values),
    };

    const results = await sut.appendToStreams(
      ['v-1', 'v-2', 'v-3'].map((streamId) => ({ streamId, expectedVersion: 0, events: [event('A'), event('B')] })),
      [noted],
    );

    expect(results.map((r) => r?.streamVersion ?? null)).toEqual([2, null, 2]);
    expect(results[0]!.positions).toHaveLength(2);
    expect(returned).toEqual(['v-1']);
    expect(await note('v-3')).toMatchObject({ text: 'before' });
  });

  it('holds a session of its own across commits until released', async () => {
    const session = await sut.session();
    const pid = async (sql = session.sql) => (await sql.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))[0].pid;
    const held = await pid();
    await session.sql.query(`SELECT pg_advisory_lock(7, 7)`);
    await sut.appendToStreams([{ streamId: 'h-1', expectedVersion: 0, events: [event('A')] }], [], session.sql);

    // Autocommitted: visible to others at once, while the lock stays with the session.
    expect(await sut.readStreamVersion('h-1')).toBe(1);
    expect(await sut.sql.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = $1`, [held])).toHaveLength(1);
    await session.sql.query(`SELECT pg_advisory_unlock_all()`);
    session.release();
    session.release();
    expect(await pid(sut.sql)).toBeGreaterThan(0);
  });

  it("runs transactions on a session's connection: committed or rolled back, and its session locks outlive them", async () => {
    const session = await sut.session();
    await session.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_lock(8, 8)`);
      await sut.appendToStreams([{ streamId: 'st-1', expectedVersion: 0, events: [event('A')] }], [], tx);
    });
    await expect(
      session.transaction(async (tx) => {
        await sut.appendToStreams([{ streamId: 'st-2', expectedVersion: 0, events: [event('A')] }], [], tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');

    expect([await sut.readStreamVersion('st-1'), await sut.readStreamVersion('st-2')]).toEqual([1, 0]);
    expect(await sut.sql.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 8 AND objid = 8 AND objsubid = 2`)).toHaveLength(1);
    await session.sql.query(`SELECT pg_advisory_unlock_all()`);
    session.release();
  });

  it('refuses a stream that exists when its append expects none', async () => {
    await sut.appendToStream('c-1', [event('A')], 0);
    expect(await sut.appendToStreams([{ streamId: 'c-1', expectedVersion: 0, events: [event('again')] }])).toEqual([null]);
  });

  it('fails whole, naming the stream, when a writer in flight takes a version', async () => {
    await sut.appendToStream('f-1', [event('A')], 0);
    // Another writer has taken version 2 and not committed yet.
    const inFlight = await holdTransaction(sut, (tx) => sut.appendToStream('f-1', [event('B')], 1, tx));
    const batch = sut.appendToStreams(
      [
        { streamId: 'f-2', expectedVersion: 0, events: [event('X')] },
        { streamId: 'f-1', expectedVersion: 1, events: [event('C')] },
      ],
      [notes([['f-2', 'lost']])],
    );
    setTimeout(() => void inFlight.release(), 100);
    await expect(batch).rejects.toMatchObject({ constructor: StreamVersionConflictError, streamId: 'f-1', actual: 2 });
    await inFlight.release();
    expect(await sut.readStream('f-2')).toEqual([]);
    expect(await note('f-2')).toBeUndefined();
    expect((await sut.readStream('f-1')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('runs inside a caller transaction and rolls back with it', async () => {
    await expect(
      sut.transaction(async (tx) => {
        await sut.appendToStreams([{ streamId: 't-1', expectedVersion: 0, events: [event('A')] }], [notes([['t-1', 'gone']])], tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await sut.readStream('t-1')).toEqual([]);
    expect(await note('t-1')).toBeUndefined();
  });

  it('refuses a malformed batch before touching the database', async () => {
    await expect(sut.appendToStreams([])).rejects.toThrow(/at least one append/);
    await expect(
      sut.appendToStreams([
        { streamId: 'd-1', expectedVersion: 0, events: [event('A')] },
        { streamId: 'd-1', expectedVersion: 1, events: [event('B')] },
      ]),
    ).rejects.toThrow(/d-1 appears twice/);
    await expect(sut.appendToStreams([{ streamId: 'd-2', expectedVersion: 0, events: [] }])).rejects.toThrow(/at least one event/);
    await expect(sut.appendToStreams([{ streamId: 'd-3', expectedVersion: -1, events: [event('A')] }])).rejects.toThrow(RangeError);
    await expect(sut.appendToStreams([{ streamId: 'd-4', expectedVersion: 0, events: [{ type: '', data: {} }] }])).rejects.toThrow(/has no type/);
    expect(await sut.readStream('d-1')).toEqual([]);
  });

  it('signals listeners in this process after commit, never for a rolled-back transaction', async () => {
    let signals = 0;
    const seen: number[] = [];
    const unsubscribe = sut.onAppended(() => {
      signals++;
      // After commit: a fresh connection already sees the stream.
      void sut.readStream('s-5').then((events) => seen.push(events.length));
    });
    try {
      await sut.appendToStream('s-5', [{ type: 'A', data: {} }], 0);
      // A batch that appended signals once; one whose every stream was refused does not.
      await sut.appendToStreams([{ streamId: 's-10', expectedVersion: 0, events: [event('A')] }]);
      await sut.appendToStreams([{ streamId: 's-5', expectedVersion: 0, events: [event('A')] }]);
      await sut.transaction(async (tx) => {
        await sut.appendToStream('s-6', [{ type: 'A', data: {} }], 0, tx);
        await sut.appendToStream('s-7', [{ type: 'A', data: {} }], 0, tx);
      });
      await sut.transaction(async (tx) => sut.appendToStream('s-8', [{ type: 'A', data: {} }], 0, tx)).catch(() => undefined);
      await sut
        .transaction(async (tx) => {
          await sut.appendToStream('s-9', [{ type: 'A', data: {} }], 0, tx);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(signals).toBe(4);
      expect(seen.every((n) => n === 1)).toBe(true);
    } finally {
      unsubscribe();
    }
  });
});
