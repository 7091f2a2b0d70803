import { Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@retrace/event-store';

/** A message's whole history, oldest first. */
export class GetMessageEventsQuery extends Query<RecordedEvent[]> {
  constructor(readonly id: string) {
    super();
  }
}
