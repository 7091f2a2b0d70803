import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@retrace/event-store';

export interface EventsPage {
  events: RecordedEvent[];
  lastPosition: number;
}

/** The log, after a position or since a time, gap-safe (GET /v1/events). */
export class ReadEventsQuery extends Query<EventsPage> {
  constructor(
    readonly from: { after: number } | { since: Date },
    readonly limit: number,
    readonly types?: string[],
  ) {
    super();
  }
}
