import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@retrace/event-store';

/** A live tail of the log: pages of events as they commit, oldest first, until `signal` aborts. */
export interface LiveTail {
  /**
   * Each page is read only when the previous one was consumed: a slow consumer holds the reading
   * back instead of letting pages pile up in memory. Ends when the signal aborts.
   */
  pages: AsyncIterable<RecordedEvent[]>;
  /** How often the transport should send a keep-alive while nothing happens. */
  heartbeatMs: number;
  /** Aborts when the query's signal does or the app shuts down: the transport should end then. */
  signal: AbortSignal;
}

/** Follows the log after a position or since a time, with the filters of `GET /v1/events`. */
export class TailEventsQuery extends Query<LiveTail> {
  constructor(
    readonly from: { after: number } | { since: Date },
    readonly filter: { types?: string[]; saga?: string },
    readonly signal: AbortSignal,
  ) {
    super();
  }
}
