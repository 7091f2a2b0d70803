import {
  MESSAGE_STREAM_PREFIX,
  SAGA_STREAM_PREFIX,
  SUBSCRIPTION_STREAM_PREFIX,
  type SubscriptionFilter,
} from './subscription-definition';

/** What the filter looks at of an event. */
export interface FilteredEvent {
  type: string;
  streamId: string;
}

/**
 * Whether a filter takes the events of `subscription-*` streams (acks, resets). Only a
 * `streamPrefix` that itself starts with `subscription-` does: otherwise every subscriber would see
 * every other group's acks, and its own acks would keep it busy.
 */
export const deliversSubscriptionStreams = (filter: SubscriptionFilter): boolean =>
  filter.streamPrefix !== undefined && filter.streamPrefix.startsWith(SUBSCRIPTION_STREAM_PREFIX);

/** The message id of a `message-<id>` stream, or undefined for any other stream. */
export const messageIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(MESSAGE_STREAM_PREFIX) ? streamId.slice(MESSAGE_STREAM_PREFIX.length) : undefined;

/**
 * Whether a subscription delivers `event`. `messageSaga` is the saga of the event's message when
 * its stream is `message-<id>` (the caller looks it up; only needed with a `saga` filter). A saga
 * filter takes that saga's messages' events and its registrations (`saga-<name>`).
 */
export function matchesSubscriptionFilter(filter: SubscriptionFilter, event: FilteredEvent, messageSaga?: string): boolean {
  if (event.streamId.startsWith(SUBSCRIPTION_STREAM_PREFIX) && !deliversSubscriptionStreams(filter)) return false;
  if (filter.types !== undefined && !filter.types.includes(event.type)) return false;
  if (filter.streamPrefix !== undefined && !event.streamId.startsWith(filter.streamPrefix)) return false;
  if (filter.saga !== undefined) {
    const ofMessage = messageIdOfStream(event.streamId) !== undefined && messageSaga === filter.saga;
    if (!ofMessage && event.streamId !== `${SAGA_STREAM_PREFIX}${filter.saga}`) return false;
  }
  return true;
}
