import { EVENTS_CHANNEL_SQL } from './events-channel';
import type { SqlRunner } from './sql-runner';

/**
 * Wakes whoever waits for new events once an append has committed: listeners in this process at
 * once, other processes through a NOTIFY on the events channel sent after the commit, as a statement
 * of its own, and coalesced: at most one every NOTIFY_INTERVAL_MS (appends meanwhile cause exactly
 * one more), so a busy writer costs other processes' tails a few milliseconds, not a query per append.
 *
 * Why not NOTIFY inside the appending transaction: PostgreSQL takes a database-wide lock for a
 * notifying commit and holds it through the commit's WAL flush, so every append waited for every
 * other one (40–60% of concurrent append throughput here). A NOTIFY in a transaction that wrote
 * nothing has no WAL to flush. Notifications stay a wake-up only: readers also poll.
 */
const NOTIFY_INTERVAL_MS = 10;

export class AppendSignal {
  private readonly listeners = new Set<() => void>();
  private sending = false;
  private sendAgain = false;

  constructor(private readonly sql: () => SqlRunner) {}

  /** Calls `listener` after every append this process commits; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An append has committed. */
  committed(): void {
    for (const listener of this.listeners) listener();
    this.notifyOthers();
  }

  private notifyOthers(): void {
    if (this.sending) {
      this.sendAgain = true;
      return;
    }
    this.sending = true;
    const started = Date.now();
    void Promise.resolve()
      .then(() => this.sql().query(`SELECT pg_notify(${EVENTS_CHANNEL_SQL}, '')`))
      // A lost wake-up only delays a poller; the pool may also be closing.
      .catch(() => undefined)
      .then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + NOTIFY_INTERVAL_MS - Date.now())).unref()))
      .finally(() => {
        this.sending = false;
        if (!this.sendAgain) return;
        this.sendAgain = false;
        this.notifyOthers();
      });
  }
}
