import type { RecordedEvent, SqlRunner } from '@retrace/event-store';

/**
 * An event as a projection sees it: the recorded event and the id of the transaction that appended
 * it. Of a message event's metadata only `operationId` is read (see read-projected-events.ts): a
 * projection that needs more of it must add it there. Events of one transaction are one decision
 * (one append), which is what the live path judges a message's schedule on. Exact times are never taken from `createdAt` (milliseconds): appliers
 * use `createdUs`, or copy `events.created_at` by position in SQL.
 */
export interface ProjectedEvent extends RecordedEvent {
  xid: string;
  /** `created_at` exactly: microseconds since the Unix epoch, as a decimal string (never a float on the way). */
  createdUs: string;
}

/** A read-model table a projection fills. */
export interface ProjectionTable {
  /** The live table. Its shadow while rebuilding is {@link shadowTable}. */
  name: string;
  /** Primary-key columns: how shadow rows are matched with live rows. */
  key: readonly string[];
  /**
   * Operational columns that are not derived from the log (a lease); the swap leaves the live
   * values in place and they are not part of the equality claim.
   */
  keep?: readonly string[];
  /**
   * For a row the swap corrects: what to write into some of the `keep` columns instead of their live
   * value, as SQL over the live row `l` and the rebuilt row `s` (e.g. bump a compare-and-set
   * generation). A row inserted by the swap takes every column from the rebuilt row.
   */
  onCorrect?: Readonly<Record<string, string>>;
  /** Extra column definitions the shadow needs while it is built (never copied to the live table). */
  helperColumns?: string;
}

/** Tuning the live path also uses, so that a rebuild derives the same values. */
export interface ProjectionOptions {
  /** EngineOptions.firstCheckMs: part of `messages.check_at`. */
  firstCheckMs: number;
}

/**
 * One rebuild's worker for a projection; it may keep state across pages (saga definitions, the rows
 * it just wrote). Pages come in position order. A page whose transaction rolled back is applied
 * again, from its own first position or an earlier one, before any later page: an applier may
 * trust what it remembers of the previous page only for a page that starts after it.
 */
export interface ProjectionApplier {
  /** Applies events (position order, oldest first) to the projection's shadow tables through `tx`. */
  apply(tx: SqlRunner, events: readonly ProjectedEvent[]): Promise<void>;
}

/**
 * A read model as a registered unit: its tables and how to build them from the log alone. The live
 * path may keep writing its rows in the append's transaction; a rebuild must produce the same rows.
 *
 * Rule for live writers, which makes the rebuild's swap safe: a transaction that appends events
 * must write the projection's tables either before its append (then the swap's table lock waits for
 * it to commit) or as an absolute write of the whole row (then, if it lands after the swap, it
 * leaves the same row the rebuild would have).
 */
export interface Projection {
  readonly name: string;
  /** In dependency order: a table referenced by a foreign key comes before the tables that reference it. */
  readonly tables: readonly ProjectionTable[];
  begin(options: ProjectionOptions): ProjectionApplier;
}

/** Where a rebuild builds a table before swapping it in. */
export const shadowTable = (table: string): string => `${table}_rebuild`;
