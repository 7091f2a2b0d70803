import { foldMessage, type MessageEvent, type ReplyIgnored } from '@retrace/domain';
import { MessageWriter } from '@retrace/engine';
import { EventStore } from '@retrace/event-store';
import { holdTransaction } from '@retrace/testing';
import { startTestApp, type TestApp } from './support/test-app';

/** A decision that records an ignored reply: it changes no state, so any number can be written. */
const ignored = (why: string): MessageEvent[] => [
  { type: 'ReplyIgnored', data: { runId: 'r', step: 'only', kind: 'action', attempt: 1, outcome: 'succeeded', why } } satisfies ReplyIgnored,
];
const metadata = () => ({ actor: 'test', reason: null });

describe('message writer: decisions of many messages share a commit, one message takes turns (e2e)', () => {
  let t: TestApp;
  let writer: MessageWriter;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp('group_commit', {}, { decisionBatchSize: 50, decisionCommitsInFlight: 1 });
    writer = t.app.get(MessageWriter);
    store = t.app.get(EventStore);
    // Nobody listens on this queue: delayed messages stay PENDING while the test writes to them.
    await t.http
      .put('/v1/sagas/idle')
      .send({ version: 1, steps: [{ name: 'only', action: { queue: 'nobody.listens' } }] })
      .expect(201);
  });
  afterAll(() => t?.close());

  const publish = (id: string) => t.http.post('/v1/messages').send({ saga: 'idle', id, payload: {}, delayMs: 600_000 }).expect(202);
  const history = async (id: string) => (await t.http.get(`/v1/messages/${id}/events`).expect(200)).body.events as MessageEvent[];
  const row = async (id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body as { status: string };

  it('commits concurrent decisions of different messages in fewer statements than decisions, in id order, each as decided', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `batch-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map(publish));
    // Every third message one event further on, so a result handed to the wrong caller shows.
    const ahead = ids.filter((_, i) => i % 3 === 0);
    await Promise.all(ahead.map((id) => writer.write(id, () => ignored('ahead'), metadata)));
    const statements = jest.spyOn(store, 'appendToStreams');
    try {
      const reversed = [...ids].reverse();
      const results = await Promise.all(reversed.map((id) => writer.write(id, () => ignored(id), metadata)));
      expect(results.map((r) => [r.message.id, r.message.streamVersion])).toEqual(reversed.map((id) => [id, ahead.includes(id) ? 4 : 3]));
      // One commit runs at a time, so all but the first wait and go together, in message-id order.
      const batches = statements.mock.calls.map(([appends]) => appends.map((a) => a.streamId));
      expect(batches.length).toBeLessThan(ids.length / 2);
      for (const batch of batches) expect(batch).toEqual([...batch].sort());
    } finally {
      statements.mockRestore();
    }
    for (const id of ids.slice(0, 3)) {
      const events = await history(id);
      expect(events.at(-1)).toMatchObject({ type: 'ReplyIgnored', data: { why: id } });
      expect(foldMessage(events).status).toBe((await row(id)).status);
    }
  });

  it('writes concurrent decisions of one message one after another, each on the state the one before left', async () => {
    await publish('turns');
    let decisions = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writer.write(
          'turns',
          () => {
            decisions++;
            return ignored(`turn-${i}`);
          },
          metadata,
        ),
      ),
    );
    expect(results.map((r) => r.message.streamVersion)).toEqual(Array.from({ length: 10 }, (_, i) => 3 + i));
    const events = await history('turns');
    expect(events.slice(2).map((e) => (e as ReplyIgnored).data.why)).toEqual(Array.from({ length: 10 }, (_, i) => `turn-${i}`));
    // No decision was taken twice: none was refused for a stale state.
    expect(decisions).toBe(10);
  });

  it('refuses only the decision whose stream a writer in flight took, and commits the rest of its batch', async () => {
    // Transactions that appended the first event of a stream and commit when told: writers in flight.
    const holdStream = (streamId: string) => holdTransaction(store, (tx) => store.appendToStream(streamId, [{ type: 'Foreign', data: {} }], 0, tx));
    const gate = await holdStream('message-gate');
    const taken = await holdStream('message-taken');
    // The only commit slot blocks on the gate's in-flight version; the next publishes queue behind it
    // and then share one statement, which blocks on `taken` until that commits.
    const publish = (id: string) => t.http.post('/v1/messages').send({ saga: 'idle', id, payload: {}, delayMs: 600_000 }).then((r) => r.status);
    const gatePublish = publish('gate');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids = ['mixed-1', 'mixed-2', 'mixed-3'];
    const publishes = [...ids, 'taken'].map(publish);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gate.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await taken.release();
    expect(await Promise.all([gatePublish, ...publishes])).toEqual([409, 202, 202, 202, 409]);
    for (const id of ids) expect((await row(id)).status).toBe('PENDING');
  });

  it('takes a batch again when PostgreSQL reports a deadlock, and gives up after three statements', async () => {
    // A deadlock PostgreSQL reports rolls the whole statement back; nothing of it was written.
    const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await publish('deadlock-once');
    const once = jest.spyOn(store, 'appendToStreams').mockRejectedValueOnce(deadlock());
    try {
      const result = await writer.write('deadlock-once', () => ignored('after a deadlock'), metadata);
      expect(result.message.streamVersion).toBe(3);
      expect(once).toHaveBeenCalledTimes(2);
    } finally {
      once.mockRestore();
    }
    expect((await history('deadlock-once')).map((e) => e.type)).toEqual(['MessageAccepted', 'StepDispatched', 'ReplyIgnored']);

    await publish('deadlock-always');
    const always = jest.spyOn(store, 'appendToStreams').mockRejectedValue(deadlock());
    try {
      await expect(writer.write('deadlock-always', () => ignored('never'), metadata)).rejects.toMatchObject({ code: '40P01' });
      expect(always).toHaveBeenCalledTimes(3);
    } finally {
      always.mockRestore();
    }
    expect((await history('deadlock-always')).map((e) => e.type)).toEqual(['MessageAccepted', 'StepDispatched']);
  });

  it('takes a decision again on the newer state when another writer appended since this one cached the message', async () => {
    await publish('stale');
    await writer.write('stale', () => ignored('mine'), metadata);
    // A replica, whose writer has a cache of its own, writes in between.
    const replica = await startTestApp('group_commit_replica', {}, {}, { join: t });
    try {
      await replica.app.get(MessageWriter).write('stale', () => ignored('theirs'), metadata);
    } finally {
      await replica.close();
    }
    let decisions = 0;
    const result = await writer.write(
      'stale',
      () => {
        decisions++;
        return ignored('mine again');
      },
      metadata,
    );
    expect(result.message.streamVersion).toBe(5);
    // Taken on the cached state, refused, then taken again on the row read back.
    expect(decisions).toBe(2);
    expect((await history('stale')).slice(2).map((e) => (e as ReplyIgnored).data.why)).toEqual(['mine', 'theirs', 'mine again']);
  });
});
