import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { appendToStream, readStreamVersion } from './append-to-stream';
import { appendToStreams, type StreamAppend } from './append-to-streams';
import { AppendSignal } from './append-signal';
import type { AppendCompanion, AppendResult, ExpectedVersion, NewEvent, ReadAllResult, RecordedEvent } from './event-store.types';
import { type ReadAllOptions, type ReadSinceOptions, readAll, readSince } from './read-all';
import { readHeadPosition } from './read-head-position';
import { listen, type Listener } from './listen';
import { readStream } from './read-stream';
import { type PgQueryable, PgSqlRunner, type SqlRunner, TransactionRunner } from './sql-runner';

interface PgPool extends PgQueryable {
  connect(): Promise<PgQueryable & { release(destroy?: boolean): void } & Pick<EventEmitter, 'on' | 'off'>>;
}

/**
 * A connection of the pool held by one caller until `release`, its statements autocommitted unless in
 * its `transaction`: for what must outlive a commit on the connection that made it, such as session
 * advisory locks.
 */
export interface StoreSession {
  readonly sql: SqlRunner;
  /** A transaction on the session's connection (see EventStore.transaction); what outlives it stays. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Gives the connection back (closed instead when `destroy`, or when the server dropped it). */
  release(destroy?: boolean): void;
}

/**
 * The PostgreSQL event log: append with optimistic concurrency, read a stream, tail the log.
 * Runs raw SQL on the DataSource's pg pool (tables from EVENT_STORE_MIGRATIONS, in the
 * connection's search_path schema).
 */
export class EventStore {
  /** The pool as a SqlRunner (autocommit). */
  readonly sql: SqlRunner;
  private readonly signal = new AppendSignal(() => this.sql);

  constructor(private readonly dataSource: DataSource) {
    if (dataSource.options.type !== 'postgres') {
      throw new TypeError(`EventStore needs a postgres DataSource, got ${dataSource.options.type}`);
    }
    this.sql = new PgSqlRunner({ query: (config) => this.pool().query(config) });
  }

  /**
   * LISTENs on the channel an SQL expression names (e.g. EVENTS_CHANNEL_SQL) on a
   * connection of its own; see {@link listen}.
   */
  listen(channel: string, onNotify: () => void, onError: (error: unknown) => void): Promise<Listener> {
    return listen(() => this.pool().connect() as never, channel, onNotify, onError);
  }

  /**
   * Calls `listener` after each append this process commits (other processes' appends arrive as
   * NOTIFY on EVENTS_CHANNEL_SQL, see {@link listen}). Returns the unsubscribe.
   */
  onAppended(listener: () => void): () => void {
    return this.signal.subscribe(listener);
  }

  /** One READ COMMITTED transaction; everything done through `tx` commits or rolls back together. */
  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const session = await this.session();
    try {
      return await session.transaction(fn);
    } finally {
      session.release();
    }
  }

  /** A transaction on `client`; a failed ROLLBACK marks the connection broken. */
  private async transactionOn<T>(client: PgQueryable, state: { broken: boolean }, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    try {
      await client.query({ text: 'BEGIN ISOLATION LEVEL READ COMMITTED' });
      const runner = new TransactionRunner(client);
      const result = await fn(runner);
      const commit = await client.query({ text: 'COMMIT' });
      // COMMIT of a transaction whose statement failed (and whose error fn swallowed) rolls back.
      if (commit.command === 'ROLLBACK') {
        throw new Error('transaction rolled back: a statement inside it failed and its error was caught');
      }
      if (runner.appendedEvents) this.signal.committed();
      return result;
    } catch (error) {
      await client.query({ text: 'ROLLBACK' }).catch(() => (state.broken = true));
      throw error;
    }
  }

  /** A connection of its own, held until released; see {@link StoreSession}. */
  async session(): Promise<StoreSession> {
    const client = await this.pool().connect();
    const state = { broken: false };
    // A checked-out connection the server drops (a restart) emits 'error' even between statements;
    // unheard, that would crash the process. The statement in flight, or the next, fails by itself.
    const onError = () => (state.broken = true);
    client.on('error', onError);
    let released = false;
    return {
      sql: new PgSqlRunner(client),
      transaction: (fn) => this.transactionOn(client, state, fn),
      release: (destroy = false) => {
        if (released) return;
        released = true;
        client.off('error', onError);
        client.release(state.broken || destroy);
      },
    };
  }

  /**
   * Appends atomically; in `tx` when given, else as one autocommitted statement.
   * @throws StreamVersionConflictError when the stream is not at `expectedVersion`
   */
  async appendToStream(streamId: string, events: NewEvent[], expectedVersion: ExpectedVersion, tx?: SqlRunner): Promise<AppendResult> {
    const result = await appendToStream(tx ?? this.sql, streamId, events, expectedVersion, this.sql);
    this.appended(tx, events.length > 0);
    return result;
  }

  /**
   * Appends to several streams in one statement, with `companions` that may select FROM
   * `appended(stream_id, position, stream_version)`; see {@link appendToStreams}. Returns per
   * append what it wrote, or null when its stream was not at its expected version.
   * @throws StreamVersionConflictError when a writer in flight took a version (nothing was written)
   */
  async appendToStreams(appends: readonly StreamAppend[], companions: readonly AppendCompanion[] = [], tx?: SqlRunner): Promise<(AppendResult | null)[]> {
    const results = await appendToStreams(tx ?? this.sql, appends, companions, this.sql);
    this.appended(tx, results.some((result) => result !== null));
    return results;
  }

  /** Listeners hear of an append after its commit: now, or when our transaction `tx` commits. */
  private appended(tx: SqlRunner | undefined, wrote: boolean): void {
    if (tx instanceof TransactionRunner) tx.appendedEvents = true;
    // Autocommitted, or in a transaction that is not ours (its readers re-check and poll anyway).
    else if (wrote) this.signal.committed();
  }

  /** The stream's last version, 0 when it does not exist. */
  readStreamVersion(streamId: string): Promise<number> {
    return readStreamVersion(this.sql, streamId);
  }

  /** The stream's events from `fromVersion` (default 1), oldest first. */
  readStream(streamId: string, opts: { fromVersion?: number; tx?: SqlRunner } = {}): Promise<RecordedEvent[]> {
    return readStream(opts.tx ?? this.sql, streamId, opts.fromVersion);
  }

  /** Events with position > after, in position order, never skipping a late commit. */
  readAll(opts: ReadAllOptions): Promise<ReadAllResult> {
    return readAll(this.sql, opts);
  }

  /** Events whose created_at >= since, in position order; cost follows what is returned. */
  readSince(opts: ReadSinceOptions): Promise<ReadAllResult> {
    return readSince(this.sql, opts);
  }

  /** Highest position a tailing reader may safely have read up to now (the gap-safe high-water mark). */
  readHeadPosition(): Promise<number> {
    return readHeadPosition(this.sql);
  }

  private pool(): PgPool {
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (!this.dataSource.isInitialized || pool === undefined) {
      throw new Error('EventStore: the DataSource is not initialized; await dataSource.initialize() (or migrateDatabase) first');
    }
    return pool;
  }
}
