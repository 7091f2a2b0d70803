import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@retrace/event-store';
import { ReadEventsQuery, type EventsPage } from './read-events.query';

@QueryHandler(ReadEventsQuery)
export class ReadEventsHandler implements IQueryHandler<ReadEventsQuery> {
  constructor(private readonly store: EventStore) {}

  execute({ from, limit, types, saga }: ReadEventsQuery): Promise<EventsPage> {
    return 'after' in from
      ? this.store.readAll({ after: from.after, limit, types, saga })
      : this.store.readSince({ since: from.since, limit, types, saga });
  }
}
