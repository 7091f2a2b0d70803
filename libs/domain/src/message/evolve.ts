import type { MessageEvent, ReplayStarted, StepKind } from './message-events';
import type { MessageState, StepState, StepStatus } from './message-state';

/**
 * Applies one event to a message's state and returns the new state; `state` is not changed.
 * Events are facts already decided, so evolve never refuses one.
 */
export function evolve(state: MessageState, event: MessageEvent): MessageState {
  switch (event.type) {
    case 'MessageAccepted': {
      const { steps, status, delayMs: _delayMs, ...fields } = event.data;
      return {
        ...state,
        ...fields,
        status,
        runs: 1,
        replayOf: null,
        steps: steps.map((plan) => freshStep(plan.name, plan.compensable)),
        current: null,
        compensationQueue: [],
        compensationTrigger: null,
        started: false,
        cancelRequested: false,
      };
    }
    case 'StepDispatched': {
      const { step, kind } = event.data;
      const next = { ...state, current: { step, kind, attempt: null } };
      if (kind === 'action') return updateStep(next, step, { status: 'DISPATCHED' });
      return updateStep(
        { ...next, compensationQueue: state.compensationQueue.filter((name) => name !== step) },
        step,
        { status: 'COMPENSATING', attempts: 0, error: null },
      );
    }
    case 'StepStarted': {
      const { step, kind, attempt, status } = event.data;
      const next = { ...state, status, started: true, current: { step, kind, attempt } };
      return updateStep(next, step, { attempts: attempt, ...(kind === 'action' ? { status: 'RUNNING' } : {}) });
    }
    case 'StepAttemptFailed': {
      const { step, kind, attempt, error } = event.data;
      const next = { ...state, current: { step, kind, attempt: null } };
      return updateStep(next, step, { attempts: attempt, error, ...(kind === 'action' ? { status: 'DISPATCHED' } : {}) });
    }
    case 'StepSucceeded': {
      const { step, kind, attempt, result, status } = event.data;
      const done: Partial<StepState> =
        kind === 'action' ? { status: 'SUCCEEDED', result } : { status: 'COMPENSATED' };
      return updateStep({ ...state, status, current: null }, step, { ...done, attempts: attempt, error: null });
    }
    case 'StepFailed': {
      const { step, kind, attempt, error, status } = event.data;
      return updateStep({ ...state, status, current: null }, step, {
        status: failedStatus(kind),
        attempts: attempt,
        error,
      });
    }
    case 'CompensationSkipped':
      return updateStep(state, event.data.step, { status: 'SKIPPED' });
    case 'CompensationStarted': {
      const { trigger, steps, status } = event.data;
      return { ...state, status, compensationTrigger: trigger, compensationQueue: [...steps] };
    }
    case 'CancelRequested':
      return { ...state, status: event.data.status, cancelRequested: true };
    case 'MessageRetracted':
      return { ...state, status: event.data.status, current: null };
    case 'UndoRequested': {
      const { runId, status } = event.data;
      const reset = { current: null, compensationQueue: [], cancelRequested: false };
      return { ...state, ...reset, runId, status, compensationTrigger: 'undo' };
    }
    case 'ReplayStarted':
      return replayStarted(state, event.data);
    case 'MessageSettled':
      return { ...state, status: event.data.status, current: null, compensationQueue: [] };
    case 'ReplyIgnored':
      return state;
  }
}

function replayStarted(state: MessageState, data: ReplayStarted['data']): MessageState {
  const reused = new Set(data.reused);
  return {
    ...state,
    status: data.status,
    runId: data.runId,
    runs: state.runs + 1,
    replayOf: data.replayOf,
    payload: data.payload,
    steps: state.steps.map((step) =>
      reused.has(step.name) ? { ...step, reused: true } : freshStep(step.name, step.compensable),
    ),
    current: null,
    compensationQueue: [],
    compensationTrigger: null,
    cancelRequested: false,
  };
}

function freshStep(name: string, compensable: boolean): StepState {
  return { name, compensable, status: 'PENDING', attempts: 0, result: null, error: null, reused: false };
}

function failedStatus(kind: StepKind): StepStatus {
  return kind === 'action' ? 'FAILED' : 'COMPENSATION_FAILED';
}

function updateStep(state: MessageState, name: string, change: Partial<StepState>): MessageState {
  return { ...state, steps: state.steps.map((step) => (step.name === name ? { ...step, ...change } : step)) };
}
