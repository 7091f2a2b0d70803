import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import { readCommittedTail, readProjectedPage } from './read-projected-events';

describe('reading the log for projections', () => {
  let db: TestEventStore;

  beforeAll(async () => {
    db = await createTestEventStore('projected_events');
    const store = db.eventStore;
    await store.appendToStream('message-m1', [{ type: 'StepDispatched', data: { step: 'a' }, metadata: { actor: 'ops', reason: 'bulk', operationId: 'op-1' } }], 0);
    await store.appendToStream('message-m2', [{ type: 'MessageAccepted', data: { n: 1 }, metadata: { actor: 'svc', correlationId: 'c-1' } }], 0);
    await store.appendToStream('operation-op-1', [{ type: 'OperationCreated', data: { total: 1 }, metadata: { actor: 'ops', reason: 'bulk' } }], 0);
  });
  afterAll(() => db.drop());

  it("gives each event its transaction, its exact time, and of a message event's metadata only the operation", async () => {
    const page = await readProjectedPage(db.eventStore, 0, 10);

    expect(page.events.map((e) => [e.streamId, e.metadata])).toEqual([
      ['message-m1', { operationId: 'op-1' }],
      ['message-m2', {}],
      ['operation-op-1', { actor: 'ops', reason: 'bulk' }],
    ]);
    const [first] = page.events;
    expect(first).toMatchObject({ type: 'StepDispatched', data: { step: 'a' }, streamVersion: 1, xid: expect.stringMatching(/^\d+$/) });
    expect(first.createdAt.getTime()).toBe(Math.floor(Number(first.createdUs) / 1000));
    expect(page.lastPosition).toBe(page.events[2].position);
    expect((await readCommittedTail(db.eventStore.sql, page.events[0].position, 10)).events.map((e) => e.streamId)).toEqual(['message-m2', 'operation-op-1']);
  });
});
