import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import { ENGINE_MIGRATIONS } from '../migrations';
import { TransitionStatsHandler } from './transition-stats.handler';
import { TransitionStatsQuery } from './transition-stats.query';

const T0 = Date.parse('2026-01-01T00:00:00Z');
/** A time `ms` after T0, as PostgreSQL text; `us` adds microseconds the API never shows. */
const at = (ms: number, us = 0) => `${new Date(T0 + ms).toISOString().slice(0, -1)}${String(us).padStart(3, '0')}Z`;
const iso = (ms: number) => new Date(T0 + ms);

/** [type, status after it or null, time in ms after T0, extra microseconds] */
type Row = [string, string | null, number, number?];

describe(TransitionStatsHandler.name, () => {
  let db: TestEventStore;
  let sut: TransitionStatsHandler;
  const stats = (filter: TransitionStatsQuery['filter'] = {}) => sut.execute(new TransitionStatsQuery(filter));

  /** Writes events as they would be stored, at chosen times, and the message's read-model row. */
  const message = async (id: string, saga: string, rows: Row[]) => {
    for (const [i, [type, status, ms, us]] of rows.entries()) {
      await db.eventStore.sql.execute(`INSERT INTO events (stream_id, stream_version, type, data, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        `message-${id}`,
        i + 1,
        type,
        JSON.stringify(status === null ? { runId: 'r' } : { runId: 'r', status }),
        at(ms, us),
      ]);
    }
    await db.eventStore.sql.execute(
      `INSERT INTO messages (id, saga, saga_version, message_type, status, run_id, state, stream_version,
         accepted_position, last_position, created_at, updated_at)
       VALUES ($1, $2, 1, 'command', 'X', 'r', '{}', $3, 1, 1, now(), now())`,
      [id, saga, rows.length],
    );
  };

  beforeAll(async () => {
    db = await createTestEventStore('transition_stats', { migrations: ENGINE_MIGRATIONS });
    sut = new TransitionStatsHandler(db.eventStore);
    await message('done', 'order', [
      ['MessageAccepted', 'PENDING', 0],
      ['StepDispatched', null, 1],
      ['StepStarted', 'PROCESSING', 100],
      ['StepSucceeded', 'PROCESSING', 200],
      ['StepStarted', 'PROCESSING', 300], // the same status again: no transition, the clock runs on
      ['MessageSettled', 'COMPLETED', 500],
    ]);
    await message('replayed', 'order', [
      ['MessageAccepted', 'PENDING', 1_000],
      ['StepStarted', 'PROCESSING', 1_050],
      ['StepFailed', 'PROCESSING', 1_100],
      ['CompensationStarted', 'COMPENSATING', 1_150],
      ['MessageSettled', 'COMPENSATED', 1_450],
      ['ReplayStarted', 'REPLAYING', 5_000],
      ['StepStarted', 'REPLAYING', 5_100],
      ['MessageSettled', 'COMPLETED', 6_000, 456],
    ]);
    await message('withdrawn', 'refund', [
      ['MessageAccepted', 'PENDING', 2_000],
      ['MessageRetracted', 'RETRACTED', 2_030],
    ]);
    // Not a message stream: its statuses are not message statuses.
    await db.eventStore.sql.execute(
      `INSERT INTO events (stream_id, stream_version, type, data, created_at) VALUES
         ('operation-1', 1, 'OperationStarted', '{"status":"running"}', $1), ('operation-1', 2, 'OperationFinished', '{"status":"completed"}', $2)`,
      [at(10), at(20)],
    );
  });
  afterAll(() => db?.drop());

  it('counts and times every status change of every message stream', async () => {
    const chain = await stats();
    expect(chain.counts).toEqual({
      PENDING: { PROCESSING: 2, RETRACTED: 1 },
      PROCESSING: { COMPLETED: 1, COMPENSATING: 1 },
      COMPENSATING: { COMPENSATED: 1 },
      COMPENSATED: { REPLAYING: 1 },
      REPLAYING: { COMPLETED: 1 },
    });
    expect(chain.transitions).toBe(8);
    expect(chain.states).toEqual(['PENDING', 'PROCESSING', 'COMPLETED', 'COMPENSATING', 'COMPENSATED', 'RETRACTED', 'REPLAYING']);
    // PROCESSING lasted 400 ms in 'done' (from its first StepStarted) and 100 ms in 'replayed'.
    expect(chain.meanTimeMs).toEqual({ PENDING: (100 + 50 + 30) / 3, PROCESSING: 250, COMPENSATING: 300, COMPENSATED: 3_550, REPLAYING: 1_000.456 });
    expect(chain.absorption.PENDING.COMPLETED).toBeCloseTo(2 / 3, 12);
    expect(chain.absorption.PENDING.RETRACTED).toBeCloseTo(1 / 3, 12);
    expect(chain.absorption.COMPLETED).toEqual({ COMPLETED: 1 });
  });

  it("keeps to one saga's messages", async () => {
    const chain = await stats({ saga: 'refund' });
    expect(chain.counts).toEqual({ PENDING: { RETRACTED: 1 } });
    expect((await stats({ saga: 'nobody' })).transitions).toBe(0);
  });

  it('selects transitions by the time of the event that made them, seeing the status entered before `from`', async () => {
    const chain = await stats({ from: iso(5_050) });
    expect(chain.counts).toEqual({ REPLAYING: { COMPLETED: 1 } });
    expect(chain.meanTimeMs).toEqual({ REPLAYING: 1_000.456 });
  });

  it('includes a `to` equal to an event time shown to the millisecond', async () => {
    expect((await stats({ from: iso(6_000), to: iso(6_000) })).counts).toEqual({ REPLAYING: { COMPLETED: 1 } });
    expect((await stats({ from: iso(5_001), to: iso(5_999) })).transitions).toBe(0);
    const bounded = await stats({ from: iso(100), to: iso(1_050) });
    expect(bounded.counts).toEqual({ PENDING: { PROCESSING: 2 }, PROCESSING: { COMPLETED: 1 } });
  });

  it('combines the saga and the time window', async () => {
    expect((await stats({ saga: 'refund', from: iso(0), to: iso(2_029) })).transitions).toBe(0);
    expect((await stats({ saga: 'order', from: iso(2_000), to: iso(2_030) })).transitions).toBe(0);
    expect((await stats({ saga: 'refund', from: iso(2_030) })).counts).toEqual({ PENDING: { RETRACTED: 1 } });
  });

  it('answers an empty chain for a window in the future', async () => {
    expect(await stats({ from: new Date(Date.now() + 3_600_000) })).toEqual({
      states: [],
      counts: {},
      probabilities: {},
      absorption: {},
      meanTimeMs: {},
      transitions: 0,
      notes: [],
    });
  });
});
