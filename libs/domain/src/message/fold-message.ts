import { evolve } from './evolve';
import type { MessageEvent } from './message-events';
import { INITIAL_MESSAGE_STATE, type MessageState } from './message-state';

/** The state of a message after all of its events, oldest first. */
export function foldMessage(events: readonly MessageEvent[]): MessageState {
  return events.reduce(evolve, INITIAL_MESSAGE_STATE);
}
