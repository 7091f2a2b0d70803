import { checkReply, replyIgnored } from './check-reply';
import { emit, startDecision, type Decision } from './decision';
import { stepStarted } from './decide-step-started';
import type { RecordStepOutcome } from './message-commands';
import type { MessageEvent, StepError } from './message-events';
import type { MessageStatus } from './message-status';
import type { MessageState } from './message-state';
import { continueCompensation, settle, startCompensation } from './start-compensation';
import { refuse } from './refuse';

/**
 * Applies a worker's outcome for the current job and decides what follows: the next step, a retry,
 * compensation, or settlement. A late or duplicate outcome is recorded and ignored.
 */
export function decideStepOutcome(state: MessageState, command: RecordStepOutcome): MessageEvent[] {
  if (state.status === null) throw refuse('record a step outcome for', state, {});
  const verdict = checkReply(state, command);
  if (!verdict.applies) return [replyIgnored(command, verdict.why)];
  let decision = startDecision(state);
  if (verdict.impliedStart) decision = emit(decision, stepStarted(state, command));
  const { runId, step, kind, attempt, outcome } = command;
  if (!outcome.ok && !outcome.final) {
    return [...emit(decision, { type: 'StepAttemptFailed', data: { runId, step, kind, attempt, error: outcome.error } }).events];
  }
  decision = emit(decision, outcomeEvent(command, decision.state.status ?? 'PROCESSING'));
  if (kind === 'compensation') {
    decision = outcome.ok ? continueCompensation(decision) : compensationGaveUp(decision, step, outcome.error);
  } else {
    decision = outcome.ok ? afterActionSucceeded(decision, step) : afterActionFailed(decision, step, outcome.error);
  }
  return [...decision.events];
}

function outcomeEvent(command: RecordStepOutcome, status: MessageStatus): MessageEvent {
  const { runId, step, kind, attempt, outcome } = command;
  return outcome.ok
    ? { type: 'StepSucceeded', data: { runId, step, kind, attempt, result: outcome.result, status } }
    : { type: 'StepFailed', data: { runId, step, kind, attempt, error: outcome.error, status } };
}

function afterActionSucceeded(decision: Decision, step: string): Decision {
  const { state } = decision;
  if (state.cancelRequested) return startCompensation(decision, 'cancel', 'cancelled');
  const done = state.steps.findIndex(({ name }) => name === step);
  const next = state.steps.slice(done + 1).find(({ reused }) => !reused);
  if (next === undefined) return settle(decision, 'COMPLETED', null);
  return emit(decision, { type: 'StepDispatched', data: { runId: state.runId, step: next.name, kind: 'action', delayMs: 0 } });
}

function afterActionFailed(decision: Decision, step: string, error: StepError): Decision {
  const { state } = decision;
  const cause = `step ${step} failed: ${error.message}`;
  if (state.cancelRequested) return startCompensation(decision, 'cancel', `cancelled; ${cause}`);
  if (state.onFailure === 'pause') {
    return settle(decision, 'FAILED', `${cause}; paused (onFailure: pause) — replay to resume, or undo`);
  }
  return startCompensation(decision, 'failure', cause);
}

function compensationGaveUp(decision: Decision, step: string, error: StepError): Decision {
  const status = decision.state.compensationTrigger === 'undo' ? 'REVOKE_FAILED' : 'COMPENSATION_FAILED';
  return settle(decision, status, `compensation of ${step} failed: ${error.message}; undo retries the compensations still owed`);
}
