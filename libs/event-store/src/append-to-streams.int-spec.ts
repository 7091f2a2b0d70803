import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import type { EventStore } from './event-store';
import type { AppendCompanion } from './event-store.types';
import { StreamVersionConflictError } from './stream-version-conflict.error';

/** A read-model-like row written with the append, from the appended rows. */
const note = (id: string, text: string): AppendCompanion => ({
  name: 'note',
  sql: `INSERT INTO notes (id, text, version, position)
        SELECT $1, $2, max(stream_version), max(position) FROM appended HAVING count(*) > 0
        ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, version = EXCLUDED.version, position = EXCLUDED.position`,
  params: [id, text],
});
const tag = (id: string): AppendCompanion => ({
  name: 'tag',
  sql: `INSERT INTO tags (id) SELECT $1 WHERE EXISTS (SELECT 1 FROM appended)`,
  params: [id],
});

describe('append companions and the append signal', () => {
  let db: TestEventStore;
  let sut: EventStore;

  beforeAll(async () => {
    db = await createTestEventStore('append_companions');
    sut = db.eventStore;
    await sut.sql.query(`CREATE TABLE notes (id text PRIMARY KEY, text text, version int, position bigint)`);
    await sut.sql.query(`CREATE TABLE tags (id text)`);
  });
  afterAll(() => db?.drop());

  const notes = (id: string) => sut.sql.query<{ text: string; version: number; position: string }>(`SELECT text, version, position FROM notes WHERE id = $1`, [id]);
  const tags = async (id: string) => (await sut.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM tags WHERE id = $1`, [id]))[0].n;

  it('writes the companions in the append statement, seeing the appended rows', async () => {
    const first = await sut.appendToStream('s-1', [{ type: 'A', data: {} }], 0, undefined, [note('s-1', 'one'), tag('s-1')]);
    expect(await notes('s-1')).toEqual([{ text: 'one', version: 1, position: String(first.lastPosition) }]);
    const second = await sut.appendToStream('s-1', [{ type: 'B', data: {} }, { type: 'C', data: {} }], 1, undefined, [note('s-1', 'two')]);
    expect(second.streamVersion).toBe(3);
    expect(await notes('s-1')).toEqual([{ text: 'two', version: 3, position: String(second.lastPosition) }]);
    expect(await tags('s-1')).toBe(1);
  });

  it('changes nothing, companions included, when the version check fails', async () => {
    await sut.appendToStream('s-2', [{ type: 'A', data: {} }], 0, undefined, [note('s-2', 'kept')]);
    await expect(sut.appendToStream('s-2', [{ type: 'B', data: {} }], 0, undefined, [note('s-2', 'lost'), tag('s-2')])).rejects.toBeInstanceOf(
      StreamVersionConflictError,
    );
    expect((await notes('s-2'))[0].text).toBe('kept');
    expect(await tags('s-2')).toBe(0);
    expect(await sut.readStream('s-2')).toHaveLength(1);
  });

  it('runs companions inside a caller transaction and rolls them back with it', async () => {
    await expect(
      sut.transaction(async (tx) => {
        await sut.appendToStream('s-3', [{ type: 'A', data: {} }], 0, tx, [tag('s-3')]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await tags('s-3')).toBe(0);
  });

  it('refuses companions without events', async () => {
    await expect(sut.appendToStream('s-4', [], 'any', undefined, [tag('s-4')])).rejects.toThrow(/companions need at least one event/);
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
      expect(signals).toBe(3);
      expect(seen.every((n) => n === 1)).toBe(true);
    } finally {
      unsubscribe();
    }
  });
});
