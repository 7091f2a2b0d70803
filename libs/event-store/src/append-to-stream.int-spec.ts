import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import { EventStore } from './event-store';
import { StreamVersionConflictError } from './stream-version-conflict.error';

const event = (type: string, data: unknown = {}) => ({ type, data });

describe('appendToStream / readStream', () => {
  let db: TestEventStore;
  let sut: EventStore;

  beforeAll(async () => {
    db = await createTestEventStore('append');
    sut = db.eventStore;
  });
  afterAll(() => db?.drop());

  it('appends to a new stream and reads it back oldest first', async () => {
    const result = await sut.appendToStream(
      'message-1',
      [event('MessageAccepted', { a: 1 }), { type: 'StepStarted', data: { b: 'x' }, metadata: { actor: 'ops', runId: 'r1' } }],
      0,
    );

    expect(result.streamVersion).toBe(2);
    expect(result.positions).toHaveLength(2);
    expect(result.positions[1]).toBeGreaterThan(result.positions[0]);
    expect(result.lastPosition).toBe(result.positions[1]);
    const events = await sut.readStream('message-1');
    expect(events.map(({ streamVersion, type, data, position }) => ({ streamVersion, type, data, position }))).toEqual([
      { streamVersion: 1, type: 'MessageAccepted', data: { a: 1 }, position: result.positions[0] },
      { streamVersion: 2, type: 'StepStarted', data: { b: 'x' }, position: result.positions[1] },
    ]);
    expect(events[1].metadata).toEqual({ actor: 'ops', runId: 'r1' });
    expect(events[0].metadata).toEqual({});
    expect(events[0].createdAt).toBeInstanceOf(Date);
    expect(typeof events[0].position).toBe('number');
  });

  it('continues at the expected version and reads from a version', async () => {
    await sut.appendToStream('message-2', [event('A')], 0);
    const result = await sut.appendToStream('message-2', [event('B'), event('C')], 1);

    expect(result.streamVersion).toBe(3);
    expect((await sut.readStream('message-2', { fromVersion: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
  });

  it('refuses a stale expected version, naming stream, expected and actual', async () => {
    await sut.appendToStream('message-3', [event('A'), event('B')], 0);

    const error = await sut.appendToStream('message-3', [event('C')], 1).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StreamVersionConflictError);
    expect(error).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', streamId: 'message-3', expected: 1, actual: 2 });
    expect((error as Error).message).toContain('message-3');
    expect((await sut.readStream('message-3')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('refuses expected version 0 for an existing stream and N for a missing one', async () => {
    await sut.appendToStream('message-4', [event('A')], 0);

    await expect(sut.appendToStream('message-4', [event('B')], 0)).rejects.toMatchObject({ expected: 0, actual: 1 });
    await expect(sut.appendToStream('message-missing', [event('B')], 3)).rejects.toMatchObject({ expected: 3, actual: 0 });
    expect(await sut.readStream('message-missing')).toEqual([]);
  });

  it("'any' appends whatever the version", async () => {
    expect((await sut.appendToStream('message-5', [event('A')], 'any')).streamVersion).toBe(1);
    expect((await sut.appendToStream('message-5', [event('B'), event('C')], 'any')).streamVersion).toBe(3);
  });

  it('lets exactly one of two concurrent appends with the same expected version win', async () => {
    for (let round = 0; round < 20; round++) {
      const streamId = `race-${round}`;
      await sut.appendToStream(streamId, [event('A')], 0);

      const outcomes = await Promise.allSettled([
        sut.appendToStream(streamId, [event('left')], 1),
        sut.appendToStream(streamId, [event('right')], 1),
      ]);

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const [rejected] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected.reason).toBeInstanceOf(StreamVersionConflictError);
      expect(await sut.readStream(streamId)).toHaveLength(2);
    }
  });

  it('lets exactly one of two concurrent creations win, also when one transaction is held open', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = sut.transaction(async (tx) => {
      await sut.appendToStream('created-twice', [event('first')], 0, tx);
      await held;
    });
    await waitUntilLocked(sut);
    const second = sut.appendToStream('created-twice', [event('second')], 0);
    release();

    await first;
    await expect(second).rejects.toBeInstanceOf(StreamVersionConflictError);
    expect((await sut.readStream('created-twice')).map((e) => e.type)).toEqual(['first']);
  });

  it("serialises concurrent 'any' appends to one stream without gaps", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => sut.appendToStream('busy', [event(`E${i}`)], 'any')));

    expect((await sut.readStream('busy')).map((e) => e.streamVersion)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('writes nothing when the transaction rolls back', async () => {
    const before = await sut.readHeadPosition();
    await expect(
      sut.transaction(async (tx) => {
        await sut.appendToStream('rolled-back', [event('A')], 0, tx);
        expect(await sut.readStream('rolled-back', { tx })).toHaveLength(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    expect(await sut.readStream('rolled-back')).toEqual([]);
    expect((await sut.readAll({ after: before, limit: 100 })).events.filter((e) => e.streamId === 'rolled-back')).toEqual([]);
    expect((await sut.appendToStream('rolled-back', [event('again')], 0)).streamVersion).toBe(1);
  });

  it('commits everything done through tx together', async () => {
    await sut.transaction(async (tx) => {
      await sut.appendToStream('tx-a', [event('A')], 0, tx);
      await sut.appendToStream('tx-b', [event('B')], 0, tx);
      await tx.execute('SELECT 1');
    });

    expect(await sut.readStream('tx-a')).toHaveLength(1);
    expect(await sut.readStream('tx-b')).toHaveLength(1);
  });

  it('refuses to commit a transaction whose failed statement was swallowed', async () => {
    await expect(
      sut.transaction(async (tx) => {
        await sut.appendToStream('swallowed', [event('A')], 0, tx);
        await tx.query('SELECT no_such_column FROM events').catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await sut.readStream('swallowed')).toEqual([]);
  });

  it('refuses a taken version inside a transaction without aborting it, so the caller may go on and commit', async () => {
    await sut.appendToStream('in-tx', [event('A'), event('B')], 0);

    const conflicts = await sut.transaction(async (tx) => {
      const refused = [
        await sut.appendToStream('in-tx', [event('late')], 0, tx).catch((e: unknown) => e),
        await sut.appendToStream('in-tx', [event('late'), event('later')], 1, tx).catch((e: unknown) => e),
      ];
      await sut.appendToStream('in-tx-other', [event('C')], 0, tx);
      return refused;
    });

    expect(conflicts).toEqual([expect.objectContaining({ expected: 0, actual: 2 }), expect.objectContaining({ expected: 1, actual: 2 })]);
    expect(conflicts.every((c) => c instanceof StreamVersionConflictError)).toBe(true);
    expect((await sut.readStream('in-tx')).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await sut.readStream('in-tx-other')).toHaveLength(1);
  });

  it('checks the expected version of an empty append without writing', async () => {
    await sut.appendToStream('empty', [event('A')], 0);

    expect(await sut.appendToStream('empty', [], 1)).toEqual({ streamVersion: 1, positions: [], lastPosition: 0 });
    await expect(sut.appendToStream('empty', [], 0)).rejects.toBeInstanceOf(StreamVersionConflictError);
  });

  it('keeps JSON payloads intact', async () => {
    const data = { text: 'quote " backslash \\ brace { } comma , é', nested: [1, null, { deep: true }], n: 1.5 };
    await sut.appendToStream('json', [event('A', data), event('B', null), event('C', 'plain string')], 0);

    expect((await sut.readStream('json')).map((e) => e.data)).toEqual([data, null, 'plain string']);
  });

  it('rejects invalid arguments before touching the database', async () => {
    await expect(sut.appendToStream('', [event('A')], 0)).rejects.toThrow(TypeError);
    await expect(sut.appendToStream('s', [event('A')], -1)).rejects.toThrow(RangeError);
    await expect(sut.appendToStream('s', [{ type: '', data: {} }], 0)).rejects.toThrow(/no type/);
  });

  it('runs plain SQL through sql (rows) and execute (row count)', async () => {
    expect(await sut.sql.query<{ n: number }>('SELECT $1::int AS n', [7])).toEqual([{ n: 7 }]);
    await sut.sql.query('CREATE TABLE scratch (id int)');
    expect(await sut.sql.query('INSERT INTO scratch VALUES (1), (2) RETURNING id')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await sut.sql.execute('UPDATE scratch SET id = id + 1')).toEqual({ rowCount: 2 });
  });
});

/** Waits until some other session holds a lock on this schema's events table (the open append). */
async function waitUntilLocked(store: EventStore): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'events'::regclass AND pid <> pg_backend_pid()`,
    );
    if (row.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the held transaction never locked events');
}
