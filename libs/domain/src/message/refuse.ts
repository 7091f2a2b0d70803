import { IllegalTransitionError } from '../errors/illegal-transition.error';
import type { MessageState } from './message-state';
import type { MessageStatus } from './message-status';

/** What would work instead, for each status in which a command is refused. */
export type RefusalHints = Partial<Record<MessageStatus, string>>;

const NOT_ACCEPTED_HINT = 'no message was accepted under this id — publish it first';

/** The error for `command` in the message's current status, with the way out for that status. */
export function refuse(command: string, state: MessageState, hints: RefusalHints): IllegalTransitionError {
  const hint = state.status === null ? NOT_ACCEPTED_HINT : (hints[state.status] ?? 'it is not allowed in this status');
  return new IllegalTransitionError(command, state.status, hint);
}
