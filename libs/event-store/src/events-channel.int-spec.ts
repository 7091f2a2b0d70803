import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import type { EventStore } from './event-store';
import { EVENTS_CHANNEL_SQL } from './events-channel';
import type { Listener } from './listen';

describe('append NOTIFYs the events channel', () => {
  let db: TestEventStore;
  let sut: EventStore;
  let listener: Listener;
  let notified = 0;

  beforeAll(async () => {
    db = await createTestEventStore('events_channel');
    sut = db.eventStore;
    listener = await sut.listen(EVENTS_CHANNEL_SQL, () => notified++, () => undefined);
  });
  afterAll(async () => {
    await listener?.close();
    await db?.drop();
  });

  /** Counts notifications delivered while `fn` runs and a moment after. */
  const notificationsDuring = async (fn: () => Promise<unknown>): Promise<number> => {
    const before = notified;
    await fn().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));
    return notified - before;
  };

  it('once per committed transaction, however many appends it made', async () => {
    expect(await notificationsDuring(() => sut.appendToStream('a', [{ type: 'A', data: {} }], 0))).toBe(1);
    expect(await notificationsDuring(() => sut.appendToStream('a', [{ type: 'A', data: {} }, { type: 'B', data: {} }], 1))).toBe(1);
    const three = () =>
      sut.transaction(async (tx) => {
        for (const stream of ['b', 'c', 'd']) await sut.appendToStream(stream, [{ type: 'A', data: {} }], 0, tx);
      });
    expect(await notificationsDuring(three)).toBe(1);
  });

  it('never for a rolled-back transaction', async () => {
    const rolledBack = () =>
      sut.transaction(async (tx) => {
        await sut.appendToStream('e', [{ type: 'A', data: {} }], 0, tx);
        throw new Error('roll back');
      });
    expect(await notificationsDuring(rolledBack)).toBe(0);
  });
});
