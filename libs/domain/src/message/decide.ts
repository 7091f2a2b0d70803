import { decideAccept } from './decide-accept';
import { decideCancel } from './decide-cancel';
import { decideReplay } from './decide-replay';
import { decideRetract } from './decide-retract';
import { decideStepOutcome } from './decide-step-outcome';
import { decideStepStarted } from './decide-step-started';
import { decideUndo } from './decide-undo';
import type { MessageCommand } from './message-commands';
import type { MessageEvent } from './message-events';
import type { MessageState } from './message-state';

/**
 * The message status machine: the events that `command` causes in `state`, oldest first. Pure:
 * ids and times come in on the command. Apply them with {@link evolve}.
 *
 * @throws IllegalTransitionError when the current status does not allow the command (the message
 *   names the status and what would work instead); IrreversibleStepsError, UnknownStepError or
 *   InvalidCommandError for the other refusals. A refusal emits nothing.
 */
export function decide(state: MessageState, command: MessageCommand): MessageEvent[] {
  switch (command.type) {
    case 'AcceptMessage':
      return decideAccept(state, command);
    case 'RecordStepStarted':
      return decideStepStarted(state, command);
    case 'RecordStepOutcome':
      return decideStepOutcome(state, command);
    case 'RetractMessage':
      return decideRetract(state);
    case 'CancelMessage':
      return decideCancel(state);
    case 'UndoMessage':
      return decideUndo(state, command);
    case 'ReplayMessage':
      return decideReplay(state, command);
  }
}
