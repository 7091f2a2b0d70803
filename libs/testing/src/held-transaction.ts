import type { EventStore, SqlRunner } from '@retrace/event-store';

/** A transaction kept open by a test: its row locks and uncommitted writes stay in place. */
export interface HeldTransaction {
  /** Lets it finish (running `atRelease` first, if given) and resolves once it has committed. Safe to call again. */
  release(): Promise<void>;
}

/**
 * Runs `work` in a transaction of `store` and keeps that transaction open until `release()`, so a
 * test can stand in for a writer in flight (an uncommitted append) or a retraction holding a row.
 * Resolves once `work` is done, so what it locked is locked when the test goes on.
 */
export async function holdTransaction(
  store: EventStore,
  work: (tx: SqlRunner) => Promise<unknown>,
  atRelease: (tx: SqlRunner) => Promise<unknown> = async () => undefined,
): Promise<HeldTransaction> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let ready!: () => void;
  const workDone = new Promise<void>((resolve) => (ready = resolve));
  const done = store.transaction(async (tx) => {
    await work(tx);
    ready();
    await released;
    await atRelease(tx);
  });
  // A failing `work` must fail the test rather than leave it waiting.
  await Promise.race([workDone, done]);
  return {
    release: () => {
      release();
      return done;
    },
  };
}
