import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore, type RecordedEvent } from '@retrace/event-store';
import { MessageNotFoundError } from '../errors';
import { messageStreamId } from '../messages/stored-message';
import { GetMessageEventsQuery } from './get-message-events.query';

@QueryHandler(GetMessageEventsQuery)
export class GetMessageEventsHandler implements IQueryHandler<GetMessageEventsQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ id }: GetMessageEventsQuery): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(messageStreamId(id));
    if (events.length === 0) throw new MessageNotFoundError(id);
    return events;
  }
}
