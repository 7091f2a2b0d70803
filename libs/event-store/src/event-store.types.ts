/** Who and why, carried with every event; free-form beyond the well-known keys. */
export interface EventMetadata {
  actor?: string | null;
  reason?: string | null;
  runId?: string | null;
  causationId?: string | null;
  correlationId?: string | null;
  operationId?: string | null;
  /** The saga a message event belongs to: what `ReadFilter.saga` selects on (an indexed key). */
  saga?: string | null;
  [key: string]: unknown;
}

/** An event to append: a stable `type` and a JSON payload. */
export interface NewEvent {
  type: string;
  data: unknown;
  metadata?: EventMetadata;
}

/** An event as stored in the log. `createdAt` is the database clock (start of the appending transaction). */
export interface RecordedEvent {
  /** Global order in the log. Increasing, but may have holes left by rolled-back appends. */
  position: number;
  streamId: string;
  /** 1 for the first event of a stream, then +1 per event, without holes. */
  streamVersion: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  createdAt: Date;
}

/** number N: the stream's current last version must be exactly N (0 = stream must not exist yet); 'any': no check */
export type ExpectedVersion = number | 'any';

/** What an append wrote: the stream's new version and the positions of the appended events, in order. */
export interface AppendResult {
  streamVersion: number;
  positions: number[];
  /** Position of the last appended event (0 when nothing was appended). */
  lastPosition: number;
}

/**
 * A page of the global log. `lastPosition` is where the next page starts: the last returned
 * position when the page is full, else the gap-safe head the read covered (never below `after`),
 * so a filtered reader continues past what the filter skipped instead of scanning it again.
 */
export interface ReadAllResult {
  events: RecordedEvent[];
  lastPosition: number;
}

/** Filters shared by the global reads. */
export interface ReadFilter {
  limit: number;
  /** Only events of these types. */
  types?: string[];
  /** Only events whose stream id starts with this (e.g. `message-`). */
  streamPrefix?: string;
  /**
   * Only the events of one saga: those whose `metadata.saga` is this name (message events carry it)
   * and those of the saga's own stream `saga-<name>`. Indexed by `events_saga_idx`.
   */
  saga?: string;
}

/**
 * A write that must commit with an append (EventStore.appendToStreams), run inside the append's own
 * statement (one round trip): a data-modifying SQL statement whose `$1..$n` are its `params`, and
 * which may select from `appended(stream_id, position, stream_version)` — the rows the append
 * inserted, none of a stream whose version check failed (join to it, so the companion then changes
 * nothing of that stream either). `name` names the statement's
 * shape in the prepared-statement cache: the same name must always come with the same `sql`.
 */
export interface AppendCompanion {
  name: string;
  sql: string;
  params: unknown[];
  /**
   * Set when the companion's statement ends in `RETURNING <text> AS returned, …`: called, once the
   * statement has run, with those values (e.g. the keys it inserted, where a conflict skipped some).
   */
  onReturned?: (values: string[]) => void;
}
