import { MESSAGE_STREAM_PREFIX, type MessageState } from '@retrace/domain';

/** A message as its read model holds it: the fold of its stream, and where that stream stands. */
export interface StoredMessage {
  id: string;
  state: MessageState;
  streamVersion: number;
  acceptedPosition: number;
  lastPosition: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The stream a message's events are recorded in. */
export const messageStreamId = (id: string): string => `${MESSAGE_STREAM_PREFIX}${id}`;
