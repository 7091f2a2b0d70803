/** Tuning of the live tail (`GET /v1/events/stream`). */
export interface LiveTailOptions {
  /** How often the hub re-reads the head while tails wait: the fallback for a lost NOTIFY or a rollback. */
  pollMs: number;
  /** How often an idle stream sends a `: keep-alive` comment, so proxies keep the connection open. */
  heartbeatMs: number;
  /** Events read per query; a tail catching up reads page after page without waiting. */
  batchSize: number;
}

export const DEFAULT_LIVE_TAIL_OPTIONS: LiveTailOptions = { pollMs: 1000, heartbeatMs: 15_000, batchSize: 200 };

/** Read at each use, so a test (or an operator's hook) may change it on a running app. */
export const LIVE_TAIL_OPTIONS = Symbol('LIVE_TAIL_OPTIONS');
