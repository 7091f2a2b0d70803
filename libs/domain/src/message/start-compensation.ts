import { emit, type Decision } from './decision';
import type { CompensationSkipped, StepDispatched } from './message-events';
import type { MessageStatus } from './message-status';
import type { MessageState, StepState } from './message-state';

export type CompensationTrigger = 'failure' | 'cancel' | 'undo';

/** Steps whose effect is in place, in the order their compensations run (the saga's, reversed). */
export function stepsInPlace(state: MessageState): StepState[] {
  return state.steps.filter((step) => step.status === 'SUCCEEDED' || step.status === 'COMPENSATION_FAILED').reverse();
}

/**
 * Begins compensating the steps in place: irreversible ones are recorded as skipped, the others
 * run one at a time in reverse order, starting with the first one dispatched here. With nothing
 * to run the message settles at once. `cause` says why, for the settlement's reason.
 */
export function startCompensation(decision: Decision, trigger: CompensationTrigger, cause: string): Decision {
  const inPlace = stepsInPlace(decision.state);
  const { runId } = decision.state;
  let next = emit(decision, ...inPlace.filter((step) => !step.compensable).map((step) => skipped(runId, step.name)));
  const toRun = inPlace.filter((step) => step.compensable).map((step) => step.name);
  if (toRun.length === 0) {
    const status = trigger === 'undo' ? 'REVOKED' : next.state.runs > 1 ? 'REPLAY_FAILED' : 'FAILED';
    return settle(next, status, `${cause}; nothing to compensate`);
  }
  next = emit(next, {
    type: 'CompensationStarted',
    data: { runId, trigger, steps: toRun, status: trigger === 'undo' ? 'REVOKING' : 'COMPENSATING' },
  });
  return emit(next, dispatched(runId, toRun[0]));
}

/** After a compensation succeeded: dispatch the next one, or settle when none is owed. */
export function continueCompensation(decision: Decision): Decision {
  const { state } = decision;
  const [nextStep] = state.compensationQueue;
  if (nextStep !== undefined) {
    return emit(decision, dispatched(state.runId, nextStep));
  }
  if (state.compensationTrigger === 'undo') return settle(decision, 'REVOKED', 'undone');
  if (state.runs > 1) return settle(decision, 'REPLAY_FAILED', `replay compensated after ${triggerText(state)}`);
  return settle(decision, 'COMPENSATED', `compensated after ${triggerText(state)}`);
}

/** Records that the message reached `status`. */
export function settle(decision: Decision, status: MessageStatus, reason: string | null): Decision {
  return emit(decision, { type: 'MessageSettled', data: { runId: decision.state.runId, status, reason } });
}

/** An irreversible step passed over by a compensation. */
export function skipped(runId: string, step: string): CompensationSkipped {
  return { type: 'CompensationSkipped', data: { runId, step, reason: 'irreversible' } };
}

function dispatched(runId: string, step: string): StepDispatched {
  return { type: 'StepDispatched', data: { runId, step, kind: 'compensation', delayMs: 0 } };
}

function triggerText(state: MessageState): string {
  return state.compensationTrigger === 'cancel' ? 'cancel' : 'a step failed';
}
