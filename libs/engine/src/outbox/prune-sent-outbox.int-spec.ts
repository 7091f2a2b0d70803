import { createTestEventStore, holdTransaction, type TestEventStore } from '@retrace/testing';
import { ENGINE_MIGRATIONS } from '../migrations';
import { pruneSentOutbox } from './prune-sent-outbox';

const HOUR_MS = 3_600_000;

describe(pruneSentOutbox.name, () => {
  let db: TestEventStore;
  const sql = () => db.eventStore.sql;

  /** A message row whose state has `current` as given (null: nothing in flight). */
  const message = (id: string, current: unknown) =>
    sql().execute(
      `INSERT INTO messages (id, saga, saga_version, message_type, status, run_id, state, stream_version, accepted_position, last_position, created_at, updated_at)
       VALUES ($1, 'orders', 1, 'command', 'RUNNING', 'run-1', $2, 1, 1, 1, now(), now())`,
      [id, JSON.stringify({ id, current })],
    );
  /** An outbox row of `messageId`, sent `sentAgoMs` ago (null: not sent). */
  const row = (jobId: string, messageId: string, sentAgoMs: number | null) =>
    sql().execute(
      `INSERT INTO outbox (job_id, queue, message_id, data, options, sent_at)
       VALUES ($1, 'orders.reserve', $2, '{}', '{}', CASE WHEN $3::float8 IS NULL THEN NULL ELSE now() - $3::float8 * interval '1 millisecond' END)`,
      [jobId, messageId, sentAgoMs],
    );
  const left = async () => (await sql().query<{ job_id: string }>(`SELECT job_id FROM outbox ORDER BY job_id`)).map((r) => r.job_id);

  beforeAll(async () => {
    db = await createTestEventStore('prune_outbox', { migrations: ENGINE_MIGRATIONS });
  });
  afterAll(() => db.drop());
  beforeEach(() => sql().execute(`TRUNCATE outbox, messages`));

  it('deletes sent rows old enough of messages with nothing in flight, and only those', async () => {
    await message('settled', null);
    await message('busy', { step: 'charge', kind: 'action', attempt: 1 });
    await row('settled-old', 'settled', 2 * HOUR_MS);
    await row('settled-young', 'settled', 1000);
    await row('settled-unsent', 'settled', null);
    await row('busy-old', 'busy', 2 * HOUR_MS);
    await row('no-message-old', 'missing', 2 * HOUR_MS);

    expect(await pruneSentOutbox(sql(), HOUR_MS, 100)).toBe(1);

    expect(await left()).toEqual(['busy-old', 'no-message-old', 'settled-unsent', 'settled-young']);
  });

  it('deletes at most `limit` rows, oldest first, and skips a row another transaction holds', async () => {
    await message('settled', null);
    for (const n of [1, 2, 3, 4]) await row(`job-${n}`, 'settled', 2 * HOUR_MS);

    const holder = await holdTransaction(db.eventStore, (tx) => tx.query(`SELECT 1 FROM outbox WHERE job_id = 'job-1' FOR UPDATE`));

    expect(await pruneSentOutbox(sql(), HOUR_MS, 2)).toBe(2);
    expect(await left()).toEqual(['job-1', 'job-4']);
    await holder.release();
    expect(await pruneSentOutbox(sql(), HOUR_MS, 2)).toBe(2);
    expect(await left()).toEqual([]);
  });
});
