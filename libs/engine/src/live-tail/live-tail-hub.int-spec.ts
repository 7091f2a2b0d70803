import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import type { EventStore } from '@retrace/event-store';
import { LiveTailHub } from './live-tail-hub';

describe(LiveTailHub.name, () => {
  let db: TestEventStore;
  let store: EventStore;
  let sut: LiveTailHub;
  const forever = new AbortController().signal;

  beforeEach(async () => {
    db = await createTestEventStore('live_tail_hub');
    store = db.eventStore;
  });
  afterEach(async () => {
    await sut?.onApplicationShutdown();
    await db?.drop();
  });

  const hub = (pollMs: number) => (sut = new LiveTailHub(store, { pollMs, heartbeatMs: 15_000, batchSize: 100 }));
  const isSettled = async (promise: Promise<unknown>, withinMs: number) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), withinMs)));
    return Promise.race([promise.then(() => true), late]).finally(() => clearTimeout(timer));
  };

  it('wakes every waiter behind the head on a commit, through NOTIFY (no polling needed)', async () => {
    hub(60_000);
    const head = await store.readHeadPosition();
    const waits = [sut.waitBeyond(head, forever), sut.waitBeyond(head, forever)];
    expect(await isSettled(Promise.race(waits), 200)).toBe(false);
    await store.appendToStream('a', [{ type: 'A', data: {} }], 0);
    expect(await isSettled(Promise.all(waits), 2000)).toBe(true);
    expect(sut.waiting).toBe(0);
  });

  it('falls back to polling when the head moves without a notification (a rollback)', async () => {
    hub(100);
    const head = await store.readHeadPosition();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const doomed = store.transaction(async (tx) => {
      await store.appendToStream('doomed', [{ type: 'A', data: {} }], 0, tx);
      await held;
      throw new Error('roll back');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const kept = await store.appendToStream('kept', [{ type: 'A', data: {} }], 0);
    const wait = sut.waitBeyond(head, forever);
    // The commit notified, but the open transaction holds the head back.
    expect(await isSettled(wait, 400)).toBe(false);
    release();
    await doomed.catch(() => undefined);
    expect(await isSettled(wait, 2000)).toBe(true);
    expect(await store.readHeadPosition()).toBeGreaterThanOrEqual(kept.lastPosition);
  });

  it('lets a waiter go when its signal aborts, and every waiter at shutdown', async () => {
    hub(60_000);
    const head = await store.readHeadPosition();
    const client = new AbortController();
    const aborted = sut.waitBeyond(head, client.signal);
    const other = sut.waitBeyond(head, forever);
    client.abort();
    expect(await isSettled(aborted, 200)).toBe(true);
    expect(sut.waiting).toBe(1);
    sut.beforeApplicationShutdown();
    expect(await isSettled(other, 200)).toBe(true);
    expect(sut.stopping.aborted).toBe(true);
    await expect(sut.waitBeyond(head, forever)).resolves.toBeUndefined();
  });
});
