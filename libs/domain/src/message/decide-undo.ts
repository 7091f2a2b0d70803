import { IrreversibleStepsError } from '../errors/irreversible-steps.error';
import { emit, startDecision } from './decision';
import type { UndoMessage } from './message-commands';
import type { MessageEvent } from './message-events';
import type { MessageState } from './message-state';
import type { MessageStatus } from './message-status';
import { refuse, type RefusalHints } from './refuse';
import { skipped, startCompensation, stepsInPlace } from './start-compensation';

const UNDOABLE: readonly MessageStatus[] = ['COMPLETED', 'FAILED', 'COMPENSATION_FAILED', 'REVOKE_FAILED'];

const HINTS: RefusalHints = {
  PENDING: 'no step has started yet — use retract',
  PROCESSING: 'its steps are still running — use cancel to stop it and compensate',
  REPLAYING: 'a replay is running — use cancel to stop it and compensate',
  COMPENSATING: 'it is already being compensated; wait for it to settle',
  REVOKING: 'an undo is already running; wait for it to settle',
  COMPENSATED: 'nothing is in place to undo — its steps are already compensated',
  REVOKED: 'nothing is in place to undo — its steps are already compensated',
  REPLAY_FAILED: 'nothing is in place to undo — the failed replay was compensated; use replay to run it again',
  RETRACTED: 'there is nothing to undo — no step ever ran',
};

/**
 * Compensates the steps in place, in reverse, as a new run. Irreversible steps among them are
 * refused unless `force`, which skips them and records that it did. On COMPENSATION_FAILED and
 * REVOKE_FAILED this retries the compensations still owed.
 */
export function decideUndo(state: MessageState, command: UndoMessage): MessageEvent[] {
  if (state.status === null || !UNDOABLE.includes(state.status)) throw refuse('undo', state, HINTS);
  const irreversible = stepsInPlace(state)
    .filter((step) => !step.compensable)
    .map((step) => step.name);
  if (irreversible.length > 0 && !command.force) throw new IrreversibleStepsError([...irreversible].reverse());
  const { runId, force } = command;
  const decision = emit(
    startDecision(state),
    { type: 'UndoRequested', data: { runId, force, skipped: irreversible, status: 'REVOKING' } },
    ...irreversible.map((step) => skipped(runId, step)),
  );
  return [...startCompensation(decision, 'undo', 'undone').events];
}
