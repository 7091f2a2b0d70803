import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@retrace/event-store';

export interface EventsPage {
  events: RecordedEvent[];
  lastPosition: number;
}

/**
 * The log, after a position or since a time, gap-safe (GET /v1/events). `saga` keeps the events of
 * that saga's messages and of its definition stream.
 */
export class ReadEventsQuery extends Query<EventsPage> {
  constructor(
    readonly from: { after: number } | { since: Date },
    readonly limit: number,
    readonly types?: string[],
    readonly saga?: string,
  ) {
    super();
  }
}
