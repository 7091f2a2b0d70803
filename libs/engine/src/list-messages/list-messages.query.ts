import { Query } from '@nestjs/cqrs';
import type { StoredMessage } from '../messages/stored-message';

/** Filters over the messages read model; times and positions are those of acceptance. */
export interface MessageFilter {
  statuses?: readonly string[];
  saga?: string;
  /** Text the message id or correlation id contains, case-insensitive. */
  search?: string;
  from?: Date;
  to?: Date;
  /** The opaque cursor a previous page answered with. */
  cursor?: string;
  limit: number;
}

export interface MessagePage {
  items: StoredMessage[];
  nextCursor: string | null;
}

/** Messages, newest first, a page at a time (keyset paging on the acceptance position). */
export class ListMessagesQuery extends Query<MessagePage> {
  constructor(readonly filter: MessageFilter) {
    super();
  }
}
