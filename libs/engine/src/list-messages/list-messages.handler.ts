import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@retrace/event-store';
import { MESSAGE_COLUMNS, toStoredMessage } from '../messages/message-repository';
import { ListMessagesQuery, type MessagePage } from './list-messages.query';
import { decodeMessageCursor, encodeMessageCursor } from './message-cursor';

@QueryHandler(ListMessagesQuery)
export class ListMessagesHandler implements IQueryHandler<ListMessagesQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ filter }: ListMessagesQuery): Promise<MessagePage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (filter.statuses?.length) where.push(`status = ANY(${bind(filter.statuses)}::text[])`);
    if (filter.saga) where.push(`saga = ${bind(filter.saga)}`);
    if (filter.search) {
      // A substring, not a pattern: LIKE's wildcards in the text match themselves.
      const pattern = bind(`%${filter.search.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`(id ILIKE ${pattern} OR state->>'correlationId' ILIKE ${pattern})`);
    }
    if (filter.from) where.push(`created_at >= ${bind(filter.from)}`);
    // Inclusive to the millisecond the API shows (PostgreSQL keeps microseconds).
    if (filter.to) where.push(`created_at < ${bind(filter.to)}::timestamptz + interval '1 millisecond'`);
    if (filter.cursor) where.push(`accepted_position < ${bind(decodeMessageCursor(filter.cursor))}`);
    const rows = await this.store.sql.query<Parameters<typeof toStoredMessage>[0]>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY accepted_position DESC LIMIT ${bind(filter.limit + 1)}`,
      params,
    );
    const items = rows.slice(0, filter.limit).map(toStoredMessage);
    const more = rows.length > filter.limit;
    return { items, nextCursor: more ? encodeMessageCursor(items[items.length - 1].acceptedPosition) : null };
  }
}
