import { InvalidCommandError } from '../errors/invalid-command.error';
import type { AcceptMessage } from './message-commands';
import type { MessageEvent } from './message-events';
import type { MessageState } from './message-state';
import { refuse } from './refuse';

const ACCEPTED_ONCE = 'a message is accepted once — publish the new one under another id';

/** Accepts a new message and dispatches its first step (after `delayMs`). */
export function decideAccept(state: MessageState, command: AcceptMessage): MessageEvent[] {
  if (state.status !== null) throw refuse('accept', state, { [state.status]: ACCEPTED_ONCE });
  const names = command.steps.map((step) => step.name);
  if (names.length === 0) throw new InvalidCommandError('AcceptMessage', 'the saga has no steps');
  if (new Set(names).size !== names.length) {
    throw new InvalidCommandError('AcceptMessage', `step names must be unique, got ${names.join(', ')}`);
  }
  const { saga, sagaVersion, messageType, payload, correlationId, delayMs, runId, steps, onFailure } = command;
  return [
    {
      type: 'MessageAccepted',
      data: { saga, sagaVersion, messageType, payload, correlationId, delayMs, runId, steps, onFailure, status: 'PENDING' },
    },
    { type: 'StepDispatched', data: { runId, step: names[0], kind: 'action', delayMs } },
  ];
}
