import type { MessageEvent, MessageState, ReplyIgnored } from '@retrace/domain';
import { MessageWriter } from '@retrace/engine';
import { StepWithdrawer } from '@retrace/engine/dispatch/step-withdrawer';
import { actOnItems, type PendingItem } from '@retrace/engine/operations/act-on-items';
import { OperationRepository } from '@retrace/engine/operations/operation-repository';
import type { SettledItem } from '@retrace/engine/projections/operation-settlement';
import { EventStore, type SqlRunner } from '@retrace/event-store';
import { startTestApp, type TestApp } from './support/test-app';

const ignored: MessageEvent[] = [
  { type: 'ReplyIgnored', data: { runId: 'r', step: 'only', kind: 'action', attempt: 1, outcome: 'succeeded', why: 'moved on' } } satisfies ReplyIgnored,
];

/**
 * A bulk operation's items acted on together (the runner is off: the test drives actOnItems). Each
 * case retracts delayed messages of its own, so the cases do not depend on one another.
 */
describe('acting on an operation\'s items in one transaction (e2e)', () => {
  let t: TestApp;
  let writer: MessageWriter;
  let store: EventStore;
  let withdrawer: StepWithdrawer;

  beforeAll(async () => {
    t = await startTestApp('act_on_items', {}, { operations: false });
    writer = t.app.get(MessageWriter);
    store = t.app.get(EventStore);
    withdrawer = t.app.get(StepWithdrawer);
    await t.http.put('/v1/sagas/idle').send({ version: 1, steps: [{ name: 'only', action: { queue: 'nobody.listens' } }] }).expect(201);
  });
  afterAll(() => t?.close());

  const status = async (id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body.status as string;
  const itemStates = async (opId: string) =>
    (await store.sql.query<{ message_id: string; state: string }>(`SELECT message_id, state FROM operation_items WHERE operation_id = $1 ORDER BY seq`, [opId])).map(
      (row) => `${row.message_id}:${row.state}`,
    );

  /** Publishes delayed messages `ids` and creates a retract operation over them; the runner is off, so its items wait. */
  async function retractOperation(ids: string[]) {
    const [{ head }] = await store.sql.query<{ head: string }>(`SELECT coalesce(max(position), 0) AS head FROM events`);
    const from = Number(head) + 1;
    for (const id of ids) await t.http.post('/v1/messages').send({ saga: 'idle', id, payload: {}, delayMs: 600_000 }).expect(202);
    const res = await t.http.post('/v1/admin/operations').send({ action: 'retract', reason: 'test', selector: { saga: 'idle', fromPosition: from } }).expect(202);
    expect(res.body.matched).toBe(ids.length);
    const op = (await t.app.get(OperationRepository).find(res.body.id))!;
    const rows = await store.sql.query<{ seq: number; message_id: string }>(`SELECT seq, message_id FROM operation_items WHERE operation_id = $1 ORDER BY seq`, [op.id]);
    const items: PendingItem[] = rows.map((row) => ({ seq: row.seq, messageId: row.message_id }));
    return { op, items };
  }

  /** A settle that only records what it was given. */
  function recordingSettle() {
    const settled: SettledItem[] = [];
    return { settled, settle: async (_tx: SqlRunner, items: SettledItem[]) => void settled.push(...items) };
  }

  it('turns every item acting and commits all their decisions in one statement', async () => {
    const { op, items } = await retractOperation(['one-1', 'one-2', 'one-3']);
    const statements = jest.spyOn(store, 'appendToStreams');
    try {
      const { settle } = recordingSettle();
      await expect(actOnItems(writer, withdrawer, op, items, settle)).resolves.toBe(3);
      expect(statements).toHaveBeenCalledTimes(1);
      expect(statements.mock.calls[0][0]).toHaveLength(3);
    } finally {
      statements.mockRestore();
    }
    expect(await itemStates(op.id)).toEqual(['one-1:acting', 'one-2:acting', 'one-3:acting']);
    expect(await Promise.all(['one-1', 'one-2', 'one-3'].map(status))).toEqual(['RETRACTED', 'RETRACTED', 'RETRACTED']);
  });

  it('leaves out an item another runner took, and acts on the rest', async () => {
    const { op, items } = await retractOperation(['took-1', 'took-2']);
    await store.sql.query(`UPDATE operation_items SET state = 'acting' WHERE operation_id = $1 AND message_id = 'took-1'`, [op.id]);
    await expect(actOnItems(writer, withdrawer, op, items, recordingSettle().settle)).resolves.toBe(1);
    expect([await status('took-1'), await status('took-2')]).toEqual(['PENDING', 'RETRACTED']);
  });

  it('puts an item whose message moved on meanwhile back to pending, and acts on the rest', async () => {
    const { op, items } = await retractOperation(['moved-1', 'moved-2']);
    // Another writer appends to moved-1 after the batch read it and before its statement.
    const racing = {
      withdraw: async (tx: SqlRunner, id: string, state: MessageState) => {
        if (id === 'moved-1') await writer.write(id, () => ignored, () => ({ actor: 'test', reason: null }));
        return withdrawer.withdraw(tx, id, state);
      },
    } as unknown as StepWithdrawer;
    await expect(actOnItems(writer, racing, op, items, recordingSettle().settle)).resolves.toBe(1);
    expect(await itemStates(op.id)).toEqual(['moved-1:pending', 'moved-2:acting']);
    expect([await status('moved-1'), await status('moved-2')]).toEqual(['PENDING', 'RETRACTED']);
  });

  it('skips an item its message\'s status refuses, fails one whose message is gone, and settles both in the transaction', async () => {
    const { op, items } = await retractOperation(['refuse-1', 'refuse-2']);
    await t.http.post('/v1/admin/messages/refuse-1/retract').send({ reason: 'by hand first' }).expect(202);
    await store.sql.query(`INSERT INTO operation_items (operation_id, seq, message_id) VALUES ($1, 99, 'refuse-ghost')`, [op.id]);
    const { settled, settle } = recordingSettle();
    await expect(actOnItems(writer, withdrawer, op, [...items, { seq: 99, messageId: 'refuse-ghost' }], settle)).resolves.toBe(3);
    expect(settled.map(({ seq, state }) => ({ seq, state }))).toEqual([
      { seq: items[0].seq, state: 'skipped' },
      { seq: 99, state: 'failed' },
    ]);
    expect(settled[1].detail).toContain('refuse-ghost');
    expect(await status('refuse-2')).toBe('RETRACTED');
  });

  it('rolls every item back when the work of one fails: nothing is acted on', async () => {
    const { op, items } = await retractOperation(['fail-1', 'fail-2']);
    const failing = {
      withdraw: async (tx: SqlRunner, id: string, state: MessageState) => {
        if (id === 'fail-2') throw new Error('Redis is away');
        return withdrawer.withdraw(tx, id, state);
      },
    } as unknown as StepWithdrawer;
    await expect(actOnItems(writer, failing, op, items, recordingSettle().settle)).rejects.toThrow('Redis is away');
    expect(await itemStates(op.id)).toEqual(['fail-1:pending', 'fail-2:pending']);
    expect([await status('fail-1'), await status('fail-2')]).toEqual(['PENDING', 'PENDING']);
    await expect(actOnItems(writer, withdrawer, op, items, recordingSettle().settle)).resolves.toBe(2);
    expect([await status('fail-1'), await status('fail-2')]).toEqual(['RETRACTED', 'RETRACTED']);
  });
});
