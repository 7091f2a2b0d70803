import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EVENTS_CHANNEL_SQL, EventStore, type Listener } from '@retrace/event-store';
import { LIVE_TAIL_OPTIONS, type LiveTailOptions } from './live-tail-options';

interface Waiter {
  after: number;
  wake: () => void;
}

/**
 * Wakes live tails when the log's gap-safe head passes where they stopped. One per process: one
 * LISTEN connection and one head query per wake-up, shared by every tail however many clients
 * stream. Appends this process commits wake it directly (EventStore.onAppended), other processes'
 * through their NOTIFY. A wake-up only says "an append committed"; the head says how far a tail may read, so it
 * is read after each notification (coalesced). It is also read every `pollMs` while tails wait:
 * a rolled-back append releases the head without a notification, and LISTEN connections drop.
 */
@Injectable()
export class LiveTailHub implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LiveTailHub.name);
  private readonly waiters = new Set<Waiter>();
  private listener: Promise<Listener | null> | null = null;
  private poll: NodeJS.Timeout | null = null;
  private relisten: NodeJS.Timeout | null = null;
  private unsubscribeLocal: (() => void) | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private readonly shutdown = new AbortController();

  constructor(
    private readonly store: EventStore,
    @Inject(LIVE_TAIL_OPTIONS) private readonly options: LiveTailOptions,
  ) {}

  /**
   * Aborts when the app starts shutting down, before the HTTP server closes: streams must end
   * first, or the server would wait for them forever.
   */
  get stopping(): AbortSignal {
    return this.shutdown.signal;
  }

  /** How many tails wait right now (for tests and metrics). */
  get waiting(): number {
    return this.waiters.size;
  }

  /**
   * Resolves once a head read after this call is past `after`, or when `signal` aborts or the app
   * shuts down. No cached head is trusted: a tail woken by a stale one would read nothing and spin.
   */
  waitBeyond(after: number, signal: AbortSignal): Promise<void> {
    if (this.stopping.aborted || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        after,
        wake: () => {
          this.waiters.delete(waiter);
          signal.removeEventListener('abort', waiter.wake);
          if (this.waiters.size === 0) this.stopPolling();
          resolve();
        },
      };
      signal.addEventListener('abort', waiter.wake, { once: true });
      this.waiters.add(waiter);
      this.startListening();
      this.poll ??= setInterval(() => void this.refresh(), this.options.pollMs);
      void this.refresh();
    });
  }

  beforeApplicationShutdown(): void {
    this.shutdown.abort();
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.beforeApplicationShutdown();
    this.stopPolling();
    this.unsubscribeLocal?.();
    if (this.relisten) clearTimeout(this.relisten);
    await (await this.listener)?.close();
    await this.refreshing;
  }

  /** Reads the head and wakes the tails it passed; calls during a read run once more after it. */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        if (this.waiters.size === 0 || this.stopping.aborted) break;
        try {
          const head = await this.store.readHeadPosition();
          for (const waiter of [...this.waiters]) if (head > waiter.after) waiter.wake();
        } catch (error) {
          this.logger.warn(`cannot read the log's head (${String(error)}); trying again in ${this.options.pollMs} ms`);
          break;
        }
      } while (this.refreshAgain);
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private startListening(): void {
    if (this.stopping.aborted) return;
    this.unsubscribeLocal ??= this.store.onAppended(() => void this.refresh());
    if (this.listener) return;
    const retry = (error: unknown) => {
      this.logger.warn(`live tail LISTEN failed (${String(error)}); polling every ${this.options.pollMs} ms until it is back`);
      if (this.stopping.aborted) return;
      this.relisten = setTimeout(() => {
        this.listener = null;
        if (this.waiters.size > 0) this.startListening();
      }, this.options.pollMs);
    };
    this.listener = this.store
      .listen(EVENTS_CHANNEL_SQL, () => void this.refresh(), retry)
      .then(async (listener) => {
        // Shut down while connecting: nobody else will close it.
        if (this.stopping.aborted) await listener.close();
        return this.stopping.aborted ? null : listener;
      })
      .catch((error: unknown) => (retry(error), null));
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }
}
